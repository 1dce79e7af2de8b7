'''Plausible wrong answers to sheet05 (ridge and lasso): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "ridge_closed_form": {
        "intercept penalised (column of ones in the design)": '''
def ridge_closed_form(X, y, lam):
    A = np.column_stack([np.ones(X.shape[0]), X])
    coef = np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ y)
    return coef[1:], float(coef[0])
''',
        "data not centered": '''
def ridge_closed_form(X, y, lam):
    w = np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)
    return w, float(y.mean() - X.mean(axis=0) @ w)
''',
        "identity forgotten (lam added to every entry)": '''
def ridge_closed_form(X, y, lam):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + lam, Xc.T @ yc)
    return w, float(y_mean - x_mean @ w)
''',
        "penalty scaled by n (mean squared error objective)": '''
def ridge_closed_form(X, y, lam):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + X.shape[0] * lam * np.eye(X.shape[1]), Xc.T @ yc)
    return w, float(y_mean - x_mean @ w)
''',
        "intercept is mean(y) only": '''
def ridge_closed_form(X, y, lam):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T @ yc)
    return w, float(y_mean)
''',
    },
    "ridge_path_svd": {
        "s instead of s**2 in the filter": '''
def ridge_path_svd(X, y, lams):
    lams = np.asarray(lams, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    U, s, Vt = np.linalg.svd(X - x_mean, full_matrices=False)
    W = (s / (s + lams[:, None]) * (U.T @ (y - y_mean))) @ Vt
    return W, y_mean - W @ x_mean
''',
        "numerator s forgotten": '''
def ridge_path_svd(X, y, lams):
    lams = np.asarray(lams, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    U, s, Vt = np.linalg.svd(X - x_mean, full_matrices=False)
    W = (1.0 / (s**2 + lams[:, None]) * (U.T @ (y - y_mean))) @ Vt
    return W, y_mean - W @ x_mean
''',
        "SVD of the uncentered X": '''
def ridge_path_svd(X, y, lams):
    lams = np.asarray(lams, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    W = (s / (s**2 + lams[:, None]) * (U.T @ (y - y_mean))) @ Vt
    return W, y_mean - W @ x_mean
''',
        "V and V^T confused": '''
def ridge_path_svd(X, y, lams):
    lams = np.asarray(lams, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    U, s, Vt = np.linalg.svd(X - x_mean, full_matrices=False)
    W = (s / (s**2 + lams[:, None]) * (U.T @ (y - y_mean))) @ Vt.T
    return W, y_mean - W @ x_mean
''',
        "intercept is mean(y) only": '''
def ridge_path_svd(X, y, lams):
    lams = np.asarray(lams, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    U, s, Vt = np.linalg.svd(X - x_mean, full_matrices=False)
    W = (s / (s**2 + lams[:, None]) * (U.T @ (y - y_mean))) @ Vt
    return W, np.full(len(lams), y_mean)
''',
    },
    "ridge_dof": {
        "s instead of s**2": '''
def ridge_dof(X, lams):
    lams = np.asarray(lams, dtype=float)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return np.sum(s / (s + lams[:, None]), axis=1)
''',
        "uncentered X": '''
def ridge_dof(X, lams):
    lams = np.asarray(lams, dtype=float)
    s = np.linalg.svd(X, compute_uv=False)
    return np.sum(s**2 / (s**2 + lams[:, None]), axis=1)
''',
        "eigenvalues of the covariance instead of s**2": '''
def ridge_dof(X, lams):
    lams = np.asarray(lams, dtype=float)
    ev = np.linalg.eigvalsh(np.cov(X, rowvar=False))
    return np.sum(ev / (ev + lams[:, None]), axis=1)
''',
        "eigenvalues of Xc^T Xc squared again": '''
def ridge_dof(X, lams):
    lams = np.asarray(lams, dtype=float)
    Xc = X - X.mean(axis=0)
    ev = np.linalg.eigvalsh(Xc.T @ Xc)
    return np.sum(ev**2 / (ev**2 + lams[:, None]), axis=1)
''',
        "intercept counted (+1)": '''
def ridge_dof(X, lams):
    lams = np.asarray(lams, dtype=float)
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return 1.0 + np.sum(s**2 / (s**2 + lams[:, None]), axis=1)
''',
    },
    "soft_threshold": {
        "sign forgotten": '''
def soft_threshold(z, t):
    return np.maximum(np.abs(z) - t, 0.0)
''',
        "not clipped at zero": '''
def soft_threshold(z, t):
    return np.sign(z) * (np.abs(z) - t)
''',
        "only the positive side": '''
def soft_threshold(z, t):
    return np.maximum(z - t, 0.0)
''',
        "hard thresholding": '''
def soft_threshold(z, t):
    return np.where(np.abs(z) > t, z, 0.0)
''',
        "always shifts down by t": '''
def soft_threshold(z, t):
    return np.where(np.abs(z) > t, z - t, 0.0)
''',
    },
    "lasso_cd": {
        "not divided by the column norm a_j": '''
def lasso_cd(X, y, lam, n_iter=10_000, tol=1e-10):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    n, d = X.shape
    a = np.sum(Xc**2, axis=0) / n
    w = np.zeros(d)
    r = y - y_mean
    for _ in range(n_iter):
        max_change = 0.0
        for j in range(d):
            w_new = soft_threshold(Xc[:, j] @ r / n + a[j] * w[j], lam)
            change = w_new - w[j]
            r = r - Xc[:, j] * change
            w[j] = w_new
            max_change = max(max_change, abs(change))
        if max_change < tol:
            break
    return w, float(y_mean - x_mean @ w)
''',
        "stale residual (updated once per pass)": '''
def lasso_cd(X, y, lam, n_iter=10_000, tol=1e-10):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    n, d = X.shape
    a = np.sum(Xc**2, axis=0) / n
    w = np.zeros(d)
    for _ in range(n_iter):
        r = y - y_mean - Xc @ w
        w_old = w.copy()
        for j in range(d):
            w[j] = soft_threshold(Xc[:, j] @ r / n + a[j] * w_old[j], lam) / a[j]
        if np.max(np.abs(w - w_old)) < tol:
            break
    return w, float(y_mean - x_mean @ w)
''',
        "objective (1/n)||r||^2: threshold lam / 2": '''
def lasso_cd(X, y, lam, n_iter=10_000, tol=1e-10):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    n, d = X.shape
    a = np.sum(Xc**2, axis=0) / n
    w = np.zeros(d)
    r = y - y_mean
    for _ in range(n_iter):
        max_change = 0.0
        for j in range(d):
            w_new = soft_threshold(Xc[:, j] @ r / n + a[j] * w[j], lam / 2) / a[j]
            change = w_new - w[j]
            r = r - Xc[:, j] * change
            w[j] = w_new
            max_change = max(max_change, abs(change))
        if max_change < tol:
            break
    return w, float(y_mean - x_mean @ w)
''',
        "sums instead of means (lam off by n)": '''
def lasso_cd(X, y, lam, n_iter=10_000, tol=1e-10):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    n, d = X.shape
    a = np.sum(Xc**2, axis=0)
    w = np.zeros(d)
    r = y - y_mean
    for _ in range(n_iter):
        max_change = 0.0
        for j in range(d):
            w_new = soft_threshold(Xc[:, j] @ r + a[j] * w[j], lam) / a[j]
            change = w_new - w[j]
            r = r - Xc[:, j] * change
            w[j] = w_new
            max_change = max(max_change, abs(change))
        if max_change < tol:
            break
    return w, float(y_mean - x_mean @ w)
''',
        "X not centered (intercept effectively penalised)": '''
def lasso_cd(X, y, lam, n_iter=10_000, tol=1e-10):
    n, d = X.shape
    a = np.sum(X**2, axis=0) / n
    w = np.zeros(d)
    r = y - y.mean()
    for _ in range(n_iter):
        max_change = 0.0
        for j in range(d):
            w_new = soft_threshold(X[:, j] @ r / n + a[j] * w[j], lam) / a[j]
            change = w_new - w[j]
            r = r - X[:, j] * change
            w[j] = w_new
            max_change = max(max_change, abs(change))
        if max_change < tol:
            break
    return w, float(y.mean() - X.mean(axis=0) @ w)
''',
        "rho without the own contribution x_j w_j": '''
def lasso_cd(X, y, lam, n_iter=10_000, tol=1e-10):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    n, d = X.shape
    a = np.sum(Xc**2, axis=0) / n
    w = np.zeros(d)
    r = y - y_mean
    for _ in range(n_iter):
        max_change = 0.0
        for j in range(d):
            w_new = soft_threshold(Xc[:, j] @ r / n, lam) / a[j]
            change = w_new - w[j]
            r = r - Xc[:, j] * change
            w[j] = w_new
            max_change = max(max_change, abs(change))
        if max_change < tol:
            break
    return w, float(y_mean - x_mean @ w)
''',
    },
}
