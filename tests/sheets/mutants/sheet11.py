"""Plausible wrong answers to sheet11 (SGD with momentum, Adam, batch normalization), as edits on the reference: each
must fail its tests."""

from tests.sheets.harness import Edit

HEAVY_BALL = "momentum * velocity + grad"
CORRECTION = "m_hat = m / (1 - beta1**t)\n    v_hat = v / (1 - beta2**t)"
DX = "dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0))"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "sgd_momentum_step": {
        "parameters moved with the old velocity": (
            f"    velocity = {HEAVY_BALL}\n    return w - lr * velocity, velocity",
            f"    w = w - lr * velocity\n    velocity = {HEAVY_BALL}\n    return w, velocity",
        ),
        "gradient step first, then velocity": ("return w - lr * velocity,", "return w - lr * grad,"),
        "dampening (1 - momentum)": (HEAVY_BALL, "momentum * velocity + (1 - momentum) * grad"),
        "lr inside the velocity and subtracted again": (HEAVY_BALL, "momentum * velocity + lr * grad"),
        "Nesterov instead of heavy ball": (
            "return w - lr * velocity,",
            "return w - lr * (grad + momentum * velocity),",
        ),
    },
    "adam_step": {
        "no bias correction": (CORRECTION, "m_hat = m\n    v_hat = v"),
        "bias correction with t counted from 0": [("beta1**t", "beta1 ** (t + 1)"), ("beta2**t", "beta2 ** (t + 1)")],
        "eps inside the square root": ("(np.sqrt(v_hat) + eps)", "np.sqrt(v_hat + eps)"),
        "beta1 and beta2 swapped in the averages": [
            ("m = beta1 * m + (1 - beta1) * grad", "m = beta2 * m + (1 - beta2) * grad"),
            ("v = beta2 * v + (1 - beta2) * grad**2", "v = beta1 * v + (1 - beta1) * grad**2"),
            (CORRECTION, "m_hat = m / (1 - beta2**t)\n    v_hat = v / (1 - beta1**t)"),
        ],
        "returns the bias-corrected averages": (", m, v\n", ", m_hat, v_hat\n"),
        "eps added to v_hat outside the root": ("+ eps)", "+ eps * np.sqrt(1 - beta2**t))"),
    },
    "batchnorm_forward": {
        "unbiased batch variance": ("x.var(axis=0)", "x.var(axis=0, ddof=1)"),
        "normalises over the feature axis (layer norm)": [
            ("x.mean(axis=0)", "x.mean(axis=1, keepdims=True)"),
            ("x.var(axis=0)", "x.var(axis=1, keepdims=True)"),
        ],
        "eps added to the standard deviation": ("1.0 / np.sqrt(var + eps)", "1.0 / (np.sqrt(var) + eps)"),
        "eps ignored": ("np.sqrt(var + eps)", "np.sqrt(var)"),
        "shift before scale": ("gamma * x_hat + beta", "gamma * (x_hat + beta)"),
    },
    "batchnorm_backward": {
        "missing the mean-of-dxhat terms": (DX, "dx = inv_std * dx_hat"),
        "missing the variance term": (" - x_hat * (dx_hat * x_hat).mean(axis=0))", ")"),
        "dgamma summed over the feature axis": ("(dy * x_hat).sum(axis=0)", "(dy * x_hat).sum(axis=1)"),
        "dgamma from dy alone": ("dgamma = (dy * x_hat).sum(axis=0)", "dgamma = dy.sum(axis=0)"),
        "gamma forgotten in dx": ("dx_hat = dy * gamma", "dx_hat = dy"),
        "variance term with 1/(N-1)": ("(dx_hat * x_hat).mean(axis=0)", "(dx_hat * x_hat).sum(axis=0) / (len(dy) - 1)"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {}
