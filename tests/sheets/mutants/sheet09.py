"""Plausible wrong answers to sheet09 (logistic regression and GLMs), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

STABLE = "    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))"
NLL = "np.mean(np.logaddexp(0.0, t) - y * t)"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "sigmoid": {
        "textbook formula overflows for large negative z": (STABLE, "    return 1.0 / (1.0 + np.exp(-z))"),
        "exp(z) / (1 + exp(z)) gives nan for large z": (STABLE, "    return np.exp(z) / (1.0 + np.exp(z))"),
        "np.where with an overflowing branch": (
            STABLE,
            "    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))",
        ),
        "1 - sigmoid(-z) for negative z loses the tail": ("e / (1.0 + e)", "1.0 - 1.0 / (1.0 + e)"),
        "tanh form, absolute but not relative accuracy": (STABLE, "    return 0.5 * (1.0 + np.tanh(0.5 * z))"),
        "clips z to [-30, 30]": (STABLE, "    z = np.clip(z, -30.0, 30.0)\n    return 1.0 / (1.0 + np.exp(-z))"),
    },
    "logistic_nll_grad": {
        "gradient sign error X^T (y - p)": ("X.T @ (sigmoid(t) - y)", "X.T @ (y - sigmoid(t))"),
        "sum instead of mean (missing 1/n)": [
            ("loss = np.mean(", "loss = np.sum("),
            ("X.T @ (sigmoid(t) - y) / n", "X.T @ (sigmoid(t) - y)"),
        ],
        "penalises the intercept": [("    penalty[0] = 0.0\n", ""), ("np.sum(w[1:] ** 2)", "np.sum(w**2)")],
        "cross-entropy with log of probabilities": (
            NLL,
            "-np.mean(y * np.log(sigmoid(t)) + (1 - y) * np.log(1 - sigmoid(t)))",
        ),
        "clipped probabilities in the cross-entropy": (
            f"    loss = {NLL}",
            "    p = np.clip(sigmoid(t), 1e-15, 1 - 1e-15)\n"
            "    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))",
        ),
        "penalty lam ||w||^2 without the 1/2": ("+ 0.5 * lam * np.sum", "+ lam * np.sum"),
    },
    "fit_logistic_gd": {
        "gradient ascent (+ instead of -)": ("w = w - lr * grad", "w = w + lr * grad"),
        "learning rate divided by n once more": ("w = w - lr * grad", "w = w - lr * grad / X.shape[0]"),
        "history without the final loss": (
            "    history = [loss]\n    for _ in range(n_iter):\n        w = w - lr * grad\n"
            "        loss, grad = logistic_nll_grad(w, X, y, lam)\n        history.append(loss)",
            "    history = []\n    for _ in range(n_iter):\n        history.append(loss)\n        w = w - lr * grad\n"
            "        loss, grad = logistic_nll_grad(w, X, y, lam)",
        ),
        "penalty ignored in the steps": ("w = w - lr * grad", "w = w - lr * logistic_nll_grad(w, X, y, 0.0)[1]"),
        "one step too few": [("history = [loss]", "history = [loss, loss]"), ("range(n_iter)", "range(n_iter - 1)")],
    },
    "fit_logistic_newton": {
        "Hessian without the weights S (X^T X / n)": ("(X.T * (p * (1 - p))) @ X / n", "X.T @ X / n"),
        "weights p instead of p (1 - p)": ("(X.T * (p * (1 - p)))", "(X.T * p)"),
        "Newton step with + instead of -": ("w = w - np.linalg.solve", "w = w + np.linalg.solve"),
        "Hessian missing 1/n": ("@ X / n + P", "@ X + P"),
        "penalty in the Hessian but not in the gradient": (
            "np.linalg.solve(H, grad)",
            "np.linalg.solve(H, logistic_nll_grad(w, X, y, 0.0)[1])",
        ),
    },
    "fit_poisson_glm": {
        "identity link (least squares)": [
            ("mu = np.exp(X @ w)", "mu = X @ w"),
            ("H = (X.T * mu) @ X / n", "H = X.T @ X / n"),
        ],
        "weights y instead of mu": ("(X.T * mu)", "(X.T * y)"),
        "Newton step with + instead of -": ("w = w - np.linalg.solve", "w = w + np.linalg.solve"),
        "starts from w = 0": ("    w[0] = np.log(np.mean(y))\n", ""),
        "logistic (sigmoid) mean copied from Problem 2": [
            ("mu = np.exp(X @ w)", "mu = sigmoid(X @ w)"),
            ("(X.T * mu)", "(X.T * (mu * (1 - mu)))"),
        ],
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "sigmoid": {
        "z = np.asarray(z, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
        "return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  ->  return np.where((z > 0), 1.0 / (1.0 + e), e / (1.0 + e))": "at z = 0 both branches give 1/2",
    },
}
