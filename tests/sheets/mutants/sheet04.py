'''Plausible wrong answers to sheet04 (linear regression): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "add_intercept": {
        "column of ones at the end": '''
def add_intercept(X):
    return np.hstack([X, np.ones((X.shape[0], 1))])
''',
        "column of zeros": '''
def add_intercept(X):
    return np.hstack([np.zeros((X.shape[0], 1)), X])
''',
        "ones_like(X) instead of one column": '''
def add_intercept(X):
    return np.hstack([np.ones_like(X), X])
''',
        "adds 1 to every entry": '''
def add_intercept(X):
    return X + 1
''',
        "overwrites the first feature in place": '''
def add_intercept(X):
    X[:, 0] = 1
    return X
''',
    },
    "fit_normal_equations": {
        "no intercept column": '''
def fit_normal_equations(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)
''',
        "intercept returned last": '''
def fit_normal_equations(X, y):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    return np.linalg.solve(A.T @ A, A.T @ y)
''',
        "A A^T instead of A^T A": '''
def fit_normal_equations(X, y):
    A = add_intercept(X)
    return np.linalg.solve(A @ A.T, A.T @ y)
''',
        "intercept = mean(y), slopes from uncentred X": '''
def fit_normal_equations(X, y):
    coef = np.linalg.solve(X.T @ X, X.T @ (y - y.mean()))
    return np.concatenate([[y.mean()], coef])
''',
        "ridge term added out of habit": '''
def fit_normal_equations(X, y):
    A = add_intercept(X)
    return np.linalg.solve(A.T @ A + 1e-3 * np.eye(A.shape[1]), A.T @ y)
''',
    },
    "fit_lstsq": {
        "normal equations in disguise": '''
def fit_lstsq(X, y):
    A = add_intercept(X)
    return np.linalg.solve(A.T @ A, A.T @ y)
''',
        "solves with the transposed R": '''
def fit_lstsq(X, y):
    A = add_intercept(X)
    Q, R = np.linalg.qr(A)
    return np.linalg.solve(R.T, Q.T @ y)
''',
        "back substitution from the top (forward order)": '''
def fit_lstsq(X, y):
    A = add_intercept(X)
    Q, R = np.linalg.qr(A)
    b = Q.T @ y
    w = np.zeros(R.shape[1])
    for i in range(R.shape[1]):
        w[i] = (b[i] - R[i, :i] @ w[:i]) / R[i, i]
    return w
''',
        "no intercept column": '''
def fit_lstsq(X, y):
    return np.linalg.lstsq(X, y, rcond=None)[0]
''',
        "R^T R w = A^T y (Cholesky-style, squares the condition number)": '''
def fit_lstsq(X, y):
    A = add_intercept(X)
    _, R = np.linalg.qr(A)
    return np.linalg.solve(R, np.linalg.solve(R.T, A.T @ y))
''',
    },
    "polynomial_features": {
        "powers start at 1": '''
def polynomial_features(x, degree):
    return x[:, None] ** np.arange(1, degree + 1)
''',
        "np.vander default (decreasing powers)": '''
def polynomial_features(x, degree):
    return np.vander(x, degree + 1)
''',
        "one column too few": '''
def polynomial_features(x, degree):
    return np.vander(x, degree, increasing=True)
''',
        "transposed (degree + 1, n)": '''
def polynomial_features(x, degree):
    return x[None, :] ** np.arange(degree + 1)[:, None]
''',
        "multiplies instead of powers": '''
def polynomial_features(x, degree):
    return x[:, None] * np.arange(degree + 1)
''',
    },
    "bias_variance": {
        "noise drawn before x_train": '''
def bias_variance(true_f, x_test, degree, n_train, noise_sd, n_repeats, rng):
    predictions = np.empty((n_repeats, len(x_test)))
    for r in range(n_repeats):
        noise = rng.normal(0, noise_sd, n_train)
        x_train = rng.uniform(-1, 1, n_train)
        w = fit_lstsq(polynomial_features(x_train, degree)[:, 1:], true_f(x_train) + noise)
        predictions[r] = polynomial_features(x_test, degree) @ w
    bias2 = np.mean((predictions.mean(axis=0) - true_f(x_test)) ** 2)
    return float(bias2), float(np.mean(predictions.var(axis=0)))
''',
        "all x_train drawn first, then all noise (vectorised)": '''
def bias_variance(true_f, x_test, degree, n_train, noise_sd, n_repeats, rng):
    x_all = rng.uniform(-1, 1, (n_repeats, n_train))
    noise = rng.normal(0, noise_sd, (n_repeats, n_train))
    predictions = np.empty((n_repeats, len(x_test)))
    for r in range(n_repeats):
        w = fit_lstsq(polynomial_features(x_all[r], degree)[:, 1:], true_f(x_all[r]) + noise[r])
        predictions[r] = polynomial_features(x_test, degree) @ w
    bias2 = np.mean((predictions.mean(axis=0) - true_f(x_test)) ** 2)
    return float(bias2), float(np.mean(predictions.var(axis=0)))
''',
        "bias not squared": '''
def bias_variance(true_f, x_test, degree, n_train, noise_sd, n_repeats, rng):
    predictions = np.empty((n_repeats, len(x_test)))
    for r in range(n_repeats):
        x_train = rng.uniform(-1, 1, n_train)
        y_train = true_f(x_train) + rng.normal(0, noise_sd, n_train)
        w = fit_lstsq(polynomial_features(x_train, degree)[:, 1:], y_train)
        predictions[r] = polynomial_features(x_test, degree) @ w
    bias = np.mean(np.abs(predictions.mean(axis=0) - true_f(x_test)))
    return float(bias), float(np.mean(predictions.var(axis=0)))
''',
        "variance around the true f (includes the bias)": '''
def bias_variance(true_f, x_test, degree, n_train, noise_sd, n_repeats, rng):
    predictions = np.empty((n_repeats, len(x_test)))
    for r in range(n_repeats):
        x_train = rng.uniform(-1, 1, n_train)
        y_train = true_f(x_train) + rng.normal(0, noise_sd, n_train)
        w = fit_lstsq(polynomial_features(x_train, degree)[:, 1:], y_train)
        predictions[r] = polynomial_features(x_test, degree) @ w
    bias2 = np.mean((predictions.mean(axis=0) - true_f(x_test)) ** 2)
    return float(bias2), float(np.mean((predictions - true_f(x_test)) ** 2))
''',
        "ddof=1 variance": '''
def bias_variance(true_f, x_test, degree, n_train, noise_sd, n_repeats, rng):
    predictions = np.empty((n_repeats, len(x_test)))
    for r in range(n_repeats):
        x_train = rng.uniform(-1, 1, n_train)
        y_train = true_f(x_train) + rng.normal(0, noise_sd, n_train)
        w = fit_lstsq(polynomial_features(x_train, degree)[:, 1:], y_train)
        predictions[r] = polynomial_features(x_test, degree) @ w
    bias2 = np.mean((predictions.mean(axis=0) - true_f(x_test)) ** 2)
    return float(bias2), float(np.mean(predictions.var(axis=0, ddof=1)))
''',
        "polynomial of degree - 1 (drops the last power)": '''
def bias_variance(true_f, x_test, degree, n_train, noise_sd, n_repeats, rng):
    predictions = np.empty((n_repeats, len(x_test)))
    for r in range(n_repeats):
        x_train = rng.uniform(-1, 1, n_train)
        y_train = true_f(x_train) + rng.normal(0, noise_sd, n_train)
        w = fit_lstsq(polynomial_features(x_train, degree)[:, 1:-1], y_train)
        predictions[r] = polynomial_features(x_test, degree)[:, :-1] @ w
    bias2 = np.mean((predictions.mean(axis=0) - true_f(x_test)) ** 2)
    return float(bias2), float(np.mean(predictions.var(axis=0)))
''',
        "fits the noise-free targets": '''
def bias_variance(true_f, x_test, degree, n_train, noise_sd, n_repeats, rng):
    predictions = np.empty((n_repeats, len(x_test)))
    for r in range(n_repeats):
        x_train = rng.uniform(-1, 1, n_train)
        rng.normal(0, noise_sd, n_train)
        w = fit_lstsq(polynomial_features(x_train, degree)[:, 1:], true_f(x_train))
        predictions[r] = polynomial_features(x_test, degree) @ w
    bias2 = np.mean((predictions.mean(axis=0) - true_f(x_test)) ** 2)
    return float(bias2), float(np.mean(predictions.var(axis=0)))
''',
    },
}
