"""Plausible wrong answers to sheet01 (PCA), as edits on the reference: each must fail its function's tests."""

from tests.sheets.harness import Edit

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "center": {
        "mean over the wrong axis": (
            "mean = X.mean(axis=0)\n    return X - mean, mean",
            "mean = X.mean(axis=1)\n    return X - mean[:, None], mean",
        ),
        "forgets to subtract": ("return X - mean, mean", "return X, mean"),
        "modifies the input in place": ("return X - mean, mean", "X -= mean\n    return X, mean"),
        "mean kept as a (1, d) row": ("X.mean(axis=0)", "X.mean(axis=0, keepdims=True)"),
    },
    "covariance": {
        "biased (divides by n)": ("/ (X.shape[0] - 1)", "/ X.shape[0]"),
        "not centered": ("Xc.T @ Xc", "X.T @ X"),
        "samples instead of features (n, n)": ("Xc.T @ Xc", "Xc @ Xc.T"),
        "divides by d - 1": ("X.shape[0] - 1", "X.shape[1] - 1"),
        "centres X in place": ("Xc, _ = center(X)", "X -= X.mean(axis=0)\n    Xc = X"),
    },
    "pca_fit": {
        "eigh order kept ascending": (
            "    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)\n    variance = s**2 / (X.shape[0] - 1)",
            "    variance, vectors = np.linalg.eigh(covariance(X))\n    Vt = vectors.T",
        ),
        "eigenvectors taken as rows": (
            "    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)\n    variance = s**2 / (X.shape[0] - 1)",
            "    variance, Vt = np.linalg.eigh(covariance(X))\n    variance, Vt = variance[::-1], Vt[::-1]",
        ),
        "biased variance s**2 / n": ("s**2 / (X.shape[0] - 1)", "s**2 / X.shape[0]"),
        "SVD of uncentered data": ("np.linalg.svd(Xc, ", "np.linalg.svd(X, "),
        "singular values as variance": ("variance = s**2 / (X.shape[0] - 1)", "variance = s"),
        "eigh of the covariance, sorted descending (loses the small variances)": (
            "    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)\n    variance = s**2 / (X.shape[0] - 1)",
            "    values, vectors = np.linalg.eigh(covariance(X))\n    variance, Vt = values[::-1], vectors[:, ::-1].T",
        ),
    },
    "pca_transform": {
        "mean not subtracted": ("(X - mean) @", "X @"),
        "mean added": ("(X - mean) @", "(X + mean) @"),
        "divided by the norm of each sample": (
            "return (X - mean) @ components.T",
            "return (X - mean) @ components.T / np.linalg.norm(X - mean, axis=1, keepdims=True)",
        ),
    },
    "explained_variance_ratio": {
        "ascending order from eigvalsh": ("covariance(X))[::-1]", "covariance(X))"),
        "singular values instead of variances": (
            "np.linalg.eigvalsh(covariance(X))[::-1]",
            "np.linalg.svd(center(X)[0], compute_uv=False)",
        ),
        "cumulative sum": ("return variance / variance.sum()", "return np.cumsum(variance / variance.sum())"),
        "normalised by the largest variance": ("variance / variance.sum()", "variance / variance.max()"),
        "variances of the raw features": (
            "np.linalg.eigvalsh(covariance(X))[::-1]",
            "np.sort(X.var(axis=0, ddof=1))[::-1]",
        ),
        "squared singular values: only min(n, d) of them": (
            "variance = np.clip(np.linalg.eigvalsh(covariance(X))[::-1], 0.0, None)",
            "variance = np.linalg.svd(center(X)[0], compute_uv=False) ** 2",
        ),
    },
    "reconstruction_error": {
        "mean not added back": ("@ components + mean", "@ components"),
        "mean over all entries": ("np.mean(np.sum((X - X_hat) ** 2, axis=1))", "np.mean((X - X_hat) ** 2)"),
        "root of the error": (
            "return float(np.mean(np.sum((X - X_hat) ** 2, axis=1)))",
            "return float(np.sqrt(np.mean(np.sum((X - X_hat) ** 2, axis=1))))",
        ),
        "one component too many": ("pca_fit(X, n_components)", "pca_fit(X, n_components + 1)"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "explained_variance_ratio": {
        "variance = np.clip(np.linalg.eigvalsh(covariance(X))[::-1], 0.0, None)  ->  variance = np.clip(0.0, np.linalg.eigvalsh(covariance(X))[::-1], None)": "np.clip(0.0, ev, None) = max(0.0, ev) elementwise, the same as np.clip(ev, 0.0, None)",
        "variance = np.clip(np.linalg.eigvalsh(covariance(X))[::-1], 0.0, None)  ->  variance = np.clip(np.linalg.eigvalsh(covariance(X))[::-1], (-1.0), None)": "eigenvalues of a covariance are >= 0 up to rounding (~1e-16); a clip at -1 instead of 0 changes the ratios by that rounding only",
    },
}
