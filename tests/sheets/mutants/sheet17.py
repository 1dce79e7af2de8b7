"""Plausible wrong answers to sheet17 (a character-level language model), as edits on the reference: each must fail
its function's tests."""

from tests.sheets.harness import Edit

SCALE = " / math.sqrt(W_k.shape[-1])"
MASKED = '    scores = scores.masked_fill(~mask, float("-inf"))\n    return torch.softmax(scores, dim=-1) @ v'
NLL = "float(torch.exp(nll.mean()))"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "tokeniser": {
        "no unknown token at index 0": ("[UNK] + sorted(set(text))", "sorted(set(text))"),
        "characters in order of first appearance": ("sorted(set(text))", "list(dict.fromkeys(text))"),
        "unknown characters get the last id": ("stoi.get(ch, 0)", "stoi.get(ch, len(itos) - 1)"),
        "id 0 decodes to '<unk>'": ("unk if int(i) == 0 else itos[int(i)]", "itos[int(i)]"),
        "dtype left to torch (an empty text gives float)": (", dtype=torch.long)", ")"),
        "encode returns a list": (
            "torch.tensor([stoi.get(ch, 0) for ch in text], dtype=torch.long)",
            "[stoi.get(ch, 0) for ch in text]",
        ),
    },
    "causal_self_attention": {
        "scaled by sqrt(C)": ("math.sqrt(W_k.shape[-1])", "math.sqrt(x.shape[-1])"),
        "scaled by sqrt(d_v)": ("math.sqrt(W_k.shape[-1])", "math.sqrt(W_v.shape[-1])"),
        "no scaling": (SCALE, ""),
        "upper triangle (sees the future)": ("torch.tril(", "torch.triu("),
        "strictly lower triangle (not itself)": (
            "torch.ones(T, T, dtype=torch.bool))",
            "torch.ones(T, T, dtype=torch.bool), diagonal=-1)",
        ),
        "mask applied after the softmax, not renormalised": (MASKED, "    return (torch.softmax(scores, dim=-1) * mask) @ v"),
        "softmax over the queries": ("torch.softmax(scores, dim=-1)", "torch.softmax(scores, dim=-2)"),
    },
    "get_batch": {
        "start up to N - block_size (the last target overruns)": (
            "torch.randint(len(data) - block_size,", "torch.randint(len(data) - block_size + 1,"),
        "the last window never drawn": ("torch.randint(len(data) - block_size,", "torch.randint(len(data) - block_size - 1,"),
        "targets not shifted": ("data[i + 1:i + 1 + block_size]", "data[i:i + block_size]"),
        "global random numbers, generator ignored": ("(batch_size,), generator=generator)", "(batch_size,))"),
        "one start for the whole batch": (
            "torch.randint(len(data) - block_size, (batch_size,), generator=generator)",
            "torch.randint(len(data) - block_size, (1,), generator=generator).repeat(batch_size)",
        ),
    },
    "perplexity": {
        "log of softmax (-inf for large logits)": ("torch.log_softmax(logits, dim=-1)", "torch.log(torch.softmax(logits, dim=-1))"),
        "exp of the summed NLL": (NLL, "float(torch.exp(nll.sum()))"),
        "mean of the per-token perplexities": (NLL, "float(torch.exp(nll).mean())"),
        "returns the NLL": (NLL, "float(nll.mean())"),
        "softmax over the first axis": ("torch.log_softmax(logits, dim=-1)", "torch.log_softmax(logits, dim=0)"),
    },
    "sample": {
        "logits multiplied by the temperature": ("torch.softmax(logits / temperature, dim=-1)", "torch.softmax(logits * temperature, dim=-1)"),
        "generator ignored": ("num_samples=1, generator=generator)", "num_samples=1)"),
        "the whole context, not the last block_size ids": ("model(ids[-block_size:][None])", "model(ids[None])"),
        "the first position's logits": ("[None])[0, -1]", "[None])[0, 0]"),
        "temperature 0 divides by zero": ("if temperature == 0:", "if temperature < 0:"),
        "returns only the new tokens": ("    return ids", "    return ids[len(context):]"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "causal_self_attention": {
        "scores = q @ k.transpose(-2, -1) / math.sqrt(W_k.shape[-1])  ->  scores = q @ k.transpose(-2, -1) / math.sqrt(W_k.shape[1])":
            "W_k is a (C, d_k) matrix by the sheet's contract: its axes 1 and -1 are the same",
    },
}
