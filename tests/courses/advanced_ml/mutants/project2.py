"""Plausible wrong answers to project2, as edits on the reference: each must lose points on its question's hidden
tests."""

from tests.sheets.harness import Edit

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "rbm_gibbs_step": {
        'comparison reversed (u > p)': ('    p_h = torch.sigmoid(v @ W + c)\n    h = (u_h < p_h).to(v.dtype)\n    p_v = torch.sigmoid(h @ W.T + b)\n    v_new = (u_v < p_v).to(v.dtype)\n', '    h = (u_h > torch.sigmoid(v @ W + c)).to(v.dtype)\n    v_new = (u_v > torch.sigmoid(h @ W.T + b)).to(v.dtype)\n'),
        'no sigmoid (compares with the logits)': ('    p_h = torch.sigmoid(v @ W + c)\n    h = (u_h < p_h).to(v.dtype)\n    p_v = torch.sigmoid(h @ W.T + b)\n    v_new = (u_v < p_v).to(v.dtype)\n', '    h = (u_h < v @ W + c).to(v.dtype)\n    v_new = (u_v < h @ W.T + b).to(v.dtype)\n'),
        'reconstructs v from the probabilities p(h|v) instead of the sample': ('    p_v = torch.sigmoid(h @ W.T + b)\n    v_new = (u_v < p_v).to(v.dtype)\n', '    v_new = (u_v < torch.sigmoid(p_h @ W.T + b)).to(v.dtype)\n'),
        'returns probabilities instead of samples': ('    v_new = (u_v < p_v).to(v.dtype)\n    return h, v_new\n', '    return p_h, p_v\n'),
        'forgets the hidden bias c': ('    p_h = torch.sigmoid(v @ W + c)\n    h = (u_h < p_h).to(v.dtype)\n    p_v = torch.sigmoid(h @ W.T + b)\n    v_new = (u_v < p_v).to(v.dtype)\n', '    h = (u_h < torch.sigmoid(v @ W)).to(v.dtype)\n    v_new = (u_v < torch.sigmoid(h @ W.T + b)).to(v.dtype)\n'),
        'visible and hidden biases swapped': ('    p_h = torch.sigmoid(v @ W + c)\n    h = (u_h < p_h).to(v.dtype)\n    p_v = torch.sigmoid(h @ W.T + b)\n    v_new = (u_v < p_v).to(v.dtype)\n', '    h = (u_h < torch.sigmoid(v @ W + b)).to(v.dtype)\n    v_new = (u_v < torch.sigmoid(h @ W.T + c)).to(v.dtype)\n'),
        'samples in float64 whatever the dtype of v': [('h = (u_h < p_h).to(v.dtype)', 'h = (u_h < p_h).double()'), ('v_new = (u_v < p_v).to(v.dtype)', 'v_new = (u_v < p_v).double()')],
        'squeezes h when n_h = 1': ('return h, v_new', 'return h.squeeze(-1) if h.shape[-1] == 1 else h, v_new'),
    },
    "cd_gradient": {
        'sign flipped (model minus data)': ('    ph0 = torch.sigmoid(v0 @ W + c)\n    phk = torch.sigmoid(v @ W + c)\n    batch = v0.shape[0]\n    dW = (v0.T @ ph0 - v.T @ phk) / batch\n    db = (v0 - v).mean(dim=0)\n    dc = (ph0 - phk).mean(dim=0)\n    return dW, db, dc\n', '    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(v @ W + c)\n    return (v.T @ phk - v0.T @ ph0) / v0.shape[0], (v - v0).mean(0), (phk - ph0).mean(0)\n'),
        'sums over the batch instead of averaging': ('    ph0 = torch.sigmoid(v0 @ W + c)\n    phk = torch.sigmoid(v @ W + c)\n    batch = v0.shape[0]\n    dW = (v0.T @ ph0 - v.T @ phk) / batch\n    db = (v0 - v).mean(dim=0)\n    dc = (ph0 - phk).mean(dim=0)\n    return dW, db, dc\n', '    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(v @ W + c)\n    return v0.T @ ph0 - v.T @ phk, (v0 - v).sum(0), (ph0 - phk).sum(0)\n'),
        'always a single Gibbs step (ignores k)': ('    v = v0\n    for step in range(u_h.shape[0]):\n        _, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])\n    ph0 = torch.sigmoid(v0 @ W + c)\n    phk = torch.sigmoid(v @ W + c)\n    batch = v0.shape[0]\n    dW = (v0.T @ ph0 - v.T @ phk) / batch\n    db = (v0 - v).mean(dim=0)\n    dc = (ph0 - phk).mean(dim=0)\n    return dW, db, dc\n', '    _, v = rbm_gibbs_step(v0, W, b, c, u_h[0], u_v[0])\n    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(v @ W + c)\n    return (v0.T @ ph0 - v.T @ phk) / v0.shape[0], (v0 - v).mean(0), (ph0 - phk).mean(0)\n'),
        'reuses the first noise slice at every step': ('        _, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])\n    ph0 = torch.sigmoid(v0 @ W + c)\n    phk = torch.sigmoid(v @ W + c)\n    batch = v0.shape[0]\n    dW = (v0.T @ ph0 - v.T @ phk) / batch\n    db = (v0 - v).mean(dim=0)\n    dc = (ph0 - phk).mean(dim=0)\n    return dW, db, dc\n', '        _, v = rbm_gibbs_step(v, W, b, c, u_h[0], u_v[0])\n    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(v @ W + c)\n    return (v0.T @ ph0 - v.T @ phk) / v0.shape[0], (v0 - v).mean(0), (ph0 - phk).mean(0)\n'),
        'binary hidden samples in the statistics': ('    for step in range(u_h.shape[0]):\n        _, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])\n    ph0 = torch.sigmoid(v0 @ W + c)\n    phk = torch.sigmoid(v @ W + c)\n    batch = v0.shape[0]\n    dW = (v0.T @ ph0 - v.T @ phk) / batch\n    db = (v0 - v).mean(dim=0)\n    dc = (ph0 - phk).mean(dim=0)\n    return dW, db, dc\n', '    hs = []\n    for step in range(u_h.shape[0]):\n        h, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])\n        hs.append(h)\n    hk = (u_h[-1] < torch.sigmoid(v @ W + c)).to(v0.dtype)\n    return (v0.T @ hs[0] - v.T @ hk) / v0.shape[0], (v0 - v).mean(0), (hs[0] - hk).mean(0)\n'),
        'negative phase with the visible probabilities p(v|h)': ('        _, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])\n    ph0 = torch.sigmoid(v0 @ W + c)\n    phk = torch.sigmoid(v @ W + c)\n    batch = v0.shape[0]\n    dW = (v0.T @ ph0 - v.T @ phk) / batch\n    db = (v0 - v).mean(dim=0)\n    dc = (ph0 - phk).mean(dim=0)\n    return dW, db, dc\n', '        h, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])\n    pv = torch.sigmoid(h @ W.T + b)\n    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(pv @ W + c)\n    return (v0.T @ ph0 - pv.T @ phk) / v0.shape[0], (v0 - pv).mean(0), (ph0 - phk).mean(0)\n'),
        'db computed in place on v0': ('db = (v0 - v).mean(dim=0)', 'db = v0.sub_(v).mean(dim=0)'),
        'statistics in float64': ('batch = v0.shape[0]', 'batch = v0.shape[0]\n    v0, v, ph0, phk = v0.double(), v.double(), ph0.double(), phk.double()'),
    },
    "gaussian_kl": {
        'sign error (returns -KL)': ('    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)\n', '    return 0.5 * (1.0 + logvar - mu ** 2 - logvar.exp()).sum(dim=-1)\n'),
        'forgets the 1/2': ('    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)\n', '    return (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)\n'),
        'mean over latent dimensions instead of sum': ('    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)\n', '    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).mean(dim=-1)\n'),
        'treats logvar as log standard deviation': ('    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)\n', '    return 0.5 * (mu ** 2 + torch.exp(2 * logvar) - 1.0 - 2 * logvar).sum(dim=-1)\n'),
        'sign error on the log-variance term': ('    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)\n', '    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 + logvar).sum(dim=-1)\n'),
        'sums over the batch too (returns a scalar)': ('    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)\n', '    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum()\n'),
        'squeezes the result': ('.sum(dim=-1)', '.sum(dim=-1).squeeze()'),
        'computes in float64': ('(mu ** 2 + logvar.exp() - 1.0 - logvar)', '(mu.double() ** 2 + logvar.double().exp() - 1.0 - logvar.double())'),
        'clamps logvar in place': ('return 0.5', 'logvar.clamp_(-10, 10)\n    return 0.5'),
    },
    "elbo": {
        'std = exp(logvar) (forgets the 1/2)': ('    z = mu + torch.exp(0.5 * logvar) * eps\n    logits = decoder(z)\n    log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)\n', '    z = mu + torch.exp(logvar) * eps\n    log_px = -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1)\n'),
        'uses logvar as the standard deviation': ('    z = mu + torch.exp(0.5 * logvar) * eps\n    logits = decoder(z)\n    log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)\n', '    z = mu + logvar * eps\n    log_px = -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1)\n'),
        'adds the KL instead of subtracting it': ('    logits = decoder(z)\n    log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)\n    return (log_px - gaussian_kl(mu, logvar)).mean()\n', '    log_px = -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1)\n    return (log_px + gaussian_kl(mu, logvar)).mean()\n'),
        'forgets the KL term': ('    logits = decoder(z)\n    log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)\n    return (log_px - gaussian_kl(mu, logvar)).mean()\n', '    return -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1).mean()\n'),
        'returns the loss (negative ELBO)': ('    logits = decoder(z)\n    log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)\n    return (log_px - gaussian_kl(mu, logvar)).mean()\n', '    bce = F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1)\n    return (bce + gaussian_kl(mu, logvar)).mean()\n'),
        'averages the reconstruction over pixels': ('    logits = decoder(z)\n    log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)\n', '    log_px = -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").mean(dim=-1)\n'),
        'applies the sigmoid twice': ('    logits = decoder(z)\n    log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)\n', '    probs = torch.sigmoid(decoder(z))\n    log_px = -F.binary_cross_entropy_with_logits(probs, x, reduction="none").sum(dim=-1)\n'),
        'decodes the mean (no sampling)': ('    z = mu + torch.exp(0.5 * logvar) * eps\n    logits = decoder(z)\n    log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)\n', '    log_px = -F.binary_cross_entropy_with_logits(decoder(mu), x, reduction="none").sum(dim=-1)\n'),
        'binarizes the pixels (x.round())': ('binary_cross_entropy_with_logits(logits, x,', 'binary_cross_entropy_with_logits(logits, x.round(),'),
        'Bernoulli log-likelihood of x > 0.5': ('binary_cross_entropy_with_logits(logits, x,', 'binary_cross_entropy_with_logits(logits, (x > 0.5).to(x.dtype),'),
        'the ELBO in float64': ('return (log_px - gaussian_kl(mu, logvar)).mean()', 'return (log_px.double() - gaussian_kl(mu, logvar).double()).mean()'),
    },
    "ddpm_noise": {
        'beta_t instead of alpha-bar_t': ('    alpha_bar = torch.cumprod(1.0 - betas, dim=0)[t]\n    alpha_bar = alpha_bar.reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * eps\n', '    a = betas[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps\n'),
        'alpha_t = 1 - beta_t without the cumulative product': ('    alpha_bar = torch.cumprod(1.0 - betas, dim=0)[t]\n    alpha_bar = alpha_bar.reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * eps\n', '    a = (1.0 - betas)[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps\n'),
        'missing square roots': ('    alpha_bar = torch.cumprod(1.0 - betas, dim=0)[t]\n    alpha_bar = alpha_bar.reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * eps\n', '    a = torch.cumprod(1.0 - betas, dim=0)[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return a * x0 + (1.0 - a) * eps\n'),
        'missing square root on the noise coefficient': ('    alpha_bar = torch.cumprod(1.0 - betas, dim=0)[t]\n    alpha_bar = alpha_bar.reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * eps\n', '    a = torch.cumprod(1.0 - betas, dim=0)[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return a.sqrt() * x0 + (1.0 - a) * eps\n'),
        'off by one (alpha_bar[t - 1])': ('    alpha_bar = torch.cumprod(1.0 - betas, dim=0)[t]\n    alpha_bar = alpha_bar.reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * eps\n', '    a = torch.cumprod(1.0 - betas, dim=0)[t - 1].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps\n'),
        'no reshape, only works for (batch, D) by accident': ('    alpha_bar = torch.cumprod(1.0 - betas, dim=0)[t]\n    alpha_bar = alpha_bar.reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * eps\n', '    a = torch.cumprod(1.0 - betas, dim=0)[t][:, None]\n    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps\n'),
        'exp of the cumulative sum of betas': ('    alpha_bar = torch.cumprod(1.0 - betas, dim=0)[t]\n    alpha_bar = alpha_bar.reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * eps\n', '    a = torch.exp(-torch.cumsum(betas, dim=0))[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)\n    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps\n'),
        'x0 scaled in place': ('return alpha_bar.sqrt() * x0 + (1.0 - alpha_bar).sqrt() * eps', 'return x0.mul_(alpha_bar.sqrt()).add_((1.0 - alpha_bar).sqrt() * eps)'),
        'alpha_bar[:, None] (vectors and images only)': ('alpha_bar.reshape(-1, *([1] * (x0.dim() - 1)))', 'alpha_bar.reshape(-1, 1, *([1] * (x0.dim() - 2)))'),
        'in float64': ('.to(x0.dtype)', '.double()'),
    },
    "ddpm_loss": {
        'predicts x0 instead of the noise': ('    return ((eps - model(x_t, t)) ** 2).mean()\n', '    return ((x0 - model(x_t, t)) ** 2).mean()\n'),
        'sum instead of mean': ('    return ((eps - model(x_t, t)) ** 2).mean()\n', '    return ((eps - model(x_t, t)) ** 2).sum()\n'),
        'feeds the clean x0 to the model': ('    x_t = ddpm_noise(x0, t, eps, betas)\n    return ((eps - model(x_t, t)) ** 2).mean()\n', '    return ((eps - model(x0, t)) ** 2).mean()\n'),
        'sum over data dimensions, mean over the batch': ('    return ((eps - model(x_t, t)) ** 2).mean()\n', '    return ((eps - model(x_t, t)) ** 2).flatten(1).sum(dim=1).mean()\n'),
        '1-based time step passed to the model': ('    return ((eps - model(x_t, t)) ** 2).mean()\n', '    return ((eps - model(x_t, t + 1)) ** 2).mean()\n'),
        'L1 instead of squared error': ('    return ((eps - model(x_t, t)) ** 2).mean()\n', '    return (eps - model(x_t, t)).abs().mean()\n'),
        'the loss in float64': ('return ((eps - model(x_t, t)) ** 2).mean()', 'return ((eps.double() - model(x_t, t).double()) ** 2).mean()'),
        'the noise eps updated in place': ('return ((eps - model(x_t, t)) ** 2).mean()', 'return eps.sub_(model(x_t, t)).pow(2).mean()'),
    },
}

# generated mutants (tests/sheets/mutate.py) that survive the hidden tests, and why they are equivalent
EQUIVALENT: dict[str, dict[str, str]] = {
    "gaussian_kl": {
        "return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)  ->  return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=1)": "mu and logvar are (batch, d): the last dimension is dimension 1",
    },
    "elbo": {
        'log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=-1)  ->  log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)': "x is (batch, D): the last dimension is dimension 1",
    },
    "ddpm_noise": {
        "alpha_bar = torch.cumprod(1.0 - betas, dim=0)[t]  ->  alpha_bar = torch.cumprod(1.0 - betas, dim=(-1))[t]": "betas is 1-D: dimension 0 is the last one",
    },
}
