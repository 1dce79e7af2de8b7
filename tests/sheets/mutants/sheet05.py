"""Plausible wrong answers to sheet05 (ridge and lasso), as edits on the reference: each must fail its function's
tests."""

from tests.sheets.harness import Edit

RIDGE = """\
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T @ yc)
    return w, float(y_mean - x_mean @ w)"""
SVD = "    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)\n"
SOFT = "np.sign(z) * np.maximum(np.abs(z) - t, 0.0)"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "ridge_closed_form": {
        "intercept penalised (column of ones in the design)": (
            RIDGE,
            "    A = np.column_stack([np.ones(X.shape[0]), X])\n"
            "    coef = np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ y)\n"
            "    return coef[1:], float(coef[0])",
        ),
        "data not centered": ("Xc, yc = X - x_mean, y - y_mean", "Xc, yc = X, y"),
        "identity forgotten (lam added to every entry)": ("+ lam * np.eye(X.shape[1])", "+ lam"),
        "penalty scaled by n (mean squared error objective)": ("lam * np.eye", "X.shape[0] * lam * np.eye"),
        "intercept is mean(y) only": ("float(y_mean - x_mean @ w)", "float(y_mean)"),
    },
    "ridge_path_svd": {
        "s instead of s**2 in the filter": ("s / (s**2 + lams", "s / (s + lams"),
        "numerator s forgotten": ("factors = s / (", "factors = 1.0 / ("),
        "SVD of the uncentered X": ("np.linalg.svd(X - x_mean,", "np.linalg.svd(X,"),
        "V and V^T confused": ("@ Vt\n", "@ Vt.T\n"),
        "intercept is mean(y) only": ("return W, y_mean - W @ x_mean", "return W, np.full(len(lams), y_mean)"),
    },
    "ridge_dof": {
        "s instead of s**2": ("s**2 / (s**2 + lams[:, None])", "s / (s + lams[:, None])"),
        "uncentered X": ("np.linalg.svd(X - X.mean(axis=0),", "np.linalg.svd(X,"),
        "eigenvalues of the covariance instead of s**2": (
            SVD,
            "    s = np.sqrt(np.clip(np.linalg.eigvalsh(np.cov(X, rowvar=False)), 0, None))\n",
        ),
        "eigenvalues of Xc^T Xc squared again": (
            SVD,
            "    Xc = X - X.mean(axis=0)\n    s = np.clip(np.linalg.eigvalsh(Xc.T @ Xc), 0, None)\n",
        ),
        "intercept counted (+1)": ("return np.sum(", "return 1.0 + np.sum("),
    },
    "soft_threshold": {
        "sign forgotten": ("np.sign(z) * ", ""),
        "not clipped at zero": ("np.maximum(np.abs(z) - t, 0.0)", "(np.abs(z) - t)"),
        "only the positive side": (SOFT, "np.maximum(z - t, 0.0)"),
        "hard thresholding": (SOFT, "np.where(np.abs(z) > t, z, 0.0)"),
        "always shifts down by t": (SOFT, "np.where(np.abs(z) > t, z - t, 0.0)"),
    },
    "lasso_cd": {
        "not divided by the column norm a_j": ("soft_threshold(rho, lam) / a[j]", "soft_threshold(rho, lam)"),
        "stale residual (updated once per pass)": [
            ("                r = r - Xc[:, j] * change\n", ""),
            ("        max_change = 0.0\n", "        r = y - y_mean - Xc @ w\n        max_change = 0.0\n"),
        ],
        "objective (1/n)||r||^2: threshold lam / 2": ("soft_threshold(rho, lam)", "soft_threshold(rho, lam / 2)"),
        "sums instead of means (lam off by n)": [
            ("a = np.sum(Xc**2, axis=0) / n", "a = np.sum(Xc**2, axis=0)"),
            ("rho = Xc[:, j] @ r / n", "rho = Xc[:, j] @ r"),
        ],
        "X not centered (intercept effectively penalised)": ("Xc = X - x_mean", "Xc = X"),
        "rho without the own contribution x_j w_j": ("rho = Xc[:, j] @ r / n + a[j] * w[j]", "rho = Xc[:, j] @ r / n"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "ridge_closed_form": {
        "return w, float(y_mean - x_mean @ w)  ->  return w, float(y_mean - (w @ x_mean))": "for 1-D vectors u @ v == v @ u",
    },
    "ridge_path_svd": {
        "lams = np.asarray(lams, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
    "ridge_dof": {
        "lams = np.asarray(lams, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
        "s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)  ->  s = np.linalg.svd((X.mean(axis=0) - X), compute_uv=False)": "the singular values of -Xc are those of Xc",
    },
    "lasso_cd": {
        "if change != 0.0:  ->  if change != 1.0:": "the branch only skips no-op updates; a change of exactly 1.0 (skipped by the mutant) does not occur for continuous data",
    },
}
