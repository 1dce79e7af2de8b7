"""Plausible wrong answers to sheet19 (adversarial examples and robustness), as edits on the reference: each must
fail its function's tests."""

from tests.sheets.harness import Edit

LOSS = 'torch.nn.functional.cross_entropy(model(x_in), y, reduction="sum")'
FGSM_STEP = "x + eps * input_gradient(model, x, y).sign()"
PROJECT = "torch.clamp(x_adv, x - eps, x + eps).clamp(0.0, 1.0)"
PGD_STEP = "project_linf(x_adv + alpha * input_gradient(model, x_adv, y).sign(), x, eps)"
START = "x + eps * (2 * torch.rand(x.shape, generator=generator, dtype=x.dtype) - 1)"
ACCURACY = "(model(x_adv).argmax(dim=1) == y).double().mean().item()"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "input_gradient": {
        "mean instead of summed loss": (LOSS, "torch.nn.functional.cross_entropy(model(x_in), y)"),
        "model left in training mode (dropout active)": ("    model.eval()\n", ""),
        "gradient of the true logit instead of the loss": (LOSS, "model(x_in)[torch.arange(len(y)), y].sum()"),
        "labels replaced by the predicted classes": (LOSS, 'torch.nn.functional.cross_entropy(model(x_in), '
                                                           'model(x_in).argmax(dim=1), reduction="sum")'),
    },
    "fgsm": {
        "no clipping to [0, 1]": ("return x_adv.clamp(0.0, 1.0)", "return x_adv"),
        "step against the gradient": (FGSM_STEP, "x - eps * input_gradient(model, x, y).sign()"),
        "raw gradient instead of its sign": (FGSM_STEP, "x + eps * input_gradient(model, x, y)"),
        "gradient normalised to unit L2 norm per sample": (
            FGSM_STEP, "x + eps * (lambda g: g / g.norm(dim=1, keepdim=True).clamp_min(1e-12))("
                       "input_gradient(model, x, y))"),
        "clipped to [-1, 1]": ("clamp(0.0, 1.0)", "clamp(-1.0, 1.0)"),
    },
    "project_linf": {
        "ball around 0 instead of around x": (PROJECT, "torch.clamp(x_adv, -eps, eps).clamp(0.0, 1.0)"),
        "no clipping to [0, 1]": (PROJECT, "torch.clamp(x_adv, x - eps, x + eps)"),
        "clips x_adv in place": (PROJECT, "x_adv.clamp_(x - eps, x + eps).clamp_(0.0, 1.0)"),
        "arguments swapped: ball around x_adv": (PROJECT, "torch.clamp(x, x_adv - eps, x_adv + eps).clamp(0.0, 1.0)"),
    },
    "pgd": {
        "projection around the current iterate": (PGD_STEP, "project_linf(x_adv + alpha * "
                                                            "input_gradient(model, x_adv, y).sign(), x_adv, eps)"),
        "no projection onto the ball": (PGD_STEP, "(x_adv + alpha * input_gradient(model, x_adv, y).sign())"
                                                  ".clamp(0.0, 1.0)"),
        "gradient always at the original x": (PGD_STEP, "project_linf(x_adv + alpha * "
                                                         "input_gradient(model, x, y).sign(), x, eps)"),
        "random start in [0, eps) only": (START, "x + eps * torch.rand(x.shape, generator=generator, dtype=x.dtype)"),
        "random start from the global generator": ("generator=generator, ", ""),
        "one step too few": ("range(n_steps)", "range(n_steps - 1)"),
        "step size eps instead of alpha": ("x_adv + alpha *", "x_adv + eps *"),
    },
    "robust_accuracy": {
        "accuracy on the clean inputs": ("model(x_adv)", "model(x)"),
        "fraction of changed predictions": (ACCURACY, "(model(x_adv).argmax(dim=1) != model(x).argmax(dim=1))"
                                                      ".double().mean().item()"),
        "model left in training mode": ("    model.eval()\n", ""),
        "per cent instead of a fraction": (ACCURACY, f"100 * {ACCURACY}"),
        "only the first eps attacked": ("x_adv = attack(model, x, y, eps)", "x_adv = attack(model, x, y, eps_values[0])"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "project_linf": {
        "return torch.clamp(x_adv, x - eps, x + eps).clamp(0.0, 1.0)  ->  return torch.clamp(x - eps, x_adv, x + eps).clamp(0.0, 1.0)": "clamp(a, lo, hi) = min(max(a, lo), hi) is the median of the three when lo <= hi, so clamp(x - eps, x_adv, x + eps) is the same projection",
    },
}
