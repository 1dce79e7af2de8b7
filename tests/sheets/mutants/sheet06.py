"""Plausible wrong answers to sheet06 (cross-validation, double descent), as edits on the reference: each must fail
its function's tests."""

from tests.sheets.harness import Edit

FOLD_MSE = "errors.append(np.mean((y[test] - predict(model, X[test])) ** 2))"
RELU = "np.maximum(X @ W + b, 0.0)"
LSTSQ = "np.linalg.lstsq(Phi, y, rcond=None)[0]"
W_DRAW = "            W = rng.normal(size=(d, p)) / np.sqrt(d)\n"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "kfold_indices": {
        "no shuffling": ("rng.permutation(n)", "np.arange(n)"),
        "test fold left in the training set": (
            "np.concatenate([pieces[j] for j in range(k) if j != i])",
            "np.concatenate(pieces)",
        ),
        "leftover samples dropped when k does not divide n": (
            "np.array_split(rng.permutation(n), k)",
            "np.split(rng.permutation(n)[: n // k * k], k)",
        ),
        "ceil-sized folds (last fold too small)": (
            "np.array_split(rng.permutation(n), k)",
            "np.split(rng.permutation(n), [i * -(-n // k) for i in range(1, k)])",
        ),
        "new generator inside the function": ("rng.permutation(n)", "np.random.default_rng(0).permutation(n)"),
    },
    "cross_val_mse": {
        "mean of the per-fold RMSE": (
            FOLD_MSE,
            "errors.append(np.sqrt(np.mean((y[test] - predict(model, X[test])) ** 2)))",
        ),
        "sum over folds instead of mean": ("return float(np.mean(errors))", "return float(np.sum(errors))"),
        "fitted on all the data": ("model = fit(X[train], y[train])", "model = fit(X, y)"),
        "train and test swapped": ("for train, test in", "for test, train in"),
        "one MSE pooled over all predictions": [
            (FOLD_MSE, "errors.append((y[test] - predict(model, X[test])) ** 2)"),
            ("float(np.mean(errors))", "float(np.mean(np.concatenate(errors)))"),
        ],
    },
    "random_features": {
        "abs instead of ReLU": (RELU, "np.abs(X @ W + b)"),
        "bias forgotten": ("X @ W + b, 0.0", "X @ W, 0.0"),
        "bias added after the ReLU": (RELU, "np.maximum(X @ W, 0.0) + b"),
        "no nonlinearity": (RELU, "X @ W + b"),
        "bias subtracted": ("X @ W + b, 0.0", "X @ W - b, 0.0"),
    },
    "min_norm_fit": {
        "normal equations only (singular for p > n)": (LSTSQ, "np.linalg.solve(Phi.T @ Phi, Phi.T @ y)"),
        "kernel formula only (singular for p < n)": (LSTSQ, "Phi.T @ np.linalg.solve(Phi @ Phi.T, y)"),
        "small ridge to make it invertible": (
            LSTSQ,
            "np.linalg.solve(Phi.T @ Phi + 1e-6 * np.eye(Phi.shape[1]), Phi.T @ y)",
        ),
        "square subsystem, zeros elsewhere": (
            f"    return {LSTSQ}",
            f"    n, p = Phi.shape\n    if p <= n:\n        return {LSTSQ}\n"
            "    theta = np.zeros(p)\n    theta[:n] = np.linalg.solve(Phi[:, :n], y)\n    return theta",
        ),
        "lstsq with a truncating rcond": ("rcond=None", "rcond=1e-3"),
    },
    "double_descent_curve": {
        "b drawn before W": (
            W_DRAW + "            b = rng.normal(size=p)\n",
            "            b = rng.normal(size=p)\n" + W_DRAW,
        ),
        "W not scaled by 1/sqrt(d)": (" / np.sqrt(d)", ""),
        "repeats loop outside the p loop": [
            (
                "    for i, p in enumerate(p_values):\n        errors = []\n        for _ in range(n_repeats):",
                "    errors = [[] for _ in p_values]\n    for _ in range(n_repeats):\n"
                "        for i, p in enumerate(p_values):",
            ),
            ("errors.append(", "errors[i].append("),
            (
                "        curve[i] = np.mean(errors)\n    return curve",
                "    return np.array([np.mean(e) for e in errors])",
            ),
        ],
        "training error instead of test error": (
            "np.mean((random_features(X_test, W, b) @ theta - y_test) ** 2)",
            "np.mean((random_features(X_train, W, b) @ theta - y_train) ** 2)",
        ),
        "median over repeats": ("curve[i] = np.mean(errors)", "curve[i] = np.median(errors)"),
        "same W for all repeats": [(W_DRAW, ""), ("        errors = []\n", "        errors = []\n" + W_DRAW[4:])],
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {}
