"""Plausible wrong answers to sheet03 (kernel density estimation), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "gaussian_kernel": {
        "missing 1/sqrt(2 pi)": ("np.exp(-0.5 * u**2) / np.sqrt(2.0 * np.pi)", "np.exp(-0.5 * u**2)"),
        "1/(2 pi) instead of 1/sqrt(2 pi)": ("/ np.sqrt(2.0 * np.pi)", "/ (2.0 * np.pi)"),
        "exp(-u**2) without the 1/2, renormalised by sqrt(pi)": (
            "np.exp(-0.5 * u**2) / np.sqrt(2.0 * np.pi)",
            "np.exp(-(u**2)) / np.sqrt(np.pi)",
        ),
        "math.exp does not work on arrays": (
            "    u = np.asarray(u, dtype=float)\n    return np.exp(-0.5 * u**2) / np.sqrt(2.0 * np.pi)",
            "    import math\n    return math.exp(-0.5 * u**2) / math.sqrt(2.0 * math.pi)",
        ),
    },
    "epanechnikov_kernel": {
        "missing factor 3/4": ("0.75 * (1.0 - u**2)", "(1.0 - u**2)"),
        "not cut off outside [-1, 1]": ("np.where(np.abs(u) <= 1.0, 0.75 * (1.0 - u**2), 0.0)", "0.75 * (1.0 - u**2)"),
        "one-sided cut-off u <= 1 (forgot abs)": ("np.abs(u) <= 1.0", "u <= 1.0"),
        "triangle shape 1 - |u|": ("(1.0 - u**2)", "(1.0 - np.abs(u))"),
        "textbook variant with variance 1 (support sqrt(5))": (
            "np.where(np.abs(u) <= 1.0, 0.75 * (1.0 - u**2), 0.0)",
            "np.where(np.abs(u) <= np.sqrt(5), 0.75 / np.sqrt(5) * (1.0 - u**2 / 5), 0.0)",
        ),
        "clips u to [-1, 1] in place": (
            "    return np.where(np.abs(u) <= 1.0, 0.75 * (1.0 - u**2), 0.0)",
            "    u[np.abs(u) > 1.0] = 1.0\n    return 0.75 * (1.0 - u**2)",
        ),
    },
    "kde": {
        "missing 1/h": ("kernel(u).mean(axis=1) / bandwidth", "kernel(u).mean(axis=1)"),
        "sum instead of mean": ("kernel(u).mean(axis=1)", "kernel(u).sum(axis=1)"),
        "differences not scaled by h": (
            "(x_eval[:, None] - data[None, :]) / bandwidth",
            "x_eval[:, None] - data[None, :]",
        ),
        "averaged over the wrong axis": ("mean(axis=1)", "mean(axis=0)"),
        "kernel argument ignored": ("kernel(u)", "gaussian_kernel(u)"),
        "divides by h**2": ("mean(axis=1) / bandwidth", "mean(axis=1) / bandwidth**2"),
        "sorts x_eval (densities in sorted order)": (
            "x_eval = np.asarray(x_eval, dtype=float)",
            "x_eval = np.sort(np.asarray(x_eval, dtype=float))",
        ),
        "scales data by h in place": [
            ("data = np.asarray(data, dtype=float)", "data = np.asarray(data, dtype=float)\n    data /= bandwidth"),
            ("u = (x_eval[:, None] - data[None, :]) / bandwidth", "u = x_eval[:, None] / bandwidth - data[None, :]"),
        ],
    },
    "silverman_bandwidth": {
        "biased standard deviation (ddof=0)": ("data.std(ddof=1)", "data.std()"),
        "standard deviation only, no IQR": ("min(data.std(ddof=1), (q75 - q25) / 1.34)", "data.std(ddof=1)"),
        "max instead of min": ("min(data.std(ddof=1)", "max(data.std(ddof=1)"),
        "IQR not divided by 1.34": ("(q75 - q25) / 1.34", "(q75 - q25)"),
        "1.06 (normal reference) instead of 0.9": ("0.9 * spread", "1.06 * spread"),
        "n**(-1/5) written as n**-1/5": ("data.size ** (-0.2)", "data.size**-1 / 5"),
        "sorts data in place for the quartiles": (
            "q25, q75 = np.percentile(data, [25, 75])",
            "data.sort()\n    q25, q75 = np.percentile(data, [25, 75])",
        ),
    },
    "loo_log_likelihood": {
        "point itself included": ("    np.fill_diagonal(K, 0.0)\n", ""),
        "diagonal removed but divided by n": ("((n - 1) * bandwidth)", "(n * bandwidth)"),
        "missing 1/h": ("((n - 1) * bandwidth)", "(n - 1)"),
        "mean instead of sum": ("float(np.sum(np.log(", "float(np.mean(np.log("),
        "log of the summed densities": (
            "np.sum(np.log(K.sum(axis=1) / ((n - 1) * bandwidth)))",
            "np.log(np.sum(K.sum(axis=1) / ((n - 1) * bandwidth)))",
        ),
        "leaves out every point equal to x_i, not only the point itself": (
            "np.fill_diagonal(K, 0.0)",
            "K = np.where(data[:, None] == data[None, :], 0.0, K)",
        ),
        "centres data in place (differences unchanged)": (
            "n = data.size",
            "data -= data.mean()\n    n = data.size",
        ),
    },
    "best_bandwidth": {
        "argmin instead of argmax": ("np.argmax(scores)", "np.argmin(scores)"),
        "returns the index": ("return float(candidates[np.argmax(scores)])", "return int(np.argmax(scores))"),
        "full likelihood instead of leave-one-out": (
            "[loo_log_likelihood(data, h) for h in candidates]",
            "[np.sum(np.log(kde(data, data, h))) for h in candidates]",
        ),
        "stops at the first decrease (assumes sorted candidates)": (
            "    return float(candidates[np.argmax(scores)])",
            "    stop = next((i for i in range(1, len(scores)) if scores[i] <= scores[i - 1]), len(scores))\n"
            "    return float(candidates[stop - 1])",
        ),
        "returns the best score": ("return float(candidates[np.argmax(scores)])", "return float(scores.max())"),
        "sorts candidates in place": (
            "candidates = np.asarray(candidates, dtype=float)",
            "candidates = np.asarray(candidates, dtype=float)\n    candidates.sort()",
        ),
    },
    "sample_kde": {
        "noise sd h**2": ("bandwidth * rng.normal", "bandwidth**2 * rng.normal"),
        "noise variance h (sd sqrt(h))": ("bandwidth * rng.normal", "np.sqrt(bandwidth) * rng.normal"),
        "without replacement": ("data[rng.integers(0, data.size, size=n)]", "rng.permutation(data)[:n]"),
        "global np.random for the noise": ("rng.normal(size=n)", "np.random.normal(size=n)"),
        "fresh generator with a fixed seed": (
            "    data = np.asarray(data, dtype=float)\n",
            "    data = np.asarray(data, dtype=float)\n    rng = np.random.default_rng(0)\n",
        ),
        "no noise (bootstrap only)": ("return centres + bandwidth * rng.normal(size=n)", "return centres"),
        "one noise value for all samples": ("rng.normal(size=n)", "rng.normal()"),
        "uniform noise of width h": ("rng.normal(size=n)", "rng.uniform(-1.0, 1.0, size=n)"),
        "shuffles data in place before picking": (
            "centres = data[rng.integers(0, data.size, size=n)]",
            "rng.shuffle(data)\n    centres = data[rng.integers(0, data.size, size=n)]",
        ),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "gaussian_kernel": {
        "u = np.asarray(u, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
    "epanechnikov_kernel": {
        "u = np.asarray(u, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
        "return np.where(np.abs(u) <= 1.0, 0.75 * (1.0 - u**2), 0.0)  ->  return np.where((np.abs(u) < 1.0), 0.75 * (1.0 - u**2), 0.0)": "at |u| = 1 the kernel 3/4 (1 - u^2) is 0 on both sides of the boundary",
    },
    "kde": {
        "x_eval = np.asarray(x_eval, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
        "data = np.asarray(data, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
        "u = (x_eval[:, None] - data[None, :]) / bandwidth  ->  u = ((data[None, :] - x_eval[:, None])) / bandwidth": "the sheet's kernels are even, K(-u) = K(u)",
    },
    "loo_log_likelihood": {
        "return float(np.sum(np.log(K.sum(axis=1) / ((n - 1) * bandwidth))))  ->  return float(np.sum(np.log(K.sum(axis=0) / ((n - 1) * bandwidth))))": "K is symmetric (K[i, j] = K[j, i]), so its row and column sums agree",
    },
    "best_bandwidth": {
        "candidates = np.asarray(candidates, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
    "sample_kde": {
        "data = np.asarray(data, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
        "return centres + bandwidth * rng.normal(size=n)  ->  return (centres - bandwidth * rng.normal(size=n))": "the noise is symmetric: centres - h z has the same distribution as centres + h z (the tests check the distribution, not the draws)",
    },
}
