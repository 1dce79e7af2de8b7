"""Plausible wrong answers to project1-pinn (the PINN path), as edits on the reference: each must lose points on
its question's hidden tests."""

from tests.sheets.harness import Edit

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "ode_residual": {
        'no create_graph (derivative is a constant for the optimizer)': ('    du_dt, = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u), create_graph=True)\n', '    du_dt, = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u))\n'),
        'sign error: du/dt - k u': ('    return du_dt + k * u\n', '    return du_dt - k * u\n'),
        'forgets k': ('    return du_dt + k * u\n', '    return du_dt + u\n'),
        'differentiates the mean of u (derivative divided by N)': ('    du_dt, = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u), create_graph=True)\n', '    du_dt, = torch.autograd.grad(u.mean(), t, create_graph=True)\n'),
        'forward finite difference with a coarse step': ('    u = model(t)\n    du_dt, = torch.autograd.grad(u, t, grad_outputs=torch.ones_like(u), create_graph=True)\n    return du_dt + k * u\n', '    dt = 1e-2\n    u = model(t)\n    return (model(t + dt) - u) / dt + k * u\n'),
        'returns only du/dt': ('    return du_dt + k * u\n', '    return du_dt\n'),
        'casts t to float64': ('    u = model(t)\n', '    t = t.double()\n    u = model(t)\n'),
    },
    "pinn_loss": {
        'sum instead of mean over the collocation points': ('    return (r ** 2).mean() + ((u_at_0 - u0) ** 2).sum()\n', '    return (r ** 2).sum() + ((u_at_0 - u0) ** 2).sum()\n'),
        'forgets the initial condition': ('    u_at_0 = model(torch.zeros(1, 1, dtype=t.dtype))\n    return (r ** 2).mean() + ((u_at_0 - u0) ** 2).sum()\n', '    return (r ** 2).mean()\n'),
        'initial condition evaluated at t[0] instead of t = 0': ('    u_at_0 = model(torch.zeros(1, 1, dtype=t.dtype))\n    return (r ** 2).mean() + ((u_at_0 - u0) ** 2).sum()\n', '    u_first = model(t[:1])\n    return (r ** 2).mean() + ((u_first - u0) ** 2).sum()\n'),
        'square of the mean residual': ('    return (r ** 2).mean() + ((u_at_0 - u0) ** 2).sum()\n', '    return r.mean() ** 2 + ((u_at_0 - u0) ** 2).sum()\n'),
        'absolute initial-condition error (not squared)': ('    return (r ** 2).mean() + ((u_at_0 - u0) ** 2).sum()\n', '    return (r ** 2).mean() + (u_at_0 - u0).abs().sum()\n'),
        'root mean square residual': ('    return (r ** 2).mean() + ((u_at_0 - u0) ** 2).sum()\n', '    return torch.sqrt((r ** 2).mean()) + ((u_at_0 - u0) ** 2).sum()\n'),
        'the initial condition in float64': ('torch.zeros(1, 1, dtype=t.dtype)', 'torch.zeros(1, 1, dtype=torch.float64)'),
    },
    "oscillator_residual": {
        'first derivative only': ('return d2u_dt2 + omega ** 2 * u', 'return du_dt + omega ** 2 * u'),
        'omega not squared': ('omega ** 2 * u', 'omega * u'),
        'second derivative without create_graph': ('d2u_dt2, = torch.autograd.grad(du_dt, t, grad_outputs=torch.ones_like(du_dt), create_graph=True)', 'd2u_dt2, = torch.autograd.grad(du_dt, t, grad_outputs=torch.ones_like(du_dt), retain_graph=True)'),
        'minus omega squared u': ('d2u_dt2 + omega ** 2 * u', 'd2u_dt2 - omega ** 2 * u'),
        'second derivative detached from the parameters': ('return d2u_dt2 + omega ** 2 * u', 'return d2u_dt2.detach() + omega ** 2 * u'),
    },
}

# generated mutants (tests/sheets/mutate.py) that survive the hidden tests, and why they are equivalent
EQUIVALENT: dict[str, dict[str, str]] = {}
