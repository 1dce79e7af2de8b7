'''Plausible wrong answers to sheet11 (SGD with momentum, Adam, batch normalization): each must fail its tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "sgd_momentum_step": {
        "parameters moved with the old velocity": '''
def sgd_momentum_step(w, grad, velocity, lr, momentum):
    w = w - lr * velocity
    velocity = momentum * velocity + grad
    return w, velocity
''',
        "gradient step first, then velocity": '''
def sgd_momentum_step(w, grad, velocity, lr, momentum):
    w = w - lr * grad
    velocity = momentum * velocity + grad
    return w, velocity
''',
        "dampening (1 - momentum)": '''
def sgd_momentum_step(w, grad, velocity, lr, momentum):
    velocity = momentum * velocity + (1 - momentum) * grad
    return w - lr * velocity, velocity
''',
        "lr inside the velocity and subtracted again": '''
def sgd_momentum_step(w, grad, velocity, lr, momentum):
    velocity = momentum * velocity + lr * grad
    return w - lr * velocity, velocity
''',
        "Nesterov instead of heavy ball": '''
def sgd_momentum_step(w, grad, velocity, lr, momentum):
    velocity = momentum * velocity + grad
    return w - lr * (grad + momentum * velocity), velocity
''',
    },
    "adam_step": {
        "no bias correction": '''
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    return w - lr * m / (np.sqrt(v) + eps), m, v
''',
        "bias correction with t counted from 0": '''
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1 ** (t + 1))
    v_hat = v / (1 - beta2 ** (t + 1))
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
''',
        "eps inside the square root": '''
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - lr * m_hat / np.sqrt(v_hat + eps), m, v
''',
        "beta1 and beta2 swapped in the averages": '''
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta2 * m + (1 - beta2) * grad
    v = beta1 * v + (1 - beta1) * grad**2
    m_hat = m / (1 - beta2**t)
    v_hat = v / (1 - beta1**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v
''',
        "returns the bias-corrected averages": '''
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m_hat, v_hat
''',
        "eps added to v_hat outside the root": '''
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps * np.sqrt(1 - beta2**t)), m, v
''',
    },
    "batchnorm_forward": {
        "unbiased batch variance": '''
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0, ddof=1)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)
''',
        "normalises over the feature axis (layer norm)": '''
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)
''',
        "eps added to the standard deviation": '''
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    inv_std = 1.0 / (np.sqrt(var) + eps)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)
''',
        "eps ignored": '''
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    inv_std = 1.0 / np.sqrt(var)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, gamma, inv_std)
''',
        "shift before scale": '''
def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    return gamma * (x_hat + beta), (x_hat, gamma, inv_std)
''',
    },
    "batchnorm_backward": {
        "missing the mean-of-dxhat terms": '''
def batchnorm_backward(dy, cache):
    x_hat, gamma, inv_std = cache
    return dy * gamma * inv_std, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
''',
        "missing the variance term": '''
def batchnorm_backward(dy, cache):
    x_hat, gamma, inv_std = cache
    dx_hat = dy * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=0))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
''',
        "dgamma summed over the feature axis": '''
def batchnorm_backward(dy, cache):
    x_hat, gamma, inv_std = cache
    dx_hat = dy * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0))
    return dx, (dy * x_hat).sum(axis=1), dy.sum(axis=0)
''',
        "dgamma from dy alone": '''
def batchnorm_backward(dy, cache):
    x_hat, gamma, inv_std = cache
    dx_hat = dy * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0))
    return dx, dy.sum(axis=0), dy.sum(axis=0)
''',
        "gamma forgotten in dx": '''
def batchnorm_backward(dy, cache):
    x_hat, gamma, inv_std = cache
    dx = inv_std * (dy - dy.mean(axis=0) - x_hat * (dy * x_hat).mean(axis=0))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
''',
        "variance term with 1/(N-1)": '''
def batchnorm_backward(dy, cache):
    x_hat, gamma, inv_std = cache
    n = dy.shape[0]
    dx_hat = dy * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0) / (n - 1))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
''',
    },
}
