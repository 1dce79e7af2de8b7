"""Plausible wrong answers to sheet18 (fine-tuning with low-rank adapters), as edits on the reference: each must fail
its function's tests."""

from tests.sheets.harness import Edit

FREEZE = "        for p in base.parameters():\n            p.requires_grad_(False)\n"
A_INIT = "torch.randn(r, n_in, generator=generator, dtype=base.weight.dtype) / math.sqrt(n_in)"
MERGE = "merged.weight.copy_(base.weight + layer.scale * layer.B @ layer.A)"
STEP = "        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "LoRALinear": {
        "A zero and B random (swapped initialisations)": [
            (A_INIT, "torch.zeros(r, n_in, dtype=base.weight.dtype)"),
            ("torch.zeros(n_out, r, dtype=base.weight.dtype)", "torch.randn(n_out, r, dtype=base.weight.dtype)"),
        ],
        "scale alpha instead of alpha / r": ("r, alpha, alpha / r", "r, alpha, alpha"),
        "scale r / alpha": ("r, alpha, alpha / r", "r, alpha, r / alpha"),
        "base not frozen": (FREEZE, ""),
        "A a plain tensor, not a Parameter": ("self.A = nn.Parameter(", "self.A = ("),
        "A without the 1 / sqrt(n_in)": (" / math.sqrt(n_in))", ")"),
        "float32 adapter on a float64 base": ("generator=generator, dtype=base.weight.dtype)", "generator=generator)"),
        "scale forgotten in forward": ("self.scale * ((x", "((x"),
        "the adapter without the base": ("return self.base(x) + self.scale", "return self.scale"),
    },
    "count_parameters": {
        "counts tensors, not entries": [
            ("trainable = sum(p.numel()", "trainable = sum(1"),
            ("return trainable, sum(p.numel()", "return trainable, sum(1"),
        ],
        "everything counted as trainable": (" if p.requires_grad)", ")"),
        "len(p) instead of p.numel()": [
            ("trainable = sum(p.numel()", "trainable = sum(len(p)"),
            ("return trainable, sum(p.numel()", "return trainable, sum(len(p)"),
        ],
        "parameters collected layer by layer (a shared layer twice)": (
            "params = list(model.parameters())",
            "params = [p for layer in model for p in layer.parameters()]",
        ),
        "(total, trainable) swapped": (
            "return trainable, sum(p.numel() for p in params)", "return sum(p.numel() for p in params), trainable"),
    },
    "add_lora": {
        "no copy: the original model is adapted": ("adapted = copy.deepcopy(model)", "adapted = model"),
        "shallow copy (the layers are shared)": ("copy.deepcopy(model)", "copy.copy(model)"),
        "layers that are not linear stay trainable": (
            "    for p in adapted.parameters():\n        p.requires_grad_(False)\n", ""),
        "alpha not passed on": ("LoRALinear(layer, r, alpha, generator)", "LoRALinear(layer, r, generator=generator)"),
        "generator not passed on": ("LoRALinear(layer, r, alpha, generator)", "LoRALinear(layer, r, alpha)"),
    },
    "merge_lora": {
        "scale forgotten": (MERGE, "merged.weight.copy_(base.weight + layer.B @ layer.A)"),
        "the product transposed (A^T B^T)": (MERGE, "merged.weight.copy_(base.weight + layer.scale * (layer.A.T @ layer.B.T))"),
        "correction subtracted": (MERGE, "merged.weight.copy_(base.weight - layer.scale * layer.B @ layer.A)"),
        "bias not copied": ("        if base.bias is not None:\n            merged.bias.copy_(base.bias)\n", ""),
        "merged in place into the base layer": [
            ("    with torch.no_grad():\n        " + MERGE,
             "    merged = base\n    with torch.no_grad():\n        merged.weight.add_(layer.scale * layer.B @ layer.A)"),
        ],
    },
    "finetune": {
        "SGD instead of Adam": ("torch.optim.Adam(", "torch.optim.SGD("),
        "loss recorded after the step": (
            "        losses.append(loss.item())\n" + STEP,
            STEP + "        losses.append(F.mse_loss(model(X), y).item())\n",
        ),
        "gradients never zeroed": ("        optimizer.zero_grad()\n", ""),
        "summed squared error": ("F.mse_loss(model(X), y)", 'F.mse_loss(model(X), y, reduction="sum")'),
        "one step short": ("range(n_steps)", "range(n_steps - 1)"),
        "lr ignored (Adam's default 1e-3)": (", lr=lr)", ")"),
        "tensors instead of floats": ("losses.append(loss.item())", "losses.append(loss)"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "finetune": {
        "loss = F.mse_loss(model(X), y)  ->  loss = F.mse_loss(y, model(X))":
            "the mean squared error is symmetric in its two arguments, and so is its gradient",
    },
}
