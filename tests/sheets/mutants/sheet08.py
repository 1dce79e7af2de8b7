"""Plausible wrong answers to sheet08 (QDA and decision trees), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

WEIGHTED = "n_left / n * gini(y[left]) + (n - n_left) / n * gini(y[~left])"
CANDIDATES = (
    "        values = np.unique(X[:, j])\n"
    "        for t in (values[:-1] + values[1:]) / 2:\n"
    "            left = X[:, j] <= t\n"
)

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "qda_fit": {
        "unbiased covariance (n_k - 1)": ("Xc.T @ Xc / Xc.shape[0]", "Xc.T @ Xc / (Xc.shape[0] - 1)"),
        "uniform priors": ("priors = counts / y.size", "priors = np.full(len(classes), 1.0 / len(classes))"),
        "pooled covariance (LDA)": (
            "        Xc = X[y == c] - mean\n        covs.append(Xc.T @ Xc / Xc.shape[0])",
            "        D = X - means[np.searchsorted(classes, y)]\n        covs.append(D.T @ D / y.size)",
        ),
        "class covariance around the global mean": ("Xc = X[y == c] - mean\n", "Xc = X[y == c] - X.mean(axis=0)\n"),
        "priors as counts": ("priors = counts / y.size", "priors = counts"),
        "classes in order of appearance": (
            "classes, counts = np.unique(y, return_counts=True)",
            "_, first, counts = np.unique(y, return_index=True, return_counts=True)\n"
            "    classes, counts = y[np.sort(first)], counts[np.argsort(first)]",
        ),
        "np.cov as hinted: a 0-d array for d = 1": (
            "        Xc = X[y == c] - mean\n        covs.append(Xc.T @ Xc / Xc.shape[0])",
            "        covs.append(np.cov(X[y == c], rowvar=False, bias=True))",
        ),
    },
    "qda_predict_proba": {
        "forgets the log-determinant": (" - 0.5 * logdet", ""),
        "forgets the prior": ("np.log(priors[k]) - 0.5 * logdet", "-0.5 * logdet"),
        "covariance instead of its inverse": ("np.linalg.solve(covs[k], D.T).T", "D @ covs[k]"),
        "no log-sum-exp trick (nan far away)": ("    delta -= delta.max(axis=1, keepdims=True)\n", ""),
        "prior added without log": ("np.log(priors[k])", "priors[k]"),
        "missing the factor 1/2 in the quadratic form": ("- 0.5 * quad", "- quad"),
        "log of the determinant (underflows in many dimensions)": (
            "_, logdet = np.linalg.slogdet(covs[k])",
            "logdet = np.log(np.linalg.det(covs[k]))",
        ),
        "subtracts the global maximum, not each row's": ("delta.max(axis=1, keepdims=True)", "delta.max()"),
    },
    "gini": {
        "1 - sum p (not squared)": ("np.sum(p**2)", "np.sum(p)"),
        "entropy instead of Gini": ("1.0 - np.sum(p**2)", "-np.sum(p * np.log2(p))"),
        "misclassification error 1 - max p": ("1.0 - np.sum(p**2)", "1.0 - p.max()"),
        "np.bincount (fails for strings and negative labels)": (
            "    _, counts = np.unique(np.asarray(labels), return_counts=True)\n",
            "    counts = np.bincount(labels)\n",
        ),
        "sum of p squared (purity, not impurity)": ("1.0 - np.sum(p**2)", "np.sum(p**2)"),
    },
    "best_split": {
        "children not weighted by their sizes": (WEIGHTED, "gini(y[left]) + gini(y[~left])"),
        "weighted by counts, not divided by n": (WEIGHTED, "n_left * gini(y[left]) + (n - n_left) * gini(y[~left])"),
        "thresholds at the data points instead of midpoints": (
            "for t in (values[:-1] + values[1:]) / 2:",
            "for t in values[:-1]:",
        ),
        "maximises instead of minimises": [
            ('best = (-1, float("nan"), np.inf)', 'best = (-1, float("nan"), -np.inf)'),
            ("if impurity < best[2]:", "if impurity > best[2]:"),
        ],
        "off by one: sorted children overlap": (
            "(n - n_left) / n * gini(y[~left])",
            "(n - n_left + 1) / n * gini(np.r_[y[left][np.argmax(X[left, j])], y[~left]])",
        ),
        "splits between equal values (sorted, not distinct)": (
            CANDIDATES,
            "        order = np.argsort(X[:, j])\n        values = X[order, j]\n"
            "        for i, t in enumerate((values[:-1] + values[1:]) / 2):\n"
            "            left = np.isin(np.arange(n), order[: i + 1])\n",
        ),
        "ties broken towards the last split (<=)": ("if impurity < best[2]:", "if impurity <= best[2]:"),
        "starts from the parent's impurity (nothing found when no split reduces it)": (
            'best = (-1, float("nan"), np.inf)',
            'best = (-1, float("nan"), gini(y))',
        ),
        "entropy instead of Gini": [
            (
                "    n, d = X.shape\n",
                "    n, d = X.shape\n\n    def gini(labels):\n"
                "        _, counts = np.unique(labels, return_counts=True)\n"
                "        p = counts / counts.sum()\n        return -np.sum(p * np.log2(p))\n\n",
            )
        ],
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "qda_fit": {
        "Xc = X[y == c] - mean  ->  Xc = (mean - X[y == c])": "Xc is negated, and the covariance Xc.T @ Xc does not change",
    },
    "best_split": {
        "X = np.asarray(X, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
}
