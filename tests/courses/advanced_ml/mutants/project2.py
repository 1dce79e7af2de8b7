'''Plausible wrong answers to project2: each must lose points on its question's hidden tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "rbm_gibbs_step": {
        "comparison reversed (u > p)": '''
def rbm_gibbs_step(v, W, b, c, u_h, u_v):
    h = (u_h > torch.sigmoid(v @ W + c)).to(v.dtype)
    v_new = (u_v > torch.sigmoid(h @ W.T + b)).to(v.dtype)
    return h, v_new
''',
        "no sigmoid (compares with the logits)": '''
def rbm_gibbs_step(v, W, b, c, u_h, u_v):
    h = (u_h < v @ W + c).to(v.dtype)
    v_new = (u_v < h @ W.T + b).to(v.dtype)
    return h, v_new
''',
        "reconstructs v from the probabilities p(h|v) instead of the sample": '''
def rbm_gibbs_step(v, W, b, c, u_h, u_v):
    p_h = torch.sigmoid(v @ W + c)
    h = (u_h < p_h).to(v.dtype)
    v_new = (u_v < torch.sigmoid(p_h @ W.T + b)).to(v.dtype)
    return h, v_new
''',
        "returns probabilities instead of samples": '''
def rbm_gibbs_step(v, W, b, c, u_h, u_v):
    p_h = torch.sigmoid(v @ W + c)
    h = (u_h < p_h).to(v.dtype)
    p_v = torch.sigmoid(h @ W.T + b)
    return p_h, p_v
''',
        "forgets the hidden bias c": '''
def rbm_gibbs_step(v, W, b, c, u_h, u_v):
    h = (u_h < torch.sigmoid(v @ W)).to(v.dtype)
    v_new = (u_v < torch.sigmoid(h @ W.T + b)).to(v.dtype)
    return h, v_new
''',
        "visible and hidden biases swapped": '''
def rbm_gibbs_step(v, W, b, c, u_h, u_v):
    h = (u_h < torch.sigmoid(v @ W + b)).to(v.dtype)
    v_new = (u_v < torch.sigmoid(h @ W.T + c)).to(v.dtype)
    return h, v_new
''',
    },
    "cd_gradient": {
        "sign flipped (model minus data)": '''
def cd_gradient(v0, W, b, c, u_h, u_v):
    v = v0
    for step in range(u_h.shape[0]):
        _, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])
    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(v @ W + c)
    return (v.T @ phk - v0.T @ ph0) / v0.shape[0], (v - v0).mean(0), (phk - ph0).mean(0)
''',
        "sums over the batch instead of averaging": '''
def cd_gradient(v0, W, b, c, u_h, u_v):
    v = v0
    for step in range(u_h.shape[0]):
        _, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])
    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(v @ W + c)
    return v0.T @ ph0 - v.T @ phk, (v0 - v).sum(0), (ph0 - phk).sum(0)
''',
        "always a single Gibbs step (ignores k)": '''
def cd_gradient(v0, W, b, c, u_h, u_v):
    _, v = rbm_gibbs_step(v0, W, b, c, u_h[0], u_v[0])
    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(v @ W + c)
    return (v0.T @ ph0 - v.T @ phk) / v0.shape[0], (v0 - v).mean(0), (ph0 - phk).mean(0)
''',
        "reuses the first noise slice at every step": '''
def cd_gradient(v0, W, b, c, u_h, u_v):
    v = v0
    for step in range(u_h.shape[0]):
        _, v = rbm_gibbs_step(v, W, b, c, u_h[0], u_v[0])
    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(v @ W + c)
    return (v0.T @ ph0 - v.T @ phk) / v0.shape[0], (v0 - v).mean(0), (ph0 - phk).mean(0)
''',
        "binary hidden samples in the statistics": '''
def cd_gradient(v0, W, b, c, u_h, u_v):
    v = v0
    hs = []
    for step in range(u_h.shape[0]):
        h, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])
        hs.append(h)
    hk = (u_h[-1] < torch.sigmoid(v @ W + c)).to(v0.dtype)
    return (v0.T @ hs[0] - v.T @ hk) / v0.shape[0], (v0 - v).mean(0), (hs[0] - hk).mean(0)
''',
        "negative phase with the visible probabilities p(v|h)": '''
def cd_gradient(v0, W, b, c, u_h, u_v):
    v = v0
    for step in range(u_h.shape[0]):
        h, v = rbm_gibbs_step(v, W, b, c, u_h[step], u_v[step])
    pv = torch.sigmoid(h @ W.T + b)
    ph0, phk = torch.sigmoid(v0 @ W + c), torch.sigmoid(pv @ W + c)
    return (v0.T @ ph0 - pv.T @ phk) / v0.shape[0], (v0 - pv).mean(0), (ph0 - phk).mean(0)
''',
    },
    "gaussian_kl": {
        "sign error (returns -KL)": '''
def gaussian_kl(mu, logvar):
    return 0.5 * (1.0 + logvar - mu ** 2 - logvar.exp()).sum(dim=-1)
''',
        "forgets the 1/2": '''
def gaussian_kl(mu, logvar):
    return (mu ** 2 + logvar.exp() - 1.0 - logvar).sum(dim=-1)
''',
        "mean over latent dimensions instead of sum": '''
def gaussian_kl(mu, logvar):
    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).mean(dim=-1)
''',
        "treats logvar as log standard deviation": '''
def gaussian_kl(mu, logvar):
    return 0.5 * (mu ** 2 + torch.exp(2 * logvar) - 1.0 - 2 * logvar).sum(dim=-1)
''',
        "sign error on the log-variance term": '''
def gaussian_kl(mu, logvar):
    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 + logvar).sum(dim=-1)
''',
        "sums over the batch too (returns a scalar)": '''
def gaussian_kl(mu, logvar):
    return 0.5 * (mu ** 2 + logvar.exp() - 1.0 - logvar).sum()
''',
    },
    "elbo": {
        "std = exp(logvar) (forgets the 1/2)": '''
def elbo(x, mu, logvar, eps, decoder):
    z = mu + torch.exp(logvar) * eps
    log_px = -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1)
    return (log_px - gaussian_kl(mu, logvar)).mean()
''',
        "uses logvar as the standard deviation": '''
def elbo(x, mu, logvar, eps, decoder):
    z = mu + logvar * eps
    log_px = -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1)
    return (log_px - gaussian_kl(mu, logvar)).mean()
''',
        "adds the KL instead of subtracting it": '''
def elbo(x, mu, logvar, eps, decoder):
    z = mu + torch.exp(0.5 * logvar) * eps
    log_px = -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1)
    return (log_px + gaussian_kl(mu, logvar)).mean()
''',
        "forgets the KL term": '''
def elbo(x, mu, logvar, eps, decoder):
    z = mu + torch.exp(0.5 * logvar) * eps
    return -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1).mean()
''',
        "returns the loss (negative ELBO)": '''
def elbo(x, mu, logvar, eps, decoder):
    z = mu + torch.exp(0.5 * logvar) * eps
    bce = F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").sum(dim=-1)
    return (bce + gaussian_kl(mu, logvar)).mean()
''',
        "averages the reconstruction over pixels": '''
def elbo(x, mu, logvar, eps, decoder):
    z = mu + torch.exp(0.5 * logvar) * eps
    log_px = -F.binary_cross_entropy_with_logits(decoder(z), x, reduction="none").mean(dim=-1)
    return (log_px - gaussian_kl(mu, logvar)).mean()
''',
        "applies the sigmoid twice": '''
def elbo(x, mu, logvar, eps, decoder):
    z = mu + torch.exp(0.5 * logvar) * eps
    probs = torch.sigmoid(decoder(z))
    log_px = -F.binary_cross_entropy_with_logits(probs, x, reduction="none").sum(dim=-1)
    return (log_px - gaussian_kl(mu, logvar)).mean()
''',
        "decodes the mean (no sampling)": '''
def elbo(x, mu, logvar, eps, decoder):
    log_px = -F.binary_cross_entropy_with_logits(decoder(mu), x, reduction="none").sum(dim=-1)
    return (log_px - gaussian_kl(mu, logvar)).mean()
''',
    },
    "ddpm_noise": {
        "beta_t instead of alpha-bar_t": '''
def ddpm_noise(x0, t, eps, betas):
    a = betas[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)
    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps
''',
        "alpha_t = 1 - beta_t without the cumulative product": '''
def ddpm_noise(x0, t, eps, betas):
    a = (1.0 - betas)[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)
    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps
''',
        "missing square roots": '''
def ddpm_noise(x0, t, eps, betas):
    a = torch.cumprod(1.0 - betas, dim=0)[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)
    return a * x0 + (1.0 - a) * eps
''',
        "missing square root on the noise coefficient": '''
def ddpm_noise(x0, t, eps, betas):
    a = torch.cumprod(1.0 - betas, dim=0)[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)
    return a.sqrt() * x0 + (1.0 - a) * eps
''',
        "off by one (alpha_bar[t - 1])": '''
def ddpm_noise(x0, t, eps, betas):
    a = torch.cumprod(1.0 - betas, dim=0)[t - 1].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)
    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps
''',
        "no reshape, only works for (batch, D) by accident": '''
def ddpm_noise(x0, t, eps, betas):
    a = torch.cumprod(1.0 - betas, dim=0)[t][:, None]
    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps
''',
        "exp of the cumulative sum of betas": '''
def ddpm_noise(x0, t, eps, betas):
    a = torch.exp(-torch.cumsum(betas, dim=0))[t].reshape(-1, *([1] * (x0.dim() - 1))).to(x0.dtype)
    return a.sqrt() * x0 + (1.0 - a).sqrt() * eps
''',
    },
    "ddpm_loss": {
        "predicts x0 instead of the noise": '''
def ddpm_loss(model, x0, t, eps, betas):
    x_t = ddpm_noise(x0, t, eps, betas)
    return ((x0 - model(x_t, t)) ** 2).mean()
''',
        "sum instead of mean": '''
def ddpm_loss(model, x0, t, eps, betas):
    x_t = ddpm_noise(x0, t, eps, betas)
    return ((eps - model(x_t, t)) ** 2).sum()
''',
        "feeds the clean x0 to the model": '''
def ddpm_loss(model, x0, t, eps, betas):
    return ((eps - model(x0, t)) ** 2).mean()
''',
        "sum over data dimensions, mean over the batch": '''
def ddpm_loss(model, x0, t, eps, betas):
    x_t = ddpm_noise(x0, t, eps, betas)
    return ((eps - model(x_t, t)) ** 2).flatten(1).sum(dim=1).mean()
''',
        "1-based time step passed to the model": '''
def ddpm_loss(model, x0, t, eps, betas):
    x_t = ddpm_noise(x0, t, eps, betas)
    return ((eps - model(x_t, t + 1)) ** 2).mean()
''',
        "L1 instead of squared error": '''
def ddpm_loss(model, x0, t, eps, betas):
    x_t = ddpm_noise(x0, t, eps, betas)
    return (eps - model(x_t, t)).abs().mean()
''',
    },
}
