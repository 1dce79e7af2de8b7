'''Plausible wrong answers to sheet07 (decision theory, ROC): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "gaussian_log_density": {
        "forgets the -1/2 log det term": '''
def gaussian_log_density(X, mean, cov):
    d = X.shape[1]
    Xc = X - mean
    quad = np.sum(Xc * np.linalg.solve(cov, Xc.T).T, axis=1)
    return -0.5 * (d * np.log(2 * np.pi) + quad)
''',
        "cov instead of its inverse in the quadratic form": '''
def gaussian_log_density(X, mean, cov):
    d = X.shape[1]
    Xc = X - mean
    quad = np.sum((Xc @ cov) * Xc, axis=1)
    return -0.5 * (d * np.log(2 * np.pi) + np.linalg.slogdet(cov)[1] + quad)
''',
        "log(2 pi) not multiplied by d": '''
def gaussian_log_density(X, mean, cov):
    Xc = X - mean
    quad = np.sum(Xc * np.linalg.solve(cov, Xc.T).T, axis=1)
    return -0.5 * (np.log(2 * np.pi) + np.linalg.slogdet(cov)[1] + quad)
''',
        "factor 1/2 missing on the quadratic form": '''
def gaussian_log_density(X, mean, cov):
    d = X.shape[1]
    Xc = X - mean
    quad = np.sum(Xc * np.linalg.solve(cov, Xc.T).T, axis=1)
    return -0.5 * (d * np.log(2 * np.pi) + np.linalg.slogdet(cov)[1]) - quad
''',
        "log det of the Cholesky factor without the factor 2": '''
def gaussian_log_density(X, mean, cov):
    d = X.shape[1]
    L = np.linalg.cholesky(cov)
    z = np.linalg.solve(L, (X - mean).T)
    return -0.5 * (d * np.log(2 * np.pi) + np.sum(np.log(np.diag(L))) + np.sum(z**2, axis=0))
''',
    },
    "bayes_posterior": {
        "forgets the priors": '''
def bayes_posterior(X, means, covs, priors):
    a = np.column_stack([gaussian_log_density(X, m, c) for m, c in zip(means, covs)])
    a -= a.max(axis=1, keepdims=True)
    p = np.exp(a)
    return p / p.sum(axis=1, keepdims=True)
''',
        "naive normalisation without log-sum-exp (nan far away)": '''
def bayes_posterior(X, means, covs, priors):
    joint = np.column_stack([np.exp(gaussian_log_density(X, m, c)) * p for m, c, p in zip(means, covs, priors)])
    return joint / joint.sum(axis=1, keepdims=True)
''',
        "not normalised (joint instead of posterior)": '''
def bayes_posterior(X, means, covs, priors):
    return np.column_stack([np.exp(gaussian_log_density(X, m, c)) * p for m, c, p in zip(means, covs, priors)])
''',
        "prior added instead of log prior": '''
def bayes_posterior(X, means, covs, priors):
    a = np.column_stack([gaussian_log_density(X, m, c) + p for m, c, p in zip(means, covs, priors)])
    a -= a.max(axis=1, keepdims=True)
    p = np.exp(a)
    return p / p.sum(axis=1, keepdims=True)
''',
        "normalised over the samples (axis 0)": '''
def bayes_posterior(X, means, covs, priors):
    a = np.column_stack([gaussian_log_density(X, m, c) + np.log(p) for m, c, p in zip(means, covs, priors)])
    a -= a.max(axis=0, keepdims=True)
    p = np.exp(a)
    return p / p.sum(axis=0, keepdims=True)
''',
    },
    "bayes_decision": {
        "argmin of the posterior": '''
def bayes_decision(posteriors, loss):
    return np.argmin(posteriors, axis=1)
''',
        "loss matrix transposed": '''
def bayes_decision(posteriors, loss):
    return np.argmin(posteriors @ loss.T, axis=1)
''',
        "loss indexed as loss[decided, true]": '''
def bayes_decision(posteriors, loss):
    risk = loss @ posteriors.T  # (K, n)
    return np.argmin(risk, axis=0)
''',
        "loss summed over the wrong axis": '''
def bayes_decision(posteriors, loss):
    risk = np.sum(posteriors[:, :, None] * loss[None, :, :], axis=2)
    return np.argmin(risk, axis=1)
''',
        "argmax of the expected loss": '''
def bayes_decision(posteriors, loss):
    return np.argmax(posteriors @ loss, axis=1)
''',
        "ignores the loss (always argmax posterior)": '''
def bayes_decision(posteriors, loss):
    return np.argmax(posteriors, axis=1)
''',
    },
    "roc_curve_points": {
        "thresholds ascending (curve reversed)": '''
def roc_curve_points(scores, labels):
    thresholds = np.unique(scores)
    tpr = np.array([np.mean(scores[labels == 1] >= t) for t in thresholds])
    fpr = np.array([np.mean(scores[labels == 0] >= t) for t in thresholds])
    return np.r_[fpr, 0.0], np.r_[tpr, 0.0]
''',
        "ties not grouped (one point per sample)": '''
def roc_curve_points(scores, labels):
    order = np.argsort(-scores, kind="stable")
    y = labels[order] == 1
    tpr = np.r_[0, np.cumsum(y)] / y.sum()
    fpr = np.r_[0, np.cumsum(~y)] / (~y).sum()
    return fpr, tpr
''',
        "fpr and tpr swapped": '''
def roc_curve_points(scores, labels):
    thresholds = np.unique(scores)[::-1]
    tpr = np.array([np.mean(scores[labels == 1] >= t) for t in thresholds])
    fpr = np.array([np.mean(scores[labels == 0] >= t) for t in thresholds])
    return np.r_[0.0, tpr], np.r_[0.0, fpr]
''',
        "rates divided by n instead of the class sizes": '''
def roc_curve_points(scores, labels):
    thresholds = np.unique(scores)[::-1]
    n = len(scores)
    tpr = np.array([np.sum((scores >= t) & (labels == 1)) / n for t in thresholds])
    fpr = np.array([np.sum((scores >= t) & (labels == 0)) / n for t in thresholds])
    return np.r_[0.0, fpr], np.r_[0.0, tpr]
''',
        "strict > threshold, no (1, 1) end point": '''
def roc_curve_points(scores, labels):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    tpr = np.array([np.mean(scores[labels == 1] > t) for t in thresholds])
    fpr = np.array([np.mean(scores[labels == 0] > t) for t in thresholds])
    return fpr, tpr
''',
    },
    "auc": {
        "left Riemann sum": '''
def auc(fpr, tpr):
    return float(np.sum(np.diff(fpr) * tpr[:-1]))
''',
        "right Riemann sum": '''
def auc(fpr, tpr):
    return float(np.sum(np.diff(fpr) * tpr[1:]))
''',
        "integrates fpr over tpr": '''
def auc(fpr, tpr):
    return float(np.sum(np.diff(tpr) * (fpr[1:] + fpr[:-1]) / 2))
''',
        "mean of tpr (assumes equal spacing)": '''
def auc(fpr, tpr):
    return float(np.mean((tpr[1:] + tpr[:-1]) / 2))
''',
    },
}
