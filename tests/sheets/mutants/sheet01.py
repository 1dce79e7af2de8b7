'''Plausible wrong answers to sheet01 (PCA): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "center": {
        "mean over the wrong axis": '''
def center(X):
    mean = X.mean(axis=1)
    return X - mean[:, None], mean
''',
        "forgets to subtract": '''
def center(X):
    return X, X.mean(axis=0)
''',
        "modifies the input in place": '''
def center(X):
    mean = X.mean(axis=0)
    X -= mean
    return X, mean
''',
        "mean kept as a (1, d) row": '''
def center(X):
    mean = X.mean(axis=0, keepdims=True)
    return X - mean, mean
''',
    },
    "covariance": {
        "biased (divides by n)": '''
def covariance(X):
    Xc, _ = center(X)
    return Xc.T @ Xc / X.shape[0]
''',
        "not centered": '''
def covariance(X):
    return X.T @ X / (X.shape[0] - 1)
''',
        "samples instead of features (n, n)": '''
def covariance(X):
    Xc, _ = center(X)
    return Xc @ Xc.T / (X.shape[0] - 1)
''',
        "divides by d - 1": '''
def covariance(X):
    Xc, _ = center(X)
    return Xc.T @ Xc / (X.shape[1] - 1)
''',
    },
    "pca_fit": {
        "eigh order kept ascending": '''
def pca_fit(X, n_components):
    Xc, mean = center(X)
    values, vectors = np.linalg.eigh(covariance(X))
    return mean, vectors.T[:n_components], values[:n_components]
''',
        "eigenvectors taken as rows": '''
def pca_fit(X, n_components):
    Xc, mean = center(X)
    values, vectors = np.linalg.eigh(covariance(X))
    order = np.argsort(values)[::-1][:n_components]
    return mean, vectors[order], values[order]
''',
        "biased variance s**2 / n": '''
def pca_fit(X, n_components):
    Xc, mean = center(X)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return mean, Vt[:n_components], (s**2 / X.shape[0])[:n_components]
''',
        "SVD of uncentered data": '''
def pca_fit(X, n_components):
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X, full_matrices=False)
    return mean, Vt[:n_components], (s**2 / (X.shape[0] - 1))[:n_components]
''',
        "singular values as variance": '''
def pca_fit(X, n_components):
    Xc, mean = center(X)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return mean, Vt[:n_components], s[:n_components]
''',
    },
    "pca_transform": {
        "mean not subtracted": '''
def pca_transform(X, mean, components):
    return X @ components.T
''',
        "mean added": '''
def pca_transform(X, mean, components):
    return (X + mean) @ components.T
''',
        "divided by the norm of each sample": '''
def pca_transform(X, mean, components):
    Xc = X - mean
    return Xc @ components.T / np.linalg.norm(Xc, axis=1, keepdims=True)
''',
    },
    "explained_variance_ratio": {
        "ascending order from eigvalsh": '''
def explained_variance_ratio(X):
    variance = np.linalg.eigvalsh(covariance(X))
    return variance / variance.sum()
''',
        "singular values instead of variances": '''
def explained_variance_ratio(X):
    s = np.linalg.svd(center(X)[0], compute_uv=False)
    return s / s.sum()
''',
        "cumulative sum": '''
def explained_variance_ratio(X):
    variance = np.linalg.eigvalsh(covariance(X))[::-1]
    return np.cumsum(variance / variance.sum())
''',
        "normalised by the largest variance": '''
def explained_variance_ratio(X):
    variance = np.linalg.eigvalsh(covariance(X))[::-1]
    return variance / variance.max()
''',
        "variances of the raw features": '''
def explained_variance_ratio(X):
    variance = np.sort(X.var(axis=0, ddof=1))[::-1]
    return variance / variance.sum()
''',
    },
    "reconstruction_error": {
        "mean not added back": '''
def reconstruction_error(X, n_components):
    mean, components, _ = pca_fit(X, n_components)
    X_hat = pca_transform(X, mean, components) @ components
    return float(np.mean(np.sum((X - X_hat) ** 2, axis=1)))
''',
        "mean over all entries": '''
def reconstruction_error(X, n_components):
    mean, components, _ = pca_fit(X, n_components)
    X_hat = pca_transform(X, mean, components) @ components + mean
    return float(np.mean((X - X_hat) ** 2))
''',
        "root of the error": '''
def reconstruction_error(X, n_components):
    mean, components, _ = pca_fit(X, n_components)
    X_hat = pca_transform(X, mean, components) @ components + mean
    return float(np.sqrt(np.mean(np.sum((X - X_hat) ** 2, axis=1))))
''',
        "one component too many": '''
def reconstruction_error(X, n_components):
    mean, components, _ = pca_fit(X, n_components + 1)
    X_hat = pca_transform(X, mean, components) @ components + mean
    return float(np.mean(np.sum((X - X_hat) ** 2, axis=1)))
''',
    },
}
