'''Plausible wrong answers to sheet02 (nonlinear dimension reduction): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "pairwise_sq_distances": {
        "Euclidean, not squared": '''
def pairwise_sq_distances(X):
    return np.sqrt(np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=-1))
''',
        "factor 2 missing in the cross term": '''
def pairwise_sq_distances(X):
    sq_norms = np.sum(X**2, axis=1)
    return np.maximum(sq_norms[:, None] + sq_norms[None, :] - X @ X.T, 0.0)
''',
        "summed over the sample axis": '''
def pairwise_sq_distances(X):
    return np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=0)
''',
        "Gram matrix of the features": '''
def pairwise_sq_distances(X):
    sq_norms = np.sum(X**2, axis=0)
    return np.maximum(sq_norms[:, None] + sq_norms[None, :] - 2.0 * X.T @ X, 0.0)
''',
        "absolute differences (Manhattan)": '''
def pairwise_sq_distances(X):
    return np.sum(np.abs(X[:, None, :] - X[None, :, :]), axis=-1)
''',
    },
    "conditional_affinities": {
        "self not excluded": '''
def conditional_affinities(D_row, beta, i):
    p = np.exp(-beta * D_row)
    p = p / p.sum()
    return p, float(-np.sum(p * np.log2(p)))
''',
        "self in the partition function, zeroed afterwards": '''
def conditional_affinities(D_row, beta, i):
    w = np.exp(-beta * D_row)
    p = w / w.sum()
    p[i] = 0.0
    q = p[p > 0]
    return p, float(-np.sum(q * np.log2(q)))
''',
        "entropy in nats (natural log)": '''
def conditional_affinities(D_row, beta, i):
    w = np.exp(-beta * D_row)
    w[i] = 0.0
    p = w / w.sum()
    q = p[p > 0]
    return p, float(-np.sum(q * np.log(q)))
''',
        "beta used as a temperature": '''
def conditional_affinities(D_row, beta, i):
    w = np.exp(-D_row / beta)
    w[i] = 0.0
    p = w / w.sum()
    q = p[p > 0]
    return p, float(-np.sum(q * np.log2(q)))
''',
        "always excludes the first entry": '''
def conditional_affinities(D_row, beta, i):
    w = np.exp(-beta * D_row)
    w[0] = 0.0
    p = w / w.sum()
    q = p[p > 0]
    return p, float(-np.sum(q * np.log2(q)))
''',
        "returns the perplexity instead of the entropy": '''
def conditional_affinities(D_row, beta, i):
    w = np.exp(-beta * D_row)
    w[i] = 0.0
    p = w / w.sum()
    q = p[p > 0]
    return p, float(2 ** -np.sum(q * np.log2(q)))
''',
    },
    "calibrate_beta": {
        "bisection moves the wrong way": '''
def calibrate_beta(D_row, i, perplexity, tol=1e-5, max_iter=100):
    target = np.log2(perplexity)
    beta, beta_min, beta_max = 1.0, 0.0, np.inf
    for _ in range(max_iter):
        p, H = conditional_affinities(D_row, beta, i)
        if abs(H - target) < tol:
            break
        if H < target:
            beta_min = beta
            beta = 2.0 * beta if np.isinf(beta_max) else 0.5 * (beta + beta_max)
        else:
            beta_max = beta
            beta = 0.5 * (beta + beta_min)
    return beta, p
''',
        "compares the entropy with the perplexity itself": '''
def calibrate_beta(D_row, i, perplexity, tol=1e-5, max_iter=100):
    beta, beta_min, beta_max = 1.0, 0.0, np.inf
    for _ in range(max_iter):
        p, H = conditional_affinities(D_row, beta, i)
        if abs(H - perplexity) < tol:
            break
        if H > perplexity:
            beta_min = beta
            beta = 2.0 * beta if np.isinf(beta_max) else 0.5 * (beta + beta_max)
        else:
            beta_max = beta
            beta = 0.5 * (beta + beta_min)
    return beta, p
''',
        "target in nats": '''
def calibrate_beta(D_row, i, perplexity, tol=1e-5, max_iter=100):
    target = np.log(perplexity)
    beta, beta_min, beta_max = 1.0, 0.0, np.inf
    for _ in range(max_iter):
        p, H = conditional_affinities(D_row, beta, i)
        if abs(H - target) < tol:
            break
        if H > target:
            beta_min = beta
            beta = 2.0 * beta if np.isinf(beta_max) else 0.5 * (beta + beta_max)
        else:
            beta_max = beta
            beta = 0.5 * (beta + beta_min)
    return beta, p
''',
        "fixed bracket [0, 10]": '''
def calibrate_beta(D_row, i, perplexity, tol=1e-5, max_iter=100):
    target = np.log2(perplexity)
    beta_min, beta_max = 0.0, 10.0
    for _ in range(max_iter):
        beta = 0.5 * (beta_min + beta_max)
        p, H = conditional_affinities(D_row, beta, i)
        if abs(H - target) < tol:
            break
        if H > target:
            beta_min = beta
        else:
            beta_max = beta
    return beta, p
''',
        "returns p of the previous beta": '''
def calibrate_beta(D_row, i, perplexity, tol=1e-5, max_iter=100):
    target = np.log2(perplexity)
    beta, beta_min, beta_max = 1.0, 0.0, np.inf
    for _ in range(max_iter):
        p, H = conditional_affinities(D_row, beta, i)
        if abs(H - target) < tol:
            break
        if H > target:
            beta_min = beta
            beta = 2.0 * beta if np.isinf(beta_max) else 0.5 * (beta + beta_max)
        else:
            beta_max = beta
            beta = 0.5 * (beta + beta_min)
    return beta_min, p
''',
    },
    "tsne_affinities": {
        "not symmetrised": '''
def tsne_affinities(X, perplexity):
    D = pairwise_sq_distances(X)
    n = D.shape[0]
    P = np.zeros((n, n))
    for i in range(n):
        P[i] = calibrate_beta(D[i], i, perplexity)[1]
    return P / n
''',
        "divides by n instead of 2n": '''
def tsne_affinities(X, perplexity):
    D = pairwise_sq_distances(X)
    n = D.shape[0]
    P = np.zeros((n, n))
    for i in range(n):
        P[i] = calibrate_beta(D[i], i, perplexity)[1]
    return (P + P.T) / n
''',
        "calibrated on unsquared distances": '''
def tsne_affinities(X, perplexity):
    D = np.sqrt(pairwise_sq_distances(X))
    n = D.shape[0]
    P = np.zeros((n, n))
    for i in range(n):
        P[i] = calibrate_beta(D[i], i, perplexity)[1]
    return (P + P.T) / (2.0 * n)
''',
        "symmetrised with the elementwise maximum": '''
def tsne_affinities(X, perplexity):
    D = pairwise_sq_distances(X)
    n = D.shape[0]
    P = np.zeros((n, n))
    for i in range(n):
        P[i] = calibrate_beta(D[i], i, perplexity)[1]
    P = np.maximum(P, P.T)
    return P / P.sum()
''',
        "one beta for all rows": '''
def tsne_affinities(X, perplexity):
    D = pairwise_sq_distances(X)
    n = D.shape[0]
    beta = calibrate_beta(D[0], 0, perplexity)[0]
    P = np.zeros((n, n))
    for i in range(n):
        P[i] = conditional_affinities(D[i], beta, i)[0]
    return (P + P.T) / (2.0 * n)
''',
    },
    "classical_mds": {
        "eigenvalues in ascending order": '''
def classical_mds(D_sq, k):
    n = D_sq.shape[0]
    J = np.eye(n) - np.ones((n, n)) / n
    values, vectors = np.linalg.eigh(-0.5 * J @ D_sq @ J)
    return vectors[:, :k] * np.sqrt(np.maximum(values[:k], 0.0))
''',
        "missing the factor -1/2": '''
def classical_mds(D_sq, k):
    n = D_sq.shape[0]
    J = np.eye(n) - np.ones((n, n)) / n
    values, vectors = np.linalg.eigh(J @ D_sq @ J)
    order = np.argsort(np.abs(values))[::-1][:k]
    return vectors[:, order] * np.sqrt(np.abs(values[order]))
''',
        "only the factor 1/2, sign lost": '''
def classical_mds(D_sq, k):
    n = D_sq.shape[0]
    J = np.eye(n) - np.ones((n, n)) / n
    values, vectors = np.linalg.eigh(-J @ D_sq @ J)
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order] * np.sqrt(np.maximum(values[order], 0.0))
''',
        "no double centering": '''
def classical_mds(D_sq, k):
    values, vectors = np.linalg.eigh(-0.5 * D_sq)
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order] * np.sqrt(np.maximum(values[order], 0.0))
''',
        "missing square root": '''
def classical_mds(D_sq, k):
    n = D_sq.shape[0]
    J = np.eye(n) - np.ones((n, n)) / n
    values, vectors = np.linalg.eigh(-0.5 * J @ D_sq @ J)
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order] * np.maximum(values[order], 0.0)
''',
        "eigenvectors taken as rows": '''
def classical_mds(D_sq, k):
    n = D_sq.shape[0]
    J = np.eye(n) - np.ones((n, n)) / n
    values, vectors = np.linalg.eigh(-0.5 * J @ D_sq @ J)
    order = np.argsort(values)[::-1][:k]
    return vectors[order].T * np.sqrt(np.maximum(values[order], 0.0))
''',
    },
}
