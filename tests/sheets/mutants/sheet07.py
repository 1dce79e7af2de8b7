"""Plausible wrong answers to sheet07 (decision theory, ROC), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

LOG_SUM_EXP = "    log_joint -= log_joint.max(axis=1, keepdims=True)\n"
TRAPEZOID = "(tpr[1:] + tpr[:-1]) / 2"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "gaussian_log_density": {
        "forgets the -1/2 log det term": ("+ log_det +", "+"),
        "cov instead of its inverse in the quadratic form": (
            "z = np.linalg.solve(L, (X - mean).T)",
            "z = L.T @ (X - mean).T",
        ),
        "log(2 pi) not multiplied by d": ("d * np.log(2 * np.pi)", "np.log(2 * np.pi)"),
        "factor 1/2 missing on the quadratic form": (
            "-0.5 * (d * np.log(2 * np.pi) + log_det + np.sum(z**2, axis=0))",
            "-0.5 * (d * np.log(2 * np.pi) + log_det) - np.sum(z**2, axis=0)",
        ),
        "log det of the Cholesky factor without the factor 2": ("log_det = 2.0 * np.sum", "log_det = np.sum"),
    },
    "bayes_posterior": {
        "forgets the priors": (" + np.log(priors[k])", ""),
        "naive normalisation without log-sum-exp (nan far away)": (LOG_SUM_EXP, ""),
        "not normalised (joint instead of posterior)": [
            (LOG_SUM_EXP, ""),
            ("return post / post.sum(axis=1, keepdims=True)", "return post"),
        ],
        "prior added instead of log prior": ("np.log(priors[k])", "priors[k]"),
        "normalised over the samples (axis 0)": [
            ("log_joint.max(axis=1, keepdims=True)", "log_joint.max(axis=0, keepdims=True)"),
            ("post.sum(axis=1, keepdims=True)", "post.sum(axis=0, keepdims=True)"),
        ],
    },
    "bayes_decision": {
        "argmin of the posterior": ("np.argmin(risk, axis=1)", "np.argmin(posteriors, axis=1)"),
        "loss matrix transposed": ("risk = posteriors @ loss", "risk = posteriors @ loss.T"),
        "loss indexed as loss[decided, true]": [
            ("risk = posteriors @ loss", "risk = loss @ posteriors.T"),
            ("np.argmin(risk, axis=1)", "np.argmin(risk, axis=0)"),
        ],
        "loss summed over the wrong axis": (
            "risk = posteriors @ loss",
            "risk = np.sum(posteriors[:, :, None] * loss[None, :, :], axis=2)",
        ),
        "argmax of the expected loss": ("np.argmin(risk", "np.argmax(risk"),
        "ignores the loss (always argmax posterior)": ("np.argmin(risk, axis=1)", "np.argmax(posteriors, axis=1)"),
    },
    "roc_curve_points": {
        "thresholds ascending (curve reversed)": ("np.argsort(-scores,", "np.argsort(scores,"),
        "ties not grouped (one point per sample)": (
            "last = np.r_[np.nonzero(np.diff(s))[0], s.size - 1]",
            "last = np.arange(s.size)",
        ),
        "fpr and tpr swapped": (
            "return fpr.astype(float), tpr.astype(float)",
            "return tpr.astype(float), fpr.astype(float)",
        ),
        "rates divided by n instead of the class sizes": [("/ tps[-1]", "/ s.size"), ("/ fps[-1]", "/ s.size")],
        "strict > threshold, no (1, 1) end point": [
            ("np.r_[0, tps[last]]", "np.r_[0, 0, tps[last][:-1]]"),
            ("np.r_[0, fps[last]]", "np.r_[0, 0, fps[last][:-1]]"),
        ],
    },
    "auc": {
        "left Riemann sum": (TRAPEZOID, "tpr[:-1]"),
        "right Riemann sum": (TRAPEZOID, "tpr[1:]"),
        "integrates fpr over tpr": (f"np.diff(fpr) * {TRAPEZOID}", "np.diff(tpr) * (fpr[1:] + fpr[:-1]) / 2"),
        "mean of tpr (assumes equal spacing)": (f"np.sum(np.diff(fpr) * {TRAPEZOID})", f"np.mean({TRAPEZOID})"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "gaussian_log_density": {
        "z = np.linalg.solve(L, (X - mean).T)  # (d, n)  ->  z = np.linalg.solve(L, ((mean - X)).T)  # (d, n)": "z is negated, and only z**2 enters the density",
    },
    "roc_curve_points": {
        "last = np.r_[np.nonzero(np.diff(s))[0], s.size - 1]  # last index of each group of equal scores  ->  last = np.r_[np.nonzero(np.diff(s))[(-1)], s.size - 1]  # last index of each group of equal scores": "np.nonzero of a 1-D array returns a 1-tuple: [-1] and [0] are the same array",
    },
    "auc": {
        "fpr = np.asarray(fpr, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
        "tpr = np.asarray(tpr, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
}
