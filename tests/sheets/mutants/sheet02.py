"""Plausible wrong answers to sheet02 (nonlinear dimension reduction), as edits on the reference: each must fail
its function's tests."""

from tests.sheets.harness import Edit

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "pairwise_sq_distances": {
        "Euclidean, not squared": ("return np.maximum(D, 0.0)", "return np.sqrt(np.maximum(D, 0.0))"),
        "factor 2 missing in the cross term": ("- 2.0 * X @ X.T", "- X @ X.T"),
        "summed over the sample axis": ("np.sum(X**2, axis=1)", "np.sum(X**2, axis=0)"),
        "Gram matrix of the features": [("np.sum(X**2, axis=1)", "np.sum(X**2, axis=0)"), ("X @ X.T", "X.T @ X")],
        "absolute differences (Manhattan)": (
            "    sq_norms = np.sum(X**2, axis=1)\n    D = sq_norms[:, None] + sq_norms[None, :] - 2.0 * X @ X.T",
            "    D = np.sum(np.abs(X[:, None, :] - X[None, :, :]), axis=-1)",
        ),
    },
    "conditional_affinities": {
        "self not excluded": ("np.where(others, np.exp(-beta * energies), 0.0)", "np.exp(-beta * energies)"),
        "self in the partition function, zeroed afterwards": (
            "    p = weights / weights.sum()",
            "    p = np.exp(-beta * energies) / np.exp(-beta * energies).sum()\n    p[i] = 0.0",
        ),
        "entropy in nats (natural log)": ("nonzero * np.log2(nonzero)", "nonzero * np.log(nonzero)"),
        "beta used as a temperature": ("np.exp(-beta * energies)", "np.exp(-energies / beta)"),
        "always excludes the first entry": (
            "others = np.arange(D_row.size) != i",
            "others = np.arange(D_row.size) != 0",
        ),
        "returns the perplexity instead of the entropy": ("H = float(-np.sum(", "H = 2 ** float(-np.sum("),
        "shifts D_row in place": (
            "energies = D_row - D_row[others].min()",
            "D_row -= D_row[others].min()\n    energies = D_row",
        ),
    },
    "calibrate_beta": {
        "bisection moves the wrong way": ("if H > target:", "if H < target:"),
        "compares the entropy with the perplexity itself": ("target = np.log2(perplexity)", "target = perplexity"),
        "target in nats": ("target = np.log2(perplexity)", "target = np.log(perplexity)"),
        "fixed bracket [0, 10]": (
            "beta, beta_min, beta_max = 1.0, 0.0, np.inf",
            "beta, beta_min, beta_max = 5.0, 0.0, 10.0",
        ),
        "returns p of the previous beta": ("return beta, p", "return beta_min, p"),
        "ignores tol": ("if abs(H - target) < tol:", "if abs(H - target) < 1e-5:"),
        "ignores max_iter": ("for _ in range(max_iter):", "for _ in range(100):"),
        "excludes the self entry by setting it to inf in place": (
            "target = np.log2(perplexity)",
            "target = np.log2(perplexity)\n    D_row[i] = np.inf",
        ),
    },
    "tsne_affinities": {
        "not symmetrised": ("return (P_cond + P_cond.T) / (2.0 * n)", "return P_cond / n"),
        "divides by n instead of 2n": ("/ (2.0 * n)", "/ n"),
        "calibrated on unsquared distances": ("D = pairwise_sq_distances(X)", "D = np.sqrt(pairwise_sq_distances(X))"),
        "symmetrised with the elementwise maximum": (
            "return (P_cond + P_cond.T) / (2.0 * n)",
            "return np.maximum(P_cond, P_cond.T) / np.maximum(P_cond, P_cond.T).sum()",
        ),
        "one beta for all rows": (
            "        P_cond[i] = calibrate_beta(D[i], i, perplexity)[1]",
            "        P_cond[i] = conditional_affinities(D[i], calibrate_beta(D[0], 0, perplexity)[0], i)[0]",
        ),
        "centres X in place first (distances unchanged)": (
            "D = pairwise_sq_distances(X)",
            "X -= X.mean(axis=0)\n    D = pairwise_sq_distances(X)",
        ),
    },
    "classical_mds": {
        "eigenvalues in ascending order": ("np.argsort(values)[::-1][:k]", "np.argsort(values)[:k]"),
        "missing the factor -1/2": ("B = -0.5 * J @ D_sq @ J", "B = J @ D_sq @ J"),
        "only the factor 1/2, sign lost": ("B = -0.5 * J @ D_sq @ J", "B = 0.5 * J @ D_sq @ J"),
        "no double centering": ("B = -0.5 * J @ D_sq @ J", "B = -0.5 * D_sq"),
        "missing square root": ("np.sqrt(np.maximum(values[order], 0.0))", "np.maximum(values[order], 0.0)"),
        "eigenvectors taken as rows": ("return vectors[:, order]", "return vectors[order].T"),
        "double-centres D_sq in place": (
            "B = -0.5 * J @ D_sq @ J",
            "D_sq -= D_sq.mean(axis=0)\n    D_sq -= D_sq.mean(axis=1, keepdims=True)\n    B = -0.5 * D_sq",
        ),
        "eigenvalues ordered by magnitude": ("np.argsort(values)[::-1][:k]", "np.argsort(np.abs(values))[::-1][:k]"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "pairwise_sq_distances": {
        "np.fill_diagonal(D, 0.0)  ->  np.fill_diagonal(D, (-1.0))": "the diagonal set to -1 is clipped back to 0 by the np.maximum(D, 0.0) that follows",
    },
    "conditional_affinities": {
        "D_row = np.asarray(D_row, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
    "calibrate_beta": {
        "beta, beta_min, beta_max = 1.0, 0.0, np.inf  ->  beta, beta_min, beta_max = 1.0, (-1.0), np.inf": "a lower bracket end of -1 instead of 0: the first halving below 1 lands on beta = 0 (uniform p, too hot) and the bisection goes on in [0, 1]",
        "if H > target:  ->  if (H >= target):": "H == target exactly never happens: the loop has stopped once |H - target| < tol",
        "beta = 2.0 * beta if np.isinf(beta_max) else 0.5 * (beta + beta_max)  ->  beta = 3.0 * beta if np.isinf(beta_max) else 0.5 * (beta + beta_max)": "growing the bracket by 3 instead of 2 while no upper end is known still brackets and bisects to the same beta within tol",
    },
    "tsne_affinities": {
        "n = D.shape[0]  ->  n = D.shape[(-1)]": "D is square (n, n)",
    },
    "classical_mds": {
        "n = D_sq.shape[0]  ->  n = D_sq.shape[(-1)]": "D_sq is square (n, n)",
        "J = np.eye(n) - np.full((n, n), 1.0 / n)  ->  J = (np.full((n, n), 1.0 / n) - np.eye(n))": "-J instead of J: B = -1/2 (-J) D (-J) is unchanged",
        "B = -0.5 * J @ D_sq @ J  ->  B = ((-0.5 * J).T @ D_sq) @ J": "J is symmetric, so (-1/2 J)^T = -1/2 J",
    },
}
