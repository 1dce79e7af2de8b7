'''Plausible wrong answers to sheet10 (MLP and backpropagation): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "init_mlp": {
        "standard deviation 2 / n_in instead of variance": '''
def init_mlp(sizes, rng):
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params.append((rng.normal(0.0, 2.0 / n_in, size=(n_in, n_out)), np.zeros(n_out)))
    return params
''',
        "Glorot variance 2 / (n_in + n_out)": '''
def init_mlp(sizes, rng):
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params.append((rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out)), np.zeros(n_out)))
    return params
''',
        "fan-out instead of fan-in": '''
def init_mlp(sizes, rng):
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params.append((rng.normal(0.0, np.sqrt(2.0 / n_out), size=(n_in, n_out)), np.zeros(n_out)))
    return params
''',
        "global np.random instead of rng": '''
def init_mlp(sizes, rng):
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params.append((np.random.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out)))
    return params
''',
        "W of shape (n_out, n_in)": '''
def init_mlp(sizes, rng):
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params.append((rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in)), np.zeros(n_out)))
    return params
''',
        "random biases": '''
def init_mlp(sizes, rng):
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        params.append((W, rng.normal(0.0, np.sqrt(2.0 / n_in), size=n_out)))
    return params
''',
        "uniform with the right variance": '''
def init_mlp(sizes, rng):
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / n_in)
        params.append((rng.uniform(-limit, limit, size=(n_in, n_out)), np.zeros(n_out)))
    return params
''',
    },
    "forward": {
        "ReLU on the output layer too": '''
def forward(params, X):
    cache = []
    A = X
    for W, b in params:
        Z = A @ W + b
        cache.append((A, Z))
        A = np.maximum(Z, 0.0)
    return A, cache
''',
        "bias forgotten": '''
def forward(params, X):
    cache = []
    A = X
    for l, (W, b) in enumerate(params):
        Z = A @ W
        cache.append((A, Z))
        A = np.maximum(Z, 0.0) if l < len(params) - 1 else Z
    return A, cache
''',
        "caches the activation instead of the pre-activation": '''
def forward(params, X):
    cache = []
    A = X
    for l, (W, b) in enumerate(params):
        Z = A @ W + b
        A_out = np.maximum(Z, 0.0) if l < len(params) - 1 else Z
        cache.append((A, A_out))
        A = A_out
    return A, cache
''',
        "no ReLU on the last hidden layer (off by one)": '''
def forward(params, X):
    cache = []
    A = X
    for l, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = np.maximum(Z, 0.0) if l < len(params) - 2 else Z
    return A, cache
''',
        "W transposed": '''
def forward(params, X):
    cache = []
    A = X
    for l, (W, b) in enumerate(params):
        Z = A @ W.T + b
        cache.append((A, Z))
        A = np.maximum(Z, 0.0) if l < len(params) - 1 else Z
    return A, cache
''',
        "sigmoid instead of ReLU": '''
def forward(params, X):
    cache = []
    A = X
    for l, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = 1.0 / (1.0 + np.exp(-Z)) if l < len(params) - 1 else Z
    return A, cache
''',
    },
    "softmax_cross_entropy": {
        "no max subtraction (overflows)": '''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    e = np.exp(logits)
    p = e / e.sum(axis=1, keepdims=True)
    loss = np.mean(np.log(e.sum(axis=1)) - logits[np.arange(n), y])
    p[np.arange(n), y] -= 1.0
    return float(loss), p / n
''',
        "log of the probabilities (log(0) for large gaps)": '''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), y]))
    p[np.arange(n), y] -= 1.0
    return float(loss), p / n
''',
        "log-probabilities of all classes, no one-hot selection": '''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.mean(np.sum(log_p, axis=1))
    p = np.exp(log_p)
    p[np.arange(n), y] -= 1.0
    return float(loss), p / n
''',
        "gradient not divided by the batch size": '''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    loss = np.mean(log_norm - shifted[np.arange(n), y])
    p = np.exp(shifted - log_norm[:, None])
    p[np.arange(n), y] -= 1.0
    return float(loss), p
''',
        "summed instead of mean loss": '''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    loss = np.sum(log_norm - shifted[np.arange(n), y])
    p = np.exp(shifted - log_norm[:, None])
    p[np.arange(n), y] -= 1.0
    return float(loss), p
''',
        "maximum over the wrong axis": '''
def softmax_cross_entropy(logits, y):
    n = logits.shape[0]
    shifted = logits - logits.max(axis=0, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    loss = np.mean(log_norm - shifted[np.arange(n), y])
    p = np.exp(shifted - log_norm[:, None])
    p[np.arange(n), y] -= 1.0
    return float(loss), p / n
''',
    },
    "backward": {
        "ReLU derivative 1 everywhere": '''
def backward(params, cache, dlogits):
    grads = [None] * len(params)
    G = dlogits
    for l in range(len(params) - 1, -1, -1):
        A_in, Z = cache[l]
        W, _ = params[l]
        grads[l] = (A_in.T @ G, G.sum(axis=0))
        G = G @ W.T
    return grads
''',
        "dW transposed (G^T A)": '''
def backward(params, cache, dlogits):
    grads = [None] * len(params)
    G = dlogits
    for l in range(len(params) - 1, -1, -1):
        A_in, Z = cache[l]
        W, _ = params[l]
        if l < len(params) - 1:
            G = G * (Z > 0)
        grads[l] = (G.T @ A_in, G.sum(axis=0))
        G = G @ W.T
    return grads
''',
        "db summed over the wrong axis": '''
def backward(params, cache, dlogits):
    grads = [None] * len(params)
    G = dlogits
    for l in range(len(params) - 1, -1, -1):
        A_in, Z = cache[l]
        W, _ = params[l]
        if l < len(params) - 1:
            G = G * (Z > 0)
        grads[l] = (A_in.T @ G, G.sum(axis=1))
        G = G @ W.T
    return grads
''',
        "mask of the last hidden layer skipped": '''
def backward(params, cache, dlogits):
    grads = [None] * len(params)
    G = dlogits
    for l in range(len(params) - 1, -1, -1):
        A_in, Z = cache[l]
        W, _ = params[l]
        if l < len(params) - 2:
            G = G * (Z > 0)
        grads[l] = (A_in.T @ G, G.sum(axis=0))
        G = G @ W.T
    return grads
''',
        "ReLU mask applied to the linear output layer too": '''
def backward(params, cache, dlogits):
    grads = [None] * len(params)
    G = dlogits
    for l in range(len(params) - 1, -1, -1):
        A_in, Z = cache[l]
        W, _ = params[l]
        G = G * (Z > 0)
        grads[l] = (A_in.T @ G, G.sum(axis=0))
        G = G @ W.T
    return grads
''',
        "divides by the batch size a second time": '''
def backward(params, cache, dlogits):
    grads = [None] * len(params)
    G = dlogits
    n = dlogits.shape[0]
    for l in range(len(params) - 1, -1, -1):
        A_in, Z = cache[l]
        W, _ = params[l]
        if l < len(params) - 1:
            G = G * (Z > 0)
        grads[l] = (A_in.T @ G / n, G.mean(axis=0))
        G = G @ W.T
    return grads
''',
        "gradients returned output layer first": '''
def backward(params, cache, dlogits):
    grads = []
    G = dlogits
    for l in range(len(params) - 1, -1, -1):
        A_in, Z = cache[l]
        W, _ = params[l]
        if l < len(params) - 1:
            G = G * (Z > 0)
        grads.append((A_in.T @ G, G.sum(axis=0)))
        G = G @ W.T
    return grads
''',
    },
    "train_step": {
        "gradient ascent (+ lr)": '''
def train_step(params, X, y, lr):
    logits, cache = forward(params, X)
    loss, dlogits = softmax_cross_entropy(logits, y)
    grads = backward(params, cache, dlogits)
    return [(W + lr * dW, b + lr * db) for (W, b), (dW, db) in zip(params, grads)], loss
''',
        "updates the arrays in place": '''
def train_step(params, X, y, lr):
    logits, cache = forward(params, X)
    loss, dlogits = softmax_cross_entropy(logits, y)
    grads = backward(params, cache, dlogits)
    for (W, b), (dW, db) in zip(params, grads):
        W -= lr * dW
        b -= lr * db
    return params, loss
''',
        "biases not updated": '''
def train_step(params, X, y, lr):
    logits, cache = forward(params, X)
    loss, dlogits = softmax_cross_entropy(logits, y)
    grads = backward(params, cache, dlogits)
    return [(W - lr * dW, b) for (W, b), (dW, db) in zip(params, grads)], loss
''',
        "returns the loss after the update": '''
def train_step(params, X, y, lr):
    logits, cache = forward(params, X)
    _, dlogits = softmax_cross_entropy(logits, y)
    grads = backward(params, cache, dlogits)
    new_params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
    return new_params, softmax_cross_entropy(forward(new_params, X)[0], y)[0]
''',
        "learning rate divided by the batch size again": '''
def train_step(params, X, y, lr):
    logits, cache = forward(params, X)
    loss, dlogits = softmax_cross_entropy(logits, y)
    grads = backward(params, cache, dlogits)
    step = lr / X.shape[0]
    return [(W - step * dW, b - step * db) for (W, b), (dW, db) in zip(params, grads)], loss
''',
    },
}
