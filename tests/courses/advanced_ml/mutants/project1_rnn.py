"""Plausible wrong answers to project1-rnn (the coding path), as edits on the reference: each must lose points on
its question's hidden tests."""

from tests.sheets.harness import Edit

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "lstm_cell": {
        'gate order i, g, f, o': ('    i, f, g, o = gates.chunk(4, dim=-1)\n', '    i, g, f, o = gates.chunk(4, dim=-1)\n'),
        'gate order i, f, o, g (as in some lecture notes)': ('    i, f, g, o = gates.chunk(4, dim=-1)\n', '    i, f, o, g = gates.chunk(4, dim=-1)\n'),
        'sigmoid and tanh swapped on the candidate g': ('    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)\n', '    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(g), torch.tanh(o)\n'),
        'forgets the bias b_hh': ('    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh\n', '    gates = x @ W_ih.T + b_ih + h @ W_hh.T\n'),
        'no tanh on the new cell state (h = o * c)': ('    h_new = o * torch.tanh(c_new)\n', '    h_new = o * c_new\n'),
        'h computed from the old cell state': ('    h_new = o * torch.tanh(c_new)\n', '    h_new = o * torch.tanh(c)\n'),
        'returns (c_new, h_new)': ('    return h_new, c_new\n', '    return c_new, h_new\n'),
        'detaches the result (breaks backpropagation)': ('    gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh\n    i, f, g, o = gates.chunk(4, dim=-1)\n    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)\n    c_new = f * c + i * g\n    h_new = o * torch.tanh(c_new)\n', '    with torch.no_grad():\n        gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh\n        i, f, g, o = gates.chunk(4, dim=-1)\n        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)\n        c_new = f * c + i * g\n        h_new = o * torch.tanh(c_new)\n'),
        'updates the cell state in place (c.mul_)': ('c_new = f * c + i * g', 'c_new = c.mul_(f).add_(i * g)'),
        'computes in float64 (casts the inputs)': ('gates = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh', 'gates = x.double() @ W_ih.T.double() + b_ih.double() + h.double() @ W_hh.T.double() + b_hh.double()'),
        'squeezes the batch dimension': ('return h_new, c_new', 'return h_new.squeeze(), c_new.squeeze()'),
    },
    "run_lstm": {
        'never updates the cell state': ('    h, c = h0, c0\n    hs = []\n    for x in xs:\n        h, c = lstm_cell(x, h, c, *params)\n        hs.append(h)\n    return torch.stack(hs), (h, c)\n', '    h = h0\n    hs = []\n    for x in xs:\n        h, _ = lstm_cell(x, h, c0, *params)\n        hs.append(h)\n    return torch.stack(hs), (h, c0)\n'),
        'feeds the initial state to every step': ('    h, c = h0, c0\n    hs = []\n    for x in xs:\n        h, c = lstm_cell(x, h, c, *params)\n        hs.append(h)\n    return torch.stack(hs), (h, c)\n', '    hs, cs = [], []\n    for x in xs:\n        h, c = lstm_cell(x, h0, c0, *params)\n        hs.append(h)\n        cs.append(c)\n    return torch.stack(hs), (hs[-1], cs[-1])\n'),
        'stores the state before the update (h_0 ... h_{T-1})': ('        h, c = lstm_cell(x, h, c, *params)\n        hs.append(h)\n', '        hs.append(h)\n        h, c = lstm_cell(x, h, c, *params)\n'),
        'loops over the batch instead of time': ('    for x in xs:\n        h, c = lstm_cell(x, h, c, *params)\n', '    for b in range(xs.shape[1]):\n        h, c = lstm_cell(xs[:, b], h, c, *params)\n'),
        'collects the cell states instead of the hidden states': ('    hs = []\n    for x in xs:\n        h, c = lstm_cell(x, h, c, *params)\n        hs.append(h)\n    return torch.stack(hs), (h, c)\n', '    cs = []\n    for x in xs:\n        h, c = lstm_cell(x, h, c, *params)\n        cs.append(c)\n    return torch.stack(cs), (h, c)\n'),
        'writes into a preallocated tensor without gradient': ('    hs = []\n    for x in xs:\n        h, c = lstm_cell(x, h, c, *params)\n        hs.append(h)\n    return torch.stack(hs), (h, c)\n', '    hs = torch.zeros(xs.shape[0], h0.shape[0], h0.shape[1], dtype=h0.dtype)\n    for step, x in enumerate(xs):\n        h, c = lstm_cell(x, h, c, *params)\n        hs[step] = h.detach()\n    return hs, (h, c)\n'),
        'a fixed maximum length (for x in xs[:32])': ('for x in xs:', 'for x in xs[:32]:'),
        'carries the state in h0 and c0 in place': ('        hs.append(h)\n', '        hs.append(h)\n        h0.copy_(h.detach())\n        c0.copy_(c.detach())\n'),
        'computes in float64': ('h, c = h0, c0', 'h, c = h0.double(), c0.double()\n    xs = xs.double()\n    params = [p.double() for p in params]'),
    },
    "clip_grad_norm": {
        'clips every tensor separately': ('    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))\n    scale = max_norm / total_norm if total_norm > max_norm else 1.0\n    return [g * scale for g in grads], total_norm\n', '    clipped = []\n    for g in grads:\n        norm = g.norm()\n        clipped.append(g * (max_norm / norm) if norm > max_norm else g.clone())\n    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))\n    return clipped, total_norm\n'),
        'always rescales to max_norm (also scales small gradients up)': ('    scale = max_norm / total_norm if total_norm > max_norm else 1.0\n    return [g * scale for g in grads], total_norm\n', '    return [g * max_norm / total_norm for g in grads], total_norm\n'),
        'sum of the tensor norms instead of the global norm': ('    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))\n', '    total_norm = sum(g.norm() for g in grads)\n'),
        'clamps each entry to [-max_norm, max_norm]': ('    scale = max_norm / total_norm if total_norm > max_norm else 1.0\n    return [g * scale for g in grads], total_norm\n', '    return [g.clamp(-max_norm, max_norm) for g in grads], total_norm\n'),
        'returns the norm after clipping': ('    return [g * scale for g in grads], total_norm\n', '    clipped = [g * scale for g in grads]\n    return clipped, torch.sqrt(sum((g ** 2).sum() for g in clipped))\n'),
        'modifies the gradients in place': ('    scale = max_norm / total_norm if total_norm > max_norm else 1.0\n    return [g * scale for g in grads], total_norm\n', '    if total_norm > max_norm:\n        for g in grads:\n            g.mul_(max_norm / total_norm)\n    return grads, total_norm\n'),
        'squared norm (forgets the square root)': ('    total_norm = torch.sqrt(sum((g ** 2).sum() for g in grads))\n', '    total_norm = sum((g ** 2).sum() for g in grads)\n'),
        'compares the squared norm with tau': ('if total_norm > max_norm', 'if total_norm ** 2 > max_norm'),
        'compares the norm with sqrt(tau)': ('if total_norm > max_norm', 'if total_norm > max_norm ** 0.5'),
        'clips each tensor on its own': ('return [g * scale for g in grads], total_norm', 'return [g * min(1.0, max_norm / float(g.norm())) if float(g.norm()) > 0 else g.clone() for g in grads], total_norm'),
        'scales the gradients in place': ('[g * scale for g in grads]', '[g.mul_(scale) for g in grads]'),
        'the norm in float64': ('sum((g ** 2).sum() for g in grads)', 'sum((g.double() ** 2).sum() for g in grads)'),
    },
}

# generated mutants (tests/sheets/mutate.py) that survive the hidden tests, and why they are equivalent
EQUIVALENT: dict[str, dict[str, str]] = {
    "lstm_cell": {
        "i, f, g, o = gates.chunk(4, dim=-1)  ->  i, f, g, o = gates.chunk(4, dim=1)": "x and h are (batch, size): the last dimension is dimension 1",
    },
    "clip_grad_norm": {
        "scale = max_norm / total_norm if total_norm > max_norm else 1.0  ->  scale = max_norm / total_norm if (total_norm >= max_norm) else 1.0": "at total_norm == max_norm the scale max_norm / total_norm is 1 anyway",
    },
}
