'''Plausible wrong answers to sheet08 (QDA and decision trees): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "qda_fit": {
        "unbiased covariance (n_k - 1)": '''
def qda_fit(X, y):
    classes, counts = np.unique(y, return_counts=True)
    means = np.array([X[y == c].mean(axis=0) for c in classes])
    covs = np.array([np.cov(X[y == c], rowvar=False) for c in classes])
    return classes, counts / len(y), means, covs
''',
        "uniform priors": '''
def qda_fit(X, y):
    classes = np.unique(y)
    priors = np.full(len(classes), 1.0 / len(classes))
    means = np.array([X[y == c].mean(axis=0) for c in classes])
    covs = np.array([np.cov(X[y == c], rowvar=False, bias=True) for c in classes])
    return classes, priors, means, covs
''',
        "pooled covariance (LDA)": '''
def qda_fit(X, y):
    classes, counts = np.unique(y, return_counts=True)
    means = np.array([X[y == c].mean(axis=0) for c in classes])
    D = X - means[np.searchsorted(classes, y)]
    pooled = D.T @ D / len(y)
    return classes, counts / len(y), means, np.array([pooled for _ in classes])
''',
        "class covariance around the global mean": '''
def qda_fit(X, y):
    classes, counts = np.unique(y, return_counts=True)
    means = np.array([X[y == c].mean(axis=0) for c in classes])
    mu = X.mean(axis=0)
    covs = np.array([(X[y == c] - mu).T @ (X[y == c] - mu) / np.sum(y == c) for c in classes])
    return classes, counts / len(y), means, covs
''',
        "priors as counts": '''
def qda_fit(X, y):
    classes, counts = np.unique(y, return_counts=True)
    means = np.array([X[y == c].mean(axis=0) for c in classes])
    covs = np.array([np.cov(X[y == c], rowvar=False, bias=True) for c in classes])
    return classes, counts, means, covs
''',
        "classes in order of appearance": '''
def qda_fit(X, y):
    _, first = np.unique(y, return_index=True)
    classes = y[np.sort(first)]
    priors = np.array([np.mean(y == c) for c in classes])
    means = np.array([X[y == c].mean(axis=0) for c in classes])
    covs = np.array([np.cov(X[y == c], rowvar=False, bias=True) for c in classes])
    return classes, priors, means, covs
''',
    },
    "qda_predict_proba": {
        "forgets the log-determinant": '''
def qda_predict_proba(X, params):
    classes, priors, means, covs = params
    delta = np.empty((X.shape[0], len(classes)))
    for k in range(len(classes)):
        D = X - means[k]
        delta[:, k] = np.log(priors[k]) - 0.5 * np.sum(D * np.linalg.solve(covs[k], D.T).T, axis=1)
    delta -= delta.max(axis=1, keepdims=True)
    P = np.exp(delta)
    return P / P.sum(axis=1, keepdims=True)
''',
        "forgets the prior": '''
def qda_predict_proba(X, params):
    classes, priors, means, covs = params
    delta = np.empty((X.shape[0], len(classes)))
    for k in range(len(classes)):
        D = X - means[k]
        _, logdet = np.linalg.slogdet(covs[k])
        delta[:, k] = -0.5 * logdet - 0.5 * np.sum(D * np.linalg.solve(covs[k], D.T).T, axis=1)
    delta -= delta.max(axis=1, keepdims=True)
    P = np.exp(delta)
    return P / P.sum(axis=1, keepdims=True)
''',
        "covariance instead of its inverse": '''
def qda_predict_proba(X, params):
    classes, priors, means, covs = params
    delta = np.empty((X.shape[0], len(classes)))
    for k in range(len(classes)):
        D = X - means[k]
        _, logdet = np.linalg.slogdet(covs[k])
        delta[:, k] = np.log(priors[k]) - 0.5 * logdet - 0.5 * np.sum(D * (D @ covs[k]), axis=1)
    delta -= delta.max(axis=1, keepdims=True)
    P = np.exp(delta)
    return P / P.sum(axis=1, keepdims=True)
''',
        "no log-sum-exp trick (nan far away)": '''
def qda_predict_proba(X, params):
    classes, priors, means, covs = params
    dens = np.empty((X.shape[0], len(classes)))
    for k in range(len(classes)):
        D = X - means[k]
        quad = np.sum(D * np.linalg.solve(covs[k], D.T).T, axis=1)
        dens[:, k] = priors[k] * np.exp(-0.5 * quad) / np.sqrt(np.linalg.det(covs[k]))
    return dens / dens.sum(axis=1, keepdims=True)
''',
        "prior added without log": '''
def qda_predict_proba(X, params):
    classes, priors, means, covs = params
    delta = np.empty((X.shape[0], len(classes)))
    for k in range(len(classes)):
        D = X - means[k]
        _, logdet = np.linalg.slogdet(covs[k])
        delta[:, k] = priors[k] - 0.5 * logdet - 0.5 * np.sum(D * np.linalg.solve(covs[k], D.T).T, axis=1)
    delta -= delta.max(axis=1, keepdims=True)
    P = np.exp(delta)
    return P / P.sum(axis=1, keepdims=True)
''',
        "missing the factor 1/2 in the quadratic form": '''
def qda_predict_proba(X, params):
    classes, priors, means, covs = params
    delta = np.empty((X.shape[0], len(classes)))
    for k in range(len(classes)):
        D = X - means[k]
        _, logdet = np.linalg.slogdet(covs[k])
        delta[:, k] = np.log(priors[k]) - 0.5 * logdet - np.sum(D * np.linalg.solve(covs[k], D.T).T, axis=1)
    delta -= delta.max(axis=1, keepdims=True)
    P = np.exp(delta)
    return P / P.sum(axis=1, keepdims=True)
''',
    },
    "gini": {
        "1 - sum p (not squared)": '''
def gini(labels):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return float(1.0 - np.sum(p))
''',
        "entropy instead of Gini": '''
def gini(labels):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return float(-np.sum(p * np.log2(p)))
''',
        "misclassification error 1 - max p": '''
def gini(labels):
    _, counts = np.unique(labels, return_counts=True)
    return float(1.0 - counts.max() / counts.sum())
''',
        "np.bincount (fails for strings and negative labels)": '''
def gini(labels):
    p = np.bincount(labels) / len(labels)
    return float(1.0 - np.sum(p**2))
''',
        "sum of p squared (purity, not impurity)": '''
def gini(labels):
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return float(np.sum(p**2))
''',
    },
    "best_split": {
        "children not weighted by their sizes": '''
def best_split(X, y):
    best = (-1, float("nan"), np.inf)
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            impurity = gini(y[left]) + gini(y[~left])
            if impurity < best[2]:
                best = (j, float(t), float(impurity))
    return best
''',
        "weighted by counts, not divided by n": '''
def best_split(X, y):
    best = (-1, float("nan"), np.inf)
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            impurity = left.sum() * gini(y[left]) + (~left).sum() * gini(y[~left])
            if impurity < best[2]:
                best = (j, float(t), float(impurity))
    return best
''',
        "thresholds at the data points instead of midpoints": '''
def best_split(X, y):
    n = len(y)
    best = (-1, float("nan"), np.inf)
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in v[:-1]:
            left = X[:, j] <= t
            impurity = left.sum() / n * gini(y[left]) + (~left).sum() / n * gini(y[~left])
            if impurity < best[2]:
                best = (j, float(t), float(impurity))
    return best
''',
        "maximises instead of minimises": '''
def best_split(X, y):
    n = len(y)
    best = (-1, float("nan"), -np.inf)
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            impurity = left.sum() / n * gini(y[left]) + (~left).sum() / n * gini(y[~left])
            if impurity > best[2]:
                best = (j, float(t), float(impurity))
    return best
''',
        "off by one: sorted children overlap": '''
def best_split(X, y):
    n = len(y)
    best = (-1, float("nan"), np.inf)
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j])
        xs, ys = X[order, j], y[order]
        for i in range(n - 1):
            if xs[i] == xs[i + 1]:
                continue
            L, R = ys[: i + 1], ys[i:]
            impurity = len(L) / n * gini(L) + len(R) / n * gini(R)
            if impurity < best[2]:
                best = (j, float((xs[i] + xs[i + 1]) / 2), float(impurity))
    return best
''',
        "splits between equal values (sorted, not distinct)": '''
def best_split(X, y):
    n = len(y)
    best = (-1, float("nan"), np.inf)
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j])
        xs, ys = X[order, j], y[order]
        for i in range(1, n):
            L, R = ys[:i], ys[i:]
            impurity = i / n * gini(L) + (n - i) / n * gini(R)
            if impurity < best[2]:
                best = (j, float((xs[i - 1] + xs[i]) / 2), float(impurity))
    return best
''',
        "ties broken towards the last split (<=)": '''
def best_split(X, y):
    n = len(y)
    best = (-1, float("nan"), np.inf)
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            impurity = left.sum() / n * gini(y[left]) + (~left).sum() / n * gini(y[~left])
            if impurity <= best[2]:
                best = (j, float(t), float(impurity))
    return best
''',
        "entropy instead of Gini": '''
def best_split(X, y):
    def entropy(labels):
        _, counts = np.unique(labels, return_counts=True)
        p = counts / counts.sum()
        return -np.sum(p * np.log2(p))

    n = len(y)
    best = (-1, float("nan"), np.inf)
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            impurity = left.sum() / n * entropy(y[left]) + (~left).sum() / n * entropy(y[~left])
            if impurity < best[2]:
                best = (j, float(t), float(impurity))
    return best
''',
    },
}
