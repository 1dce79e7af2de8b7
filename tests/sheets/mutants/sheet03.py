'''Plausible wrong answers to sheet03 (kernel density estimation): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "gaussian_kernel": {
        "missing 1/sqrt(2 pi)": '''
def gaussian_kernel(u):
    return np.exp(-0.5 * np.asarray(u) ** 2)
''',
        "1/(2 pi) instead of 1/sqrt(2 pi)": '''
def gaussian_kernel(u):
    return np.exp(-0.5 * np.asarray(u) ** 2) / (2 * np.pi)
''',
        "exp(-u**2) without the 1/2, renormalised by sqrt(pi)": '''
def gaussian_kernel(u):
    return np.exp(-np.asarray(u) ** 2) / np.sqrt(np.pi)
''',
        "math.exp does not work on arrays": '''
import math


def gaussian_kernel(u):
    return math.exp(-u**2 / 2) / math.sqrt(2 * math.pi)
''',
    },
    "epanechnikov_kernel": {
        "missing factor 3/4": '''
def epanechnikov_kernel(u):
    u = np.asarray(u, dtype=float)
    return np.where(np.abs(u) <= 1, 1 - u**2, 0.0)
''',
        "not cut off outside [-1, 1]": '''
def epanechnikov_kernel(u):
    u = np.asarray(u, dtype=float)
    return 0.75 * (1 - u**2)
''',
        "one-sided cut-off u <= 1 (forgot abs)": '''
def epanechnikov_kernel(u):
    u = np.asarray(u, dtype=float)
    return np.where(u <= 1, 0.75 * (1 - u**2), 0.0)
''',
        "triangle shape 1 - |u|": '''
def epanechnikov_kernel(u):
    u = np.asarray(u, dtype=float)
    return np.where(np.abs(u) <= 1, 0.75 * (1 - np.abs(u)), 0.0)
''',
        "textbook variant with variance 1 (support sqrt(5))": '''
def epanechnikov_kernel(u):
    u = np.asarray(u, dtype=float)
    return np.where(np.abs(u) <= np.sqrt(5), 0.75 / np.sqrt(5) * (1 - u**2 / 5), 0.0)
''',
    },
    "kde": {
        "missing 1/h": '''
def kde(x_eval, data, bandwidth, kernel=gaussian_kernel):
    u = (x_eval[:, None] - data[None, :]) / bandwidth
    return kernel(u).mean(axis=1)
''',
        "sum instead of mean": '''
def kde(x_eval, data, bandwidth, kernel=gaussian_kernel):
    u = (x_eval[:, None] - data[None, :]) / bandwidth
    return kernel(u).sum(axis=1) / bandwidth
''',
        "differences not scaled by h": '''
def kde(x_eval, data, bandwidth, kernel=gaussian_kernel):
    u = x_eval[:, None] - data[None, :]
    return kernel(u).mean(axis=1) / bandwidth
''',
        "averaged over the wrong axis": '''
def kde(x_eval, data, bandwidth, kernel=gaussian_kernel):
    u = (x_eval[:, None] - data[None, :]) / bandwidth
    return kernel(u).mean(axis=0) / bandwidth
''',
        "kernel argument ignored": '''
def kde(x_eval, data, bandwidth, kernel=gaussian_kernel):
    u = (x_eval[:, None] - data[None, :]) / bandwidth
    return np.exp(-0.5 * u**2).mean(axis=1) / (np.sqrt(2 * np.pi) * bandwidth)
''',
        "divides by h**2": '''
def kde(x_eval, data, bandwidth, kernel=gaussian_kernel):
    u = (x_eval[:, None] - data[None, :]) / bandwidth
    return kernel(u).mean(axis=1) / bandwidth**2
''',
    },
    "silverman_bandwidth": {
        "biased standard deviation (ddof=0)": '''
def silverman_bandwidth(data):
    q25, q75 = np.percentile(data, [25, 75])
    return float(0.9 * min(np.std(data), (q75 - q25) / 1.34) * len(data) ** (-0.2))
''',
        "standard deviation only, no IQR": '''
def silverman_bandwidth(data):
    return float(0.9 * np.std(data, ddof=1) * len(data) ** (-0.2))
''',
        "max instead of min": '''
def silverman_bandwidth(data):
    q25, q75 = np.percentile(data, [25, 75])
    return float(0.9 * max(np.std(data, ddof=1), (q75 - q25) / 1.34) * len(data) ** (-0.2))
''',
        "IQR not divided by 1.34": '''
def silverman_bandwidth(data):
    q25, q75 = np.percentile(data, [25, 75])
    return float(0.9 * min(np.std(data, ddof=1), q75 - q25) * len(data) ** (-0.2))
''',
        "1.06 (normal reference) instead of 0.9": '''
def silverman_bandwidth(data):
    q25, q75 = np.percentile(data, [25, 75])
    return float(1.06 * min(np.std(data, ddof=1), (q75 - q25) / 1.34) * len(data) ** (-0.2))
''',
        "n**(-1/5) written as n**-1/5": '''
def silverman_bandwidth(data):
    q25, q75 = np.percentile(data, [25, 75])
    return float(0.9 * min(np.std(data, ddof=1), (q75 - q25) / 1.34) * len(data) ** -1 / 5)
''',
    },
    "loo_log_likelihood": {
        "point itself included": '''
def loo_log_likelihood(data, bandwidth):
    K = gaussian_kernel((data[:, None] - data[None, :]) / bandwidth)
    return float(np.sum(np.log(K.mean(axis=1) / bandwidth)))
''',
        "diagonal removed but divided by n": '''
def loo_log_likelihood(data, bandwidth):
    K = gaussian_kernel((data[:, None] - data[None, :]) / bandwidth)
    np.fill_diagonal(K, 0.0)
    return float(np.sum(np.log(K.sum(axis=1) / (len(data) * bandwidth))))
''',
        "missing 1/h": '''
def loo_log_likelihood(data, bandwidth):
    n = len(data)
    K = gaussian_kernel((data[:, None] - data[None, :]) / bandwidth)
    np.fill_diagonal(K, 0.0)
    return float(np.sum(np.log(K.sum(axis=1) / (n - 1))))
''',
        "mean instead of sum": '''
def loo_log_likelihood(data, bandwidth):
    n = len(data)
    K = gaussian_kernel((data[:, None] - data[None, :]) / bandwidth)
    np.fill_diagonal(K, 0.0)
    return float(np.mean(np.log(K.sum(axis=1) / ((n - 1) * bandwidth))))
''',
        "log of the summed densities": '''
def loo_log_likelihood(data, bandwidth):
    n = len(data)
    K = gaussian_kernel((data[:, None] - data[None, :]) / bandwidth)
    np.fill_diagonal(K, 0.0)
    return float(np.log(np.sum(K.sum(axis=1) / ((n - 1) * bandwidth))))
''',
    },
    "best_bandwidth": {
        "argmin instead of argmax": '''
def best_bandwidth(data, candidates):
    scores = [loo_log_likelihood(data, h) for h in candidates]
    return float(candidates[np.argmin(scores)])
''',
        "returns the index": '''
def best_bandwidth(data, candidates):
    scores = [loo_log_likelihood(data, h) for h in candidates]
    return int(np.argmax(scores))
''',
        "full likelihood instead of leave-one-out": '''
def best_bandwidth(data, candidates):
    scores = [np.sum(np.log(kde(data, data, h))) for h in candidates]
    return float(candidates[np.argmax(scores)])
''',
        "stops at the first decrease (assumes sorted candidates)": '''
def best_bandwidth(data, candidates):
    best = candidates[0]
    for h in candidates[1:]:
        if loo_log_likelihood(data, h) > loo_log_likelihood(data, best):
            best = h
        else:
            break
    return float(best)
''',
        "returns the best score": '''
def best_bandwidth(data, candidates):
    return float(max(loo_log_likelihood(data, h) for h in candidates))
''',
    },
    "sample_kde": {
        "noise sd h**2": '''
def sample_kde(data, bandwidth, n, rng):
    return rng.choice(data, size=n) + rng.normal(0.0, bandwidth**2, size=n)
''',
        "noise variance h (sd sqrt(h))": '''
def sample_kde(data, bandwidth, n, rng):
    return rng.choice(data, size=n) + rng.normal(0.0, np.sqrt(bandwidth), size=n)
''',
        "without replacement": '''
def sample_kde(data, bandwidth, n, rng):
    return rng.permutation(data)[:n] + bandwidth * rng.normal(size=min(n, len(data)))
''',
        "global np.random for the noise": '''
def sample_kde(data, bandwidth, n, rng):
    return rng.choice(data, size=n) + np.random.normal(0.0, bandwidth, size=n)
''',
        "fresh generator with a fixed seed": '''
def sample_kde(data, bandwidth, n, rng):
    rng = np.random.default_rng(0)
    return rng.choice(data, size=n) + rng.normal(0.0, bandwidth, size=n)
''',
        "no noise (bootstrap only)": '''
def sample_kde(data, bandwidth, n, rng):
    return rng.choice(data, size=n)
''',
        "one noise value for all samples": '''
def sample_kde(data, bandwidth, n, rng):
    return rng.choice(data, size=n) + rng.normal(0.0, bandwidth)
''',
        "uniform noise of width h": '''
def sample_kde(data, bandwidth, n, rng):
    return rng.choice(data, size=n) + rng.uniform(-bandwidth, bandwidth, size=n)
''',
    },
}
