'''Plausible wrong answers to sheet09 (logistic regression and GLMs): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "sigmoid": {
        "textbook formula overflows for large negative z": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 1.0 / (1.0 + np.exp(-z))
''',
        "exp(z) / (1 + exp(z)) gives nan for large z": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.exp(z) / (1.0 + np.exp(z))
''',
        "np.where with an overflowing branch": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
''',
        "1 - sigmoid(-z) for negative z loses the tail": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    pos = 1.0 / (1.0 + np.exp(-np.abs(z)))
    return np.where(z >= 0, pos, 1.0 - pos)
''',
        "tanh form, absolute but not relative accuracy": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 0.5 * (1.0 + np.tanh(0.5 * z))
''',
        "clips z to [-30, 30]": '''
def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -30.0, 30.0)
    return 1.0 / (1.0 + np.exp(-z))
''',
    },
    "logistic_nll_grad": {
        "gradient sign error X^T (y - p)": '''
def logistic_nll_grad(w, X, y, lam):
    t = X @ w
    penalty = lam * w.astype(float)
    penalty[0] = 0.0
    loss = np.mean(np.logaddexp(0.0, t) - y * t) + 0.5 * lam * np.sum(w[1:] ** 2)
    return float(loss), X.T @ (y - sigmoid(t)) / X.shape[0] + penalty
''',
        "sum instead of mean (missing 1/n)": '''
def logistic_nll_grad(w, X, y, lam):
    t = X @ w
    penalty = lam * w.astype(float)
    penalty[0] = 0.0
    loss = np.sum(np.logaddexp(0.0, t) - y * t) + 0.5 * lam * np.sum(w[1:] ** 2)
    return float(loss), X.T @ (sigmoid(t) - y) + penalty
''',
        "penalises the intercept": '''
def logistic_nll_grad(w, X, y, lam):
    t = X @ w
    loss = np.mean(np.logaddexp(0.0, t) - y * t) + 0.5 * lam * np.sum(w**2)
    return float(loss), X.T @ (sigmoid(t) - y) / X.shape[0] + lam * w
''',
        "cross-entropy with log of probabilities": '''
def logistic_nll_grad(w, X, y, lam):
    t = X @ w
    p = sigmoid(t)
    penalty = lam * w.astype(float)
    penalty[0] = 0.0
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * lam * np.sum(w[1:] ** 2)
    return float(loss), X.T @ (p - y) / X.shape[0] + penalty
''',
        "clipped probabilities in the cross-entropy": '''
def logistic_nll_grad(w, X, y, lam):
    t = X @ w
    p = np.clip(sigmoid(t), 1e-15, 1 - 1e-15)
    penalty = lam * w.astype(float)
    penalty[0] = 0.0
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * lam * np.sum(w[1:] ** 2)
    return float(loss), X.T @ (sigmoid(t) - y) / X.shape[0] + penalty
''',
        "penalty lam ||w||^2 without the 1/2": '''
def logistic_nll_grad(w, X, y, lam):
    t = X @ w
    penalty = lam * w.astype(float)
    penalty[0] = 0.0
    loss = np.mean(np.logaddexp(0.0, t) - y * t) + lam * np.sum(w[1:] ** 2)
    return float(loss), X.T @ (sigmoid(t) - y) / X.shape[0] + penalty
''',
    },
    "fit_logistic_gd": {
        "gradient ascent (+ instead of -)": '''
def fit_logistic_gd(X, y, lam, lr, n_iter):
    w = np.zeros(X.shape[1])
    loss, grad = logistic_nll_grad(w, X, y, lam)
    history = [loss]
    for _ in range(n_iter):
        w = w + lr * grad
        loss, grad = logistic_nll_grad(w, X, y, lam)
        history.append(loss)
    return w, np.array(history)
''',
        "learning rate divided by n once more": '''
def fit_logistic_gd(X, y, lam, lr, n_iter):
    w = np.zeros(X.shape[1])
    loss, grad = logistic_nll_grad(w, X, y, lam)
    history = [loss]
    for _ in range(n_iter):
        w = w - lr * grad / X.shape[0]
        loss, grad = logistic_nll_grad(w, X, y, lam)
        history.append(loss)
    return w, np.array(history)
''',
        "history without the final loss": '''
def fit_logistic_gd(X, y, lam, lr, n_iter):
    w = np.zeros(X.shape[1])
    history = []
    for _ in range(n_iter):
        loss, grad = logistic_nll_grad(w, X, y, lam)
        history.append(loss)
        w = w - lr * grad
    return w, np.array(history)
''',
        "penalty ignored in the steps": '''
def fit_logistic_gd(X, y, lam, lr, n_iter):
    w = np.zeros(X.shape[1])
    history = [logistic_nll_grad(w, X, y, lam)[0]]
    for _ in range(n_iter):
        w = w - lr * logistic_nll_grad(w, X, y, 0.0)[1]
        history.append(logistic_nll_grad(w, X, y, lam)[0])
    return w, np.array(history)
''',
        "one step too few": '''
def fit_logistic_gd(X, y, lam, lr, n_iter):
    w = np.zeros(X.shape[1])
    loss, grad = logistic_nll_grad(w, X, y, lam)
    history = [loss, loss]
    for _ in range(n_iter - 1):
        w = w - lr * grad
        loss, grad = logistic_nll_grad(w, X, y, lam)
        history.append(loss)
    return w, np.array(history[: n_iter + 1])
''',
    },
    "fit_logistic_newton": {
        "Hessian without the weights S (X^T X / n)": '''
def fit_logistic_newton(X, y, lam, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    P = lam * np.eye(d1)
    P[0, 0] = 0.0
    loss, grad = logistic_nll_grad(w, X, y, lam)
    history = [loss]
    for _ in range(n_iter):
        H = X.T @ X / n + P
        w = w - np.linalg.solve(H, grad)
        loss, grad = logistic_nll_grad(w, X, y, lam)
        history.append(loss)
    return w, np.array(history)
''',
        "weights p instead of p (1 - p)": '''
def fit_logistic_newton(X, y, lam, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    P = lam * np.eye(d1)
    P[0, 0] = 0.0
    loss, grad = logistic_nll_grad(w, X, y, lam)
    history = [loss]
    for _ in range(n_iter):
        p = sigmoid(X @ w)
        H = (X.T * p) @ X / n + P
        w = w - np.linalg.solve(H, grad)
        loss, grad = logistic_nll_grad(w, X, y, lam)
        history.append(loss)
    return w, np.array(history)
''',
        "Newton step with + instead of -": '''
def fit_logistic_newton(X, y, lam, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    P = lam * np.eye(d1)
    P[0, 0] = 0.0
    loss, grad = logistic_nll_grad(w, X, y, lam)
    history = [loss]
    for _ in range(n_iter):
        p = sigmoid(X @ w)
        H = (X.T * (p * (1 - p))) @ X / n + P
        w = w + np.linalg.solve(H, grad)
        loss, grad = logistic_nll_grad(w, X, y, lam)
        history.append(loss)
    return w, np.array(history)
''',
        "Hessian missing 1/n": '''
def fit_logistic_newton(X, y, lam, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    P = lam * np.eye(d1)
    P[0, 0] = 0.0
    loss, grad = logistic_nll_grad(w, X, y, lam)
    history = [loss]
    for _ in range(n_iter):
        p = sigmoid(X @ w)
        H = (X.T * (p * (1 - p))) @ X + P
        w = w - np.linalg.solve(H, grad)
        loss, grad = logistic_nll_grad(w, X, y, lam)
        history.append(loss)
    return w, np.array(history)
''',
        "penalty in the Hessian but not in the gradient": '''
def fit_logistic_newton(X, y, lam, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    P = lam * np.eye(d1)
    P[0, 0] = 0.0
    history = [logistic_nll_grad(w, X, y, lam)[0]]
    for _ in range(n_iter):
        p = sigmoid(X @ w)
        H = (X.T * (p * (1 - p))) @ X / n + P
        w = w - np.linalg.solve(H, logistic_nll_grad(w, X, y, 0.0)[1])
        history.append(logistic_nll_grad(w, X, y, lam)[0])
    return w, np.array(history)
''',
    },
    "fit_poisson_glm": {
        "identity link (least squares)": '''
def fit_poisson_glm(X, y, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    w[0] = np.log(np.mean(y))
    for _ in range(n_iter):
        mu = X @ w
        grad = X.T @ (mu - y) / n
        H = X.T @ X / n
        w = w - np.linalg.solve(H, grad)
    return w
''',
        "weights y instead of mu": '''
def fit_poisson_glm(X, y, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    w[0] = np.log(np.mean(y))
    for _ in range(n_iter):
        mu = np.exp(X @ w)
        grad = X.T @ (mu - y) / n
        H = (X.T * y) @ X / n
        w = w - np.linalg.solve(H, grad)
    return w
''',
        "Newton step with + instead of -": '''
def fit_poisson_glm(X, y, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    w[0] = np.log(np.mean(y))
    for _ in range(n_iter):
        mu = np.exp(X @ w)
        grad = X.T @ (mu - y) / n
        H = (X.T * mu) @ X / n
        w = w + np.linalg.solve(H, grad)
    return w
''',
        "starts from w = 0": '''
def fit_poisson_glm(X, y, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    for _ in range(n_iter):
        mu = np.exp(X @ w)
        grad = X.T @ (mu - y) / n
        H = (X.T * mu) @ X / n
        w = w - np.linalg.solve(H, grad)
    return w
''',
        "logistic (sigmoid) mean copied from Problem 2": '''
def fit_poisson_glm(X, y, n_iter):
    n, d1 = X.shape
    w = np.zeros(d1)
    w[0] = np.log(np.mean(y))
    for _ in range(n_iter):
        mu = sigmoid(X @ w)
        grad = X.T @ (mu - y) / n
        H = (X.T * (mu * (1 - mu))) @ X / n
        w = w - np.linalg.solve(H, grad)
    return w
''',
    },
}
