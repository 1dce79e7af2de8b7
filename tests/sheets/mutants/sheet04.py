"""Plausible wrong answers to sheet04 (linear regression), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

ONES = "np.ones((X.shape[0], 1))"
RECURSION = "for i in range(p - 1, -1, -1):\n        w[i] = (b[i] - R[i, i + 1 :] @ w[i + 1 :]) / R[i, i]"
DRAWS = (
    "        x_train = rng.uniform(-1, 1, n_train)\n"
    "        y_train = true_f(x_train) + rng.normal(0, noise_sd, n_train)"
)

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "add_intercept": {
        "column of ones at the end": (f"np.hstack([{ONES}, X])", f"np.hstack([X, {ONES}])"),
        "column of zeros": (ONES, "np.zeros((X.shape[0], 1))"),
        "ones_like(X) instead of one column": (ONES, "np.ones_like(X)"),
        "adds 1 to every entry": (f"return np.hstack([{ONES}, X])", "return X + 1"),
        "overwrites the first feature in place": (
            f"    X = np.asarray(X, dtype=float)\n    return np.hstack([{ONES}, X])",
            "    X[:, 0] = 1\n    return X",
        ),
    },
    "fit_normal_equations": {
        "no intercept column": ("A = add_intercept(X)", "A = X"),
        "intercept returned last": ("A = add_intercept(X)", f"A = np.hstack([X, {ONES}])"),
        "A A^T instead of A^T A": ("A.T @ A,", "A @ A.T,"),
        "intercept = mean(y), slopes from uncentred X": (
            "    A = add_intercept(X)\n    return np.linalg.solve(A.T @ A, A.T @ y)",
            "    coef = np.linalg.solve(X.T @ X, X.T @ (y - y.mean()))\n    return np.concatenate([[y.mean()], coef])",
        ),
        "ridge term added out of habit": ("A.T @ A,", "A.T @ A + 1e-3 * np.eye(A.shape[1]),"),
    },
    "fit_lstsq": {
        "normal equations in disguise": ("    return w\n", "    return np.linalg.solve(A.T @ A, A.T @ y)\n"),
        "solves with the transposed R": ("    return w\n", "    return np.linalg.solve(R.T, b)\n"),
        "back substitution from the top (forward order)": (
            RECURSION,
            "for i in range(p):\n        w[i] = (b[i] - R[i, :i] @ w[:i]) / R[i, i]",
        ),
        "no intercept column": ("A = add_intercept(X)", "A = np.asarray(X, dtype=float)"),
        "R^T R w = A^T y (Cholesky-style, squares the condition number)": (
            "    return w\n",
            "    return np.linalg.solve(R, np.linalg.solve(R.T, A.T @ y))\n",
        ),
    },
    "polynomial_features": {
        "powers start at 1": ("np.arange(degree + 1)", "np.arange(1, degree + 1)"),
        "np.vander default (decreasing powers)": ("x[:, None] ** np.arange(degree + 1)", "np.vander(x, degree + 1)"),
        "one column too few": ("np.arange(degree + 1)", "np.arange(degree)"),
        "transposed (degree + 1, n)": (
            "x[:, None] ** np.arange(degree + 1)",
            "x[None, :] ** np.arange(degree + 1)[:, None]",
        ),
        "multiplies instead of powers": ("x[:, None] **", "x[:, None] *"),
    },
    "bias_variance": {
        "noise drawn before x_train": (
            DRAWS,
            "        noise = rng.normal(0, noise_sd, n_train)\n"
            "        x_train = rng.uniform(-1, 1, n_train)\n"
            "        y_train = true_f(x_train) + noise",
        ),
        "all x_train drawn first, then all noise (vectorised)": (
            f"    for r in range(n_repeats):\n{DRAWS}",
            "    x_all = rng.uniform(-1, 1, (n_repeats, n_train))\n"
            "    noise = rng.normal(0, noise_sd, (n_repeats, n_train))\n"
            "    for r in range(n_repeats):\n        x_train = x_all[r]\n        y_train = true_f(x_train) + noise[r]",
        ),
        "bias not squared": (
            "np.mean((mean_prediction - true_f(x_test)) ** 2)",
            "np.mean(np.abs(mean_prediction - true_f(x_test)))",
        ),
        "variance around the true f (includes the bias)": (
            "variance = np.mean(predictions.var(axis=0))",
            "variance = np.mean((predictions - true_f(x_test)) ** 2)",
        ),
        "ddof=1 variance": ("predictions.var(axis=0)", "predictions.var(axis=0, ddof=1)"),
        "polynomial of degree - 1 (drops the last power)": [
            ("polynomial_features(x_train, degree)[:, 1:]", "polynomial_features(x_train, degree)[:, 1:-1]"),
            ("polynomial_features(x_test, degree) @ w", "polynomial_features(x_test, degree)[:, :-1] @ w"),
        ],
        "fits the noise-free targets": (
            "y_train = true_f(x_train) + rng.normal(0, noise_sd, n_train)",
            "rng.normal(0, noise_sd, n_train)\n        y_train = true_f(x_train)",
        ),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "add_intercept": {
        "X = np.asarray(X, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
    "fit_lstsq": {
        "w[i] = (b[i] - R[i, i + 1 :] @ w[i + 1 :]) / R[i, i]  ->  w[i] = (b[i] - (w[i + 1:] @ R[i, i + 1:])) / R[i, i]": "for 1-D vectors u @ v == v @ u",
        "w[i] = (b[i] - R[i, i + 1 :] @ w[i + 1 :]) / R[i, i]  ->  w[i] = (b[i] - (R[i, i + 1:].T @ w[i + 1:])) / R[i, i]": ".T of a 1-D array is the array itself",
    },
    "polynomial_features": {
        "x = np.asarray(x, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
    "bias_variance": {
        "x_test = np.asarray(x_test, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
}
