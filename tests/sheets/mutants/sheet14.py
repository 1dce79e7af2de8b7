'''Plausible wrong answers to sheet14 (normalizing flows): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "standard_normal_logpdf": {
        "missing normalisation constant": '''
def standard_normal_logpdf(z):
    return -0.5 * (z**2).sum(dim=1)
''',
        "constant added once, not d times": '''
def standard_normal_logpdf(z):
    return -0.5 * (z**2).sum(dim=1) - 0.5 * math.log(2 * math.pi)
''',
        "mean over dimensions instead of sum": '''
def standard_normal_logpdf(z):
    return -0.5 * (z**2).mean(dim=1) - 0.5 * math.log(2 * math.pi)
''',
        "forgets the 1/2 in the exponent": '''
def standard_normal_logpdf(z):
    d = z.shape[1]
    return -(z**2).sum(dim=1) - 0.5 * d * math.log(2 * math.pi)
''',
        "normalisation with log(pi) instead of log(2 pi)": '''
def standard_normal_logpdf(z):
    d = z.shape[1]
    return -0.5 * (z**2).sum(dim=1) - 0.5 * d * math.log(math.pi)
''',
    },
    "tanh_flow": {
        "forgets the identity in the derivative": '''
def tanh_flow(x, a):
    th = torch.tanh(x)
    return x + a * th, torch.log(torch.abs(a * (1 - th**2)) + 1e-300).sum(dim=1)
''',
        "wrong tanh derivative 1 - tanh": '''
def tanh_flow(x, a):
    th = torch.tanh(x)
    return x + a * th, torch.log(1 + a * (1 - th)).sum(dim=1)
''',
        "log-det with the wrong sign": '''
def tanh_flow(x, a):
    th = torch.tanh(x)
    return x + a * th, -torch.log(1 + a * (1 - th**2)).sum(dim=1)
''',
        "log of the summed derivatives": '''
def tanh_flow(x, a):
    th = torch.tanh(x)
    return x + a * th, torch.log((1 + a * (1 - th**2)).sum(dim=1))
''',
    },
    "affine_coupling_forward": {
        "log-det with the wrong sign": '''
def affine_coupling_forward(x, mask, s_net, t_net):
    x_a = x * mask
    s = s_net(x_a) * (1 - mask)
    t = t_net(x_a) * (1 - mask)
    return x_a + (1 - mask) * (x * torch.exp(s) + t), -s.sum(dim=1)
''',
        "log-det summed over all dimensions": '''
def affine_coupling_forward(x, mask, s_net, t_net):
    x_a = x * mask
    s = s_net(x_a)
    t = t_net(x_a)
    return x_a + (1 - mask) * (x * torch.exp(s) + t), s.sum(dim=1)
''',
        "exp(-s) in the forward pass": '''
def affine_coupling_forward(x, mask, s_net, t_net):
    x_a = x * mask
    s = s_net(x_a) * (1 - mask)
    t = t_net(x_a) * (1 - mask)
    return x_a + (1 - mask) * (x * torch.exp(-s) + t), s.sum(dim=1)
''',
        "networks see the whole input (not invertible)": '''
def affine_coupling_forward(x, mask, s_net, t_net):
    s = s_net(x) * (1 - mask)
    t = t_net(x) * (1 - mask)
    return x * mask + (1 - mask) * (x * torch.exp(s) + t), s.sum(dim=1)
''',
        "mask roles swapped": '''
def affine_coupling_forward(x, mask, s_net, t_net):
    x_a = x * (1 - mask)
    s = s_net(x_a) * mask
    t = t_net(x_a) * mask
    return x_a + mask * (x * torch.exp(s) + t), s.sum(dim=1)
''',
        "shift inside the scale": '''
def affine_coupling_forward(x, mask, s_net, t_net):
    x_a = x * mask
    s = s_net(x_a) * (1 - mask)
    t = t_net(x_a) * (1 - mask)
    return x_a + (1 - mask) * ((x + t) * torch.exp(s)), s.sum(dim=1)
''',
    },
    "affine_coupling_inverse": {
        "multiplies by exp(s) instead of exp(-s)": '''
def affine_coupling_inverse(y, mask, s_net, t_net):
    y_a = y * mask
    s = s_net(y_a) * (1 - mask)
    t = t_net(y_a) * (1 - mask)
    return y_a + (1 - mask) * (y - t) * torch.exp(s)
''',
        "undoes scale before shift": '''
def affine_coupling_inverse(y, mask, s_net, t_net):
    y_a = y * mask
    s = s_net(y_a) * (1 - mask)
    t = t_net(y_a) * (1 - mask)
    return y_a + (1 - mask) * (y * torch.exp(-s) - t)
''',
        "networks see the whole input": '''
def affine_coupling_inverse(y, mask, s_net, t_net):
    s = s_net(y) * (1 - mask)
    t = t_net(y) * (1 - mask)
    return y * mask + (1 - mask) * (y - t) * torch.exp(-s)
''',
        "drops the pass-through part": '''
def affine_coupling_inverse(y, mask, s_net, t_net):
    y_a = y * mask
    s = s_net(y_a) * (1 - mask)
    t = t_net(y_a) * (1 - mask)
    return (1 - mask) * (y - t) * torch.exp(-s)
''',
    },
    "checkerboard_masks": {
        "masks not alternating": '''
def checkerboard_masks(d, n_layers):
    row = (torch.arange(d) % 2 == 0).to(torch.float64)
    return row.repeat(n_layers, 1)
''',
        "starts with (0, 1, ...)": '''
def checkerboard_masks(d, n_layers):
    j = torch.arange(d)
    k = torch.arange(n_layers)[:, None]
    return ((j + k) % 2 == 1).to(torch.float64)
''',
        "half split instead of checkerboard": '''
def checkerboard_masks(d, n_layers):
    first = (torch.arange(d) < (d + 1) // 2).to(torch.float64)
    return torch.stack([first if k % 2 == 0 else 1 - first for k in range(n_layers)])
''',
        "transposed (d, n_layers)": '''
def checkerboard_masks(d, n_layers):
    j = torch.arange(d)[:, None]
    k = torch.arange(n_layers)
    return ((j + k) % 2 == 0).to(torch.float64)
''',
    },
    "flow_log_likelihood": {
        "log-det of the last layer only": '''
def flow_log_likelihood(x, layers):
    z = x
    log_det = torch.zeros(x.shape[0], dtype=x.dtype)
    for mask, s_net, t_net in layers:
        z, log_det = affine_coupling_forward(z, mask, s_net, t_net)
    return standard_normal_logpdf(z) + log_det
''',
        "subtracts the log-dets": '''
def flow_log_likelihood(x, layers):
    z = x
    total = torch.zeros(x.shape[0], dtype=x.dtype)
    for mask, s_net, t_net in layers:
        z, log_det = affine_coupling_forward(z, mask, s_net, t_net)
        total = total - log_det
    return standard_normal_logpdf(z) + total
''',
        "forgets the Jacobian": '''
def flow_log_likelihood(x, layers):
    z = x
    for mask, s_net, t_net in layers:
        z, _ = affine_coupling_forward(z, mask, s_net, t_net)
    return standard_normal_logpdf(z)
''',
        "layers in reverse order": '''
def flow_log_likelihood(x, layers):
    z = x
    total = torch.zeros(x.shape[0], dtype=x.dtype)
    for mask, s_net, t_net in reversed(layers):
        z, log_det = affine_coupling_forward(z, mask, s_net, t_net)
        total = total + log_det
    return standard_normal_logpdf(z) + total
''',
        "base density evaluated at x": '''
def flow_log_likelihood(x, layers):
    z = x
    total = torch.zeros(x.shape[0], dtype=x.dtype)
    for mask, s_net, t_net in layers:
        z, log_det = affine_coupling_forward(z, mask, s_net, t_net)
        total = total + log_det
    return standard_normal_logpdf(x) + total
''',
    },
    "sample_flow": {
        "inverse layers in forward order": '''
def sample_flow(layers, n, generator):
    d = layers[0][0].shape[0]
    x = torch.randn(n, d, generator=generator, dtype=torch.float64)
    for mask, s_net, t_net in layers:
        x = affine_coupling_inverse(x, mask, s_net, t_net)
    return x
''',
        "runs the forward pass": '''
def sample_flow(layers, n, generator):
    d = layers[0][0].shape[0]
    x = torch.randn(n, d, generator=generator, dtype=torch.float64)
    for mask, s_net, t_net in reversed(layers):
        x, _ = affine_coupling_forward(x, mask, s_net, t_net)
    return x
''',
        "ignores the generator": '''
def sample_flow(layers, n, generator):
    d = layers[0][0].shape[0]
    x = torch.randn(n, d, dtype=torch.float64)
    for mask, s_net, t_net in reversed(layers):
        x = affine_coupling_inverse(x, mask, s_net, t_net)
    return x
''',
        "returns the latent draws": '''
def sample_flow(layers, n, generator):
    d = layers[0][0].shape[0]
    z = torch.randn(n, d, generator=generator, dtype=torch.float64)
    x = z
    for mask, s_net, t_net in reversed(layers):
        x = affine_coupling_inverse(x, mask, s_net, t_net)
    return z
''',
        "uniform instead of Gaussian draws": '''
def sample_flow(layers, n, generator):
    d = layers[0][0].shape[0]
    x = torch.rand(n, d, generator=generator, dtype=torch.float64)
    for mask, s_net, t_net in reversed(layers):
        x = affine_coupling_inverse(x, mask, s_net, t_net)
    return x
''',
    },
}
