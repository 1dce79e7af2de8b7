'''Plausible wrong answers to project1: each must lose points on its question's hidden tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "lstm_cell": {
        "gate order i, g, f, o": '''
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, g, f, o = gates.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new)
    return h_new, c_new
''',
        "gate order i, f, o, g (as in some lecture notes)": '''
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, o, g = gates.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new)
    return h_new, c_new
''',
        "sigmoid and tanh swapped on the candidate g": '''
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = gates.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(g), torch.tanh(o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new)
    return h_new, c_new
''',
        "forgets the bias b_hh": '''
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x @ W_ih.T + b_ih + h @ W_hh.T
    i, f, g, o = gates.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new)
    return h_new, c_new
''',
        "no tanh on the new cell state (h = o * c)": '''
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = gates.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g
    h_new = o * c_new
    return h_new, c_new
''',
        "h computed from the old cell state": '''
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = gates.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c)
    return h_new, c_new
''',
        "returns (c_new, h_new)": '''
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i, f, g, o = gates.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new)
    return c_new, h_new
''',
        "detaches the result (breaks backpropagation)": '''
def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    with torch.no_grad():
        gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = gates.chunk(4, dim=-1)
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c_new = f * c + i * g
        h_new = o * torch.tanh(c_new)
    return h_new, c_new
''',
    },
    "run_lstm": {
        "never updates the cell state": '''
def run_lstm(xs, h0, c0, params):
    h = h0
    hs = []
    for x in xs:
        h, _ = lstm_cell(x, h, c0, *params)
        hs.append(h)
    return torch.stack(hs), (h, c0)
''',
        "feeds the initial state to every step": '''
def run_lstm(xs, h0, c0, params):
    hs, cs = [], []
    for x in xs:
        h, c = lstm_cell(x, h0, c0, *params)
        hs.append(h)
        cs.append(c)
    return torch.stack(hs), (hs[-1], cs[-1])
''',
        "stores the state before the update (h_0 ... h_{T-1})": '''
def run_lstm(xs, h0, c0, params):
    h, c = h0, c0
    hs = []
    for x in xs:
        hs.append(h)
        h, c = lstm_cell(x, h, c, *params)
    return torch.stack(hs), (h, c)
''',
        "loops over the batch instead of time": '''
def run_lstm(xs, h0, c0, params):
    h, c = h0, c0
    hs = []
    for b in range(xs.shape[1]):
        h, c = lstm_cell(xs[:, b], h, c, *params)
        hs.append(h)
    return torch.stack(hs), (h, c)
''',
        "collects the cell states instead of the hidden states": '''
def run_lstm(xs, h0, c0, params):
    h, c = h0, c0
    cs = []
    for x in xs:
        h, c = lstm_cell(x, h, c, *params)
        cs.append(c)
    return torch.stack(cs), (h, c)
''',
        "writes into a preallocated tensor without gradient": '''
def run_lstm(xs, h0, c0, params):
    h, c = h0, c0
    hs = torch.zeros(xs.shape[0], h0.shape[0], h0.shape[1], dtype=h0.dtype)
    for step, x in enumerate(xs):
        h, c = lstm_cell(x, h, c, *params)
        hs[step] = h.detach()
    return hs, (h, c)
''',
    },
    "clip_grad_norm": {
        "clips every tensor separately": '''
def clip_grad_norm(grads, max_norm):
    clipped = []
    for g in grads:
        norm = g.norm()
        clipped.append(g * (max_norm / norm) if norm > max_norm else g.clone())
    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))
    return clipped, total_norm
''',
        "always rescales to max_norm (also scales small gradients up)": '''
def clip_grad_norm(grads, max_norm):
    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))
    return [g * max_norm / total_norm for g in grads], total_norm
''',
        "sum of the tensor norms instead of the global norm": '''
def clip_grad_norm(grads, max_norm):
    total_norm = sum(g.norm() for g in grads)
    scale = max_norm / total_norm if total_norm > max_norm else 1.0
    return [g * scale for g in grads], total_norm
''',
        "clamps each entry to [-max_norm, max_norm]": '''
def clip_grad_norm(grads, max_norm):
    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))
    return [g.clamp(-max_norm, max_norm) for g in grads], total_norm
''',
        "returns the norm after clipping": '''
def clip_grad_norm(grads, max_norm):
    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))
    scale = max_norm / total_norm if total_norm > max_norm else 1.0
    clipped = [g * scale for g in grads]
    return clipped, torch.sqrt(sum((g ** 2).sum() for g in clipped))
''',
        "modifies the gradients in place": '''
def clip_grad_norm(grads, max_norm):
    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))
    if total_norm > max_norm:
        for g in grads:
            g.mul_(max_norm / total_norm)
    return grads, total_norm
''',
        "squared norm (forgets the square root)": '''
def clip_grad_norm(grads, max_norm):
    total_norm = sum((g ** 2).sum() for g in grads)
    scale = max_norm / total_norm if total_norm > max_norm else 1.0
    return [g * scale for g in grads], total_norm
''',
    },
    "ode_residual": {
        "no create_graph (derivative is a constant for the optimizer)": '''
def ode_residual(model, t, k):
    u = model(t)
    du_dt, = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u))
    return du_dt + k * u
''',
        "sign error: du/dt - k u": '''
def ode_residual(model, t, k):
    u = model(t)
    du_dt, = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u), create_graph=True)
    return du_dt - k * u
''',
        "forgets k": '''
def ode_residual(model, t, k):
    u = model(t)
    du_dt, = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u), create_graph=True)
    return du_dt + u
''',
        "differentiates the mean of u (derivative divided by N)": '''
def ode_residual(model, t, k):
    u = model(t)
    du_dt, = torch.autograd.grad(u.mean(), t, create_graph=True)
    return du_dt + k * u
''',
        "forward finite difference with a coarse step": '''
def ode_residual(model, t, k):
    dt = 1e-2
    u = model(t)
    return (model(t + dt) - u) / dt + k * u
''',
        "returns only du/dt": '''
def ode_residual(model, t, k):
    u = model(t)
    du_dt, = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u), create_graph=True)
    return du_dt
''',
    },
    "pinn_loss": {
        "sum instead of mean over the collocation points": '''
def pinn_loss(model, t, k, u0):
    r = ode_residual(model, t, k)
    u_at_0 = model(torch.zeros(1, 1, dtype=t.dtype))
    return (r ** 2).sum() + ((u_at_0 - u0) ** 2).sum()
''',
        "forgets the initial condition": '''
def pinn_loss(model, t, k, u0):
    r = ode_residual(model, t, k)
    return (r ** 2).mean()
''',
        "initial condition evaluated at t[0] instead of t = 0": '''
def pinn_loss(model, t, k, u0):
    r = ode_residual(model, t, k)
    u_first = model(t[:1])
    return (r ** 2).mean() + ((u_first - u0) ** 2).sum()
''',
        "square of the mean residual": '''
def pinn_loss(model, t, k, u0):
    r = ode_residual(model, t, k)
    u_at_0 = model(torch.zeros(1, 1, dtype=t.dtype))
    return r.mean() ** 2 + ((u_at_0 - u0) ** 2).sum()
''',
        "absolute initial-condition error (not squared)": '''
def pinn_loss(model, t, k, u0):
    r = ode_residual(model, t, k)
    u_at_0 = model(torch.zeros(1, 1, dtype=t.dtype))
    return (r ** 2).mean() + (u_at_0 - u0).abs().sum()
''',
        "root mean square residual": '''
def pinn_loss(model, t, k, u0):
    r = ode_residual(model, t, k)
    u_at_0 = model(torch.zeros(1, 1, dtype=t.dtype))
    return torch.sqrt((r ** 2).mean()) + ((u_at_0 - u0) ** 2).sum()
''',
    },
}
