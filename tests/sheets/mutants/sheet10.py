"""Plausible wrong answers to sheet10 (MLP and backpropagation), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

HE = "np.sqrt(2.0 / n_in)"
HIDDEN = "np.maximum(Z, 0.0) if l < len(params) - 1 else Z"
MASK = "        if l < len(params) - 1:\n            G = G * (Z > 0)\n"
LAYER_GRADS = "grads[l] = (A_in.T @ G, G.sum(axis=0))"
STEP = "(W - lr * dW, b - lr * db)"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "init_mlp": {
        "standard deviation 2 / n_in instead of variance": (HE, "2.0 / n_in"),
        "Glorot variance 2 / (n_in + n_out)": (HE, "np.sqrt(2.0 / (n_in + n_out))"),
        "fan-out instead of fan-in": (HE, "np.sqrt(2.0 / n_out)"),
        "global np.random instead of rng": ("rng.normal(", "np.random.normal("),
        "W of shape (n_out, n_in)": ("size=(n_in, n_out)", "size=(n_out, n_in)"),
        "random biases": ("np.zeros(n_out)", f"rng.normal(0.0, {HE}, size=n_out)"),
        "uniform with the right variance": (
            f"rng.normal(0.0, {HE}, size=(n_in, n_out))",
            "rng.uniform(-np.sqrt(6.0 / n_in), np.sqrt(6.0 / n_in), size=(n_in, n_out))",
        ),
    },
    "forward": {
        "ReLU on the output layer too": (HIDDEN, "np.maximum(Z, 0.0)"),
        "bias forgotten": ("Z = A @ W + b", "Z = A @ W"),
        "caches the activation instead of the pre-activation": (
            f"        cache.append((A, Z))\n        A = {HIDDEN}",
            f"        A_out = {HIDDEN}\n        cache.append((A, A_out))\n        A = A_out",
        ),
        "no ReLU on the last hidden layer (off by one)": ("len(params) - 1", "len(params) - 2"),
        "W transposed": ("A @ W + b", "A @ W.T + b"),
        "sigmoid instead of ReLU": ("np.maximum(Z, 0.0)", "1.0 / (1.0 + np.exp(-Z))"),
    },
    "softmax_cross_entropy": {
        "no max subtraction (overflows)": ("shifted = logits - logits.max(axis=1, keepdims=True)", "shifted = logits"),
        "log of the probabilities (log(0) for large gaps)": (
            "loss = np.mean(log_norm - shifted[np.arange(n), y])",
            "loss = -np.mean(np.log(np.exp(shifted - log_norm[:, None])[np.arange(n), y]))",
        ),
        "log-probabilities of all classes, no one-hot selection": (
            "loss = np.mean(log_norm - shifted[np.arange(n), y])",
            "loss = -np.mean(np.sum(shifted - log_norm[:, None], axis=1))",
        ),
        "gradient not divided by the batch size": ("dlogits / n", "dlogits"),
        "summed instead of mean loss": [("loss = np.mean(", "loss = np.sum("), ("dlogits / n", "dlogits")],
        "maximum over the wrong axis": ("logits.max(axis=1, keepdims=True)", "logits.max(axis=0, keepdims=True)"),
    },
    "backward": {
        "ReLU derivative 1 everywhere": (MASK, ""),
        "dW transposed (G^T A)": ("A_in.T @ G", "G.T @ A_in"),
        "db summed over the wrong axis": ("G.sum(axis=0)", "G.sum(axis=1)"),
        "mask of the last hidden layer skipped": ("len(params) - 1:", "len(params) - 2:"),
        "ReLU mask applied to the linear output layer too": (MASK, "        G = G * (Z > 0)\n"),
        "divides by the batch size a second time": (LAYER_GRADS, "grads[l] = (A_in.T @ G / len(G), G.mean(axis=0))"),
        "gradients returned output layer first": [
            ("grads = [None] * len(params)", "grads = []"),
            (LAYER_GRADS, "grads.append((A_in.T @ G, G.sum(axis=0)))"),
        ],
    },
    "train_step": {
        "gradient ascent (+ lr)": (STEP, "(W + lr * dW, b + lr * db)"),
        "updates the arrays in place": (
            f"    new_params = [{STEP} for (W, b), (dW, db) in zip(params, grads)]\n",
            "    for (W, b), (dW, db) in zip(params, grads):\n        W -= lr * dW\n        b -= lr * db\n"
            "    new_params = params\n",
        ),
        "biases not updated": ("b - lr * db", "b"),
        "returns the loss after the update": (
            "return new_params, loss",
            "return new_params, softmax_cross_entropy(forward(new_params, X)[0], y)[0]",
        ),
        "learning rate divided by the batch size again": (STEP, "(W - lr / len(X) * dW, b - lr / len(X) * db)"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "init_mlp": {
        "for n_in, n_out in zip(sizes[:-1], sizes[1:]):  ->  for n_in, n_out in zip(sizes[:], sizes[1:]):": "zip stops at the shorter sizes[1:], so sizes[:] and sizes[:-1] pair the same layers",
    },
}
