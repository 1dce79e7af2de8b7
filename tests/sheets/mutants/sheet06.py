'''Plausible wrong answers to sheet06 (cross-validation, double descent): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "kfold_indices": {
        "no shuffling": '''
def kfold_indices(n, k, rng):
    pieces = np.array_split(np.arange(n), k)
    return [(np.concatenate([pieces[j] for j in range(k) if j != i]), pieces[i]) for i in range(k)]
''',
        "test fold left in the training set": '''
def kfold_indices(n, k, rng):
    perm = rng.permutation(n)
    pieces = np.array_split(perm, k)
    return [(perm, pieces[i]) for i in range(k)]
''',
        "leftover samples dropped when k does not divide n": '''
def kfold_indices(n, k, rng):
    perm = rng.permutation(n)
    m = n // k
    folds = []
    for i in range(k):
        test = perm[i * m:(i + 1) * m]
        train = np.concatenate([perm[:i * m], perm[(i + 1) * m:k * m]])
        folds.append((train, test))
    return folds
''',
        "ceil-sized folds (last fold too small)": '''
def kfold_indices(n, k, rng):
    perm = rng.permutation(n)
    m = int(np.ceil(n / k))
    folds = []
    for i in range(k):
        test = perm[i * m:(i + 1) * m]
        folds.append((np.setdiff1d(perm, test), test))
    return folds
''',
        "new generator inside the function": '''
def kfold_indices(n, k, rng):
    pieces = np.array_split(np.random.default_rng(0).permutation(n), k)
    return [(np.concatenate([pieces[j] for j in range(k) if j != i]), pieces[i]) for i in range(k)]
''',
    },
    "cross_val_mse": {
        "mean of the per-fold RMSE": '''
def cross_val_mse(X, y, k, fit, predict, rng):
    errors = []
    for train, test in kfold_indices(len(X), k, rng):
        model = fit(X[train], y[train])
        errors.append(np.sqrt(np.mean((y[test] - predict(model, X[test])) ** 2)))
    return float(np.mean(errors))
''',
        "sum over folds instead of mean": '''
def cross_val_mse(X, y, k, fit, predict, rng):
    errors = []
    for train, test in kfold_indices(len(X), k, rng):
        model = fit(X[train], y[train])
        errors.append(np.mean((y[test] - predict(model, X[test])) ** 2))
    return float(np.sum(errors))
''',
        "fitted on all the data": '''
def cross_val_mse(X, y, k, fit, predict, rng):
    errors = []
    model = fit(X, y)
    for train, test in kfold_indices(len(X), k, rng):
        errors.append(np.mean((y[test] - predict(model, X[test])) ** 2))
    return float(np.mean(errors))
''',
        "train and test swapped": '''
def cross_val_mse(X, y, k, fit, predict, rng):
    errors = []
    for train, test in kfold_indices(len(X), k, rng):
        model = fit(X[test], y[test])
        errors.append(np.mean((y[train] - predict(model, X[train])) ** 2))
    return float(np.mean(errors))
''',
        "one MSE pooled over all predictions": '''
def cross_val_mse(X, y, k, fit, predict, rng):
    squared = []
    for train, test in kfold_indices(len(X), k, rng):
        model = fit(X[train], y[train])
        squared.append((y[test] - predict(model, X[test])) ** 2)
    return float(np.mean(np.concatenate(squared)))
''',
    },
    "random_features": {
        "abs instead of ReLU": '''
def random_features(X, W, b):
    return np.abs(X @ W + b)
''',
        "bias forgotten": '''
def random_features(X, W, b):
    return np.maximum(X @ W, 0.0)
''',
        "bias added after the ReLU": '''
def random_features(X, W, b):
    return np.maximum(X @ W, 0.0) + b
''',
        "no nonlinearity": '''
def random_features(X, W, b):
    return X @ W + b
''',
        "bias subtracted": '''
def random_features(X, W, b):
    return np.maximum(X @ W - b, 0.0)
''',
    },
    "min_norm_fit": {
        "normal equations only (singular for p > n)": '''
def min_norm_fit(Phi, y):
    return np.linalg.solve(Phi.T @ Phi, Phi.T @ y)
''',
        "kernel formula only (singular for p < n)": '''
def min_norm_fit(Phi, y):
    return Phi.T @ np.linalg.solve(Phi @ Phi.T, y)
''',
        "small ridge to make it invertible": '''
def min_norm_fit(Phi, y):
    p = Phi.shape[1]
    return np.linalg.solve(Phi.T @ Phi + 1e-6 * np.eye(p), Phi.T @ y)
''',
        "square subsystem, zeros elsewhere": '''
def min_norm_fit(Phi, y):
    n, p = Phi.shape
    if p <= n:
        return np.linalg.lstsq(Phi, y, rcond=None)[0]
    theta = np.zeros(p)
    theta[:n] = np.linalg.solve(Phi[:, :n], y)
    return theta
''',
        "lstsq with a truncating rcond": '''
def min_norm_fit(Phi, y):
    return np.linalg.lstsq(Phi, y, rcond=1e-3)[0]
''',
    },
    "double_descent_curve": {
        "b drawn before W": '''
def double_descent_curve(X_train, y_train, X_test, y_test, p_values, n_repeats, rng):
    d = X_train.shape[1]
    curve = np.empty(len(p_values))
    for i, p in enumerate(p_values):
        errors = []
        for _ in range(n_repeats):
            b = rng.normal(size=p)
            W = rng.normal(size=(d, p)) / np.sqrt(d)
            theta = min_norm_fit(random_features(X_train, W, b), y_train)
            errors.append(np.mean((random_features(X_test, W, b) @ theta - y_test) ** 2))
        curve[i] = np.mean(errors)
    return curve
''',
        "W not scaled by 1/sqrt(d)": '''
def double_descent_curve(X_train, y_train, X_test, y_test, p_values, n_repeats, rng):
    d = X_train.shape[1]
    curve = np.empty(len(p_values))
    for i, p in enumerate(p_values):
        errors = []
        for _ in range(n_repeats):
            W = rng.normal(size=(d, p))
            b = rng.normal(size=p)
            theta = min_norm_fit(random_features(X_train, W, b), y_train)
            errors.append(np.mean((random_features(X_test, W, b) @ theta - y_test) ** 2))
        curve[i] = np.mean(errors)
    return curve
''',
        "repeats loop outside the p loop": '''
def double_descent_curve(X_train, y_train, X_test, y_test, p_values, n_repeats, rng):
    d = X_train.shape[1]
    errors = np.empty((n_repeats, len(p_values)))
    for r in range(n_repeats):
        for i, p in enumerate(p_values):
            W = rng.normal(size=(d, p)) / np.sqrt(d)
            b = rng.normal(size=p)
            theta = min_norm_fit(random_features(X_train, W, b), y_train)
            errors[r, i] = np.mean((random_features(X_test, W, b) @ theta - y_test) ** 2)
    return errors.mean(axis=0)
''',
        "training error instead of test error": '''
def double_descent_curve(X_train, y_train, X_test, y_test, p_values, n_repeats, rng):
    d = X_train.shape[1]
    curve = np.empty(len(p_values))
    for i, p in enumerate(p_values):
        errors = []
        for _ in range(n_repeats):
            W = rng.normal(size=(d, p)) / np.sqrt(d)
            b = rng.normal(size=p)
            Phi = random_features(X_train, W, b)
            theta = min_norm_fit(Phi, y_train)
            errors.append(np.mean((Phi @ theta - y_train) ** 2))
        curve[i] = np.mean(errors)
    return curve
''',
        "median over repeats": '''
def double_descent_curve(X_train, y_train, X_test, y_test, p_values, n_repeats, rng):
    d = X_train.shape[1]
    curve = np.empty(len(p_values))
    for i, p in enumerate(p_values):
        errors = []
        for _ in range(n_repeats):
            W = rng.normal(size=(d, p)) / np.sqrt(d)
            b = rng.normal(size=p)
            theta = min_norm_fit(random_features(X_train, W, b), y_train)
            errors.append(np.mean((random_features(X_test, W, b) @ theta - y_test) ** 2))
        curve[i] = np.median(errors)
    return curve
''',
        "same W for all repeats": '''
def double_descent_curve(X_train, y_train, X_test, y_test, p_values, n_repeats, rng):
    d = X_train.shape[1]
    curve = np.empty(len(p_values))
    for i, p in enumerate(p_values):
        W = rng.normal(size=(d, p)) / np.sqrt(d)
        errors = []
        for _ in range(n_repeats):
            b = rng.normal(size=p)
            theta = min_norm_fit(random_features(X_train, W, b), y_train)
            errors.append(np.mean((random_features(X_test, W, b) @ theta - y_test) ** 2))
        curve[i] = np.mean(errors)
    return curve
''',
    },
}
