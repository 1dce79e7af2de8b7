"""Plausible wrong answers to sheet14 (normalizing flows), as edits on the reference: each must fail its function's
tests."""

from tests.sheets.harness import Edit

CONSTANT = "0.5 * d * math.log"
DERIVATIVE = "torch.log(1 + a * (1 - th**2))"
S_NET = ("s = s_net(x_a) * (1 - mask)", "t = t_net(x_a) * (1 - mask)")

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "standard_normal_logpdf": {
        "missing normalisation constant": (f" - {CONSTANT}(2 * math.pi)", ""),
        "constant added once, not d times": (CONSTANT, "0.5 * math.log"),
        "mean over dimensions instead of sum": [
            ("(z**2).sum(dim=1)", "(z**2).mean(dim=1)"),
            (CONSTANT, "0.5 * math.log"),
        ],
        "forgets the 1/2 in the exponent": ("-0.5 * (z**2)", "-(z**2)"),
        "normalisation with log(pi) instead of log(2 pi)": ("math.log(2 * math.pi)", "math.log(math.pi)"),
    },
    "tanh_flow": {
        "forgets the identity in the derivative": (DERIVATIVE, "torch.log(torch.abs(a * (1 - th**2)) + 1e-300)"),
        "wrong tanh derivative 1 - tanh": ("(1 - th**2)", "(1 - th)"),
        "log-det with the wrong sign": ("log_det = torch.log", "log_det = -torch.log"),
        "log of the summed derivatives": (f"{DERIVATIVE}.sum(dim=1)", "torch.log((1 + a * (1 - th**2)).sum(dim=1))"),
    },
    "affine_coupling_forward": {
        "log-det with the wrong sign": ("return y, s.sum(dim=1)", "return y, -s.sum(dim=1)"),
        "log-det summed over all dimensions": [(S_NET[0], "s = s_net(x_a)"), (S_NET[1], "t = t_net(x_a)")],
        "exp(-s) in the forward pass": ("torch.exp(s)", "torch.exp(-s)"),
        "networks see the whole input (not invertible)": [
            ("s = s_net(x_a)", "s = s_net(x)"),
            ("t = t_net(x_a)", "t = t_net(x)"),
        ],
        "mask roles swapped": [
            ("x_a = x * mask", "x_a = x * (1 - mask)"),
            (S_NET[0], "s = s_net(x_a) * mask"),
            (S_NET[1], "t = t_net(x_a) * mask"),
            ("y = x_a + (1 - mask) *", "y = x_a + mask *"),
        ],
        "shift inside the scale": ("(x * torch.exp(s) + t)", "((x + t) * torch.exp(s))"),
    },
    "affine_coupling_inverse": {
        "multiplies by exp(s) instead of exp(-s)": ("torch.exp(-s)", "torch.exp(s)"),
        "undoes scale before shift": ("(y - t) * torch.exp(-s)", "(y * torch.exp(-s) - t)"),
        "networks see the whole input": [("s = s_net(y_a)", "s = s_net(y)"), ("t = t_net(y_a)", "t = t_net(y)")],
        "drops the pass-through part": ("return y_a + (1 - mask)", "return (1 - mask)"),
    },
    "checkerboard_masks": {
        "masks not alternating": ("(j + k) % 2 == 0", "(j + 0 * k) % 2 == 0"),
        "starts with (0, 1, ...)": ("% 2 == 0", "% 2 == 1"),
        "half split instead of checkerboard": (
            "    return ((j + k) % 2 == 0).to(torch.float64)",
            "    first = j < (d + 1) // 2\n    return torch.where(k % 2 == 0, first, ~first).to(torch.float64)",
        ),
        "transposed (d, n_layers)": [
            ("j = torch.arange(d)", "j = torch.arange(d)[:, None]"),
            ("k = torch.arange(n_layers)[:, None]", "k = torch.arange(n_layers)"),
        ],
    },
    "flow_log_likelihood": {
        "log-det of the last layer only": ("total_log_det = total_log_det + log_det", "total_log_det = log_det"),
        "subtracts the log-dets": ("total_log_det + log_det", "total_log_det - log_det"),
        "forgets the Jacobian": (
            "return standard_normal_logpdf(z) + total_log_det",
            "return standard_normal_logpdf(z)",
        ),
        "layers in reverse order": ("in layers:", "in reversed(layers):"),
        "base density evaluated at x": ("standard_normal_logpdf(z)", "standard_normal_logpdf(x)"),
    },
    "sample_flow": {
        "inverse layers in forward order": ("reversed(layers)", "layers"),
        "runs the forward pass": (
            "x = affine_coupling_inverse(x, mask, s_net, t_net)",
            "x, _ = affine_coupling_forward(x, mask, s_net, t_net)",
        ),
        "ignores the generator": ("generator=generator, ", ""),
        "returns the latent draws": [
            ("x = torch.randn(", "z = x = torch.randn("),
            ("    return x\n", "    return z\n"),
        ],
        "uniform instead of Gaussian draws": ("torch.randn(", "torch.rand("),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "affine_coupling_inverse": {
        "s = s_net(y_a) * (1 - mask)  ->  s = s_net(y_a) * ((1 + mask))": "the mask-1 entries of s are multiplied by (1 - mask) = 0 in the returned value anyway",
        "t = t_net(y_a) * (1 - mask)  ->  t = t_net(y_a) * ((1 + mask))": "the mask-1 entries of t are multiplied by (1 - mask) = 0 in the returned value anyway",
    },
    "checkerboard_masks": {
        "return ((j + k) % 2 == 0).to(torch.float64)  ->  return (((j - k)) % 2 == 0).to(torch.float64)": "j - k and j + k have the same parity",
    },
    "sample_flow": {
        "d = layers[0][0].shape[0]  ->  d = layers[1][0].shape[0]": "every layer's mask has the same length d",
        "d = layers[0][0].shape[0]  ->  d = layers[(-1)][0].shape[0]": "every layer's mask has the same length d",
        "d = layers[0][0].shape[0]  ->  d = layers[0][0].shape[(-1)]": "a mask is 1-D: shape[-1] == shape[0]",
    },
}
