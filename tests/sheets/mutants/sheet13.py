"""Plausible wrong answers to sheet13 (attention and transformers), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

MAXIMUM = "np.max(x, axis=axis, keepdims=True)"
NORMALISER = "np.sum(e, axis=axis, keepdims=True)"
SCALE = "/ np.sqrt(Q.shape[-1])"
MERGE = "merged = np.swapaxes(heads, -2, -3).reshape(*batch, L, D)"
PROJECTIONS = "split(X @ W_q), split(X @ W_k), split(X @ W_v)"
SIN_COS = "    P[:, 0::2] = np.sin(angles)\n    P[:, 1::2] = np.cos(angles)\n"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "softmax": {
        "no maximum subtracted (overflows)": (f"np.exp(x - {MAXIMUM})", "np.exp(x)"),
        "one global maximum for the whole array": (MAXIMUM, "np.max(x)"),
        "axis argument ignored": [
            (MAXIMUM, "np.max(x, axis=-1, keepdims=True)"),
            (NORMALISER, "np.sum(e, axis=-1, keepdims=True)"),
        ],
        "normalised over the whole array": (NORMALISER, "np.sum(e)"),
        "maximum without keepdims": (MAXIMUM, "np.max(x, axis=axis)"),
    },
    "scaled_dot_product_attention": {
        "scaled by d instead of sqrt(d)": (SCALE, "/ Q.shape[-1]"),
        "no scaling": (f" {SCALE}", ""),
        "scaled by sqrt(d_v)": ("np.sqrt(Q.shape[-1])", "np.sqrt(V.shape[-1])"),
        "softmax over the queries": ("softmax(scores, axis=-1)", "softmax(scores, axis=-2)"),
        "mask applied after the softmax, not renormalised": (
            "        scores = np.where(mask, scores, -np.inf)\n    weights = softmax(scores, axis=-1)",
            "        pass\n    weights = softmax(scores, axis=-1)\n    if mask is not None:\n"
            "        weights = np.where(mask, weights, 0.0)",
        ),
        "mask polarity inverted": ("np.where(mask, scores, -np.inf)", "np.where(mask, -np.inf, scores)"),
        "K.T on batched arrays": ("np.swapaxes(K, -1, -2)", "K.T"),
    },
    "causal_mask": {
        "upper triangle (attends to the future)": ("np.tril(", "np.triu("),
        "strictly lower triangle (not itself)": ("dtype=bool))", "dtype=bool), k=-1)"),
        "float 0/1 instead of bool": ("np.ones((L, L), dtype=bool)", "np.ones((L, L))"),
        "torch convention (True = masked out)": (
            "np.tril(np.ones((L, L), dtype=bool))",
            "np.triu(np.ones((L, L), dtype=bool), k=1)",
        ),
    },
    "multi_head_attention": {
        "heads split along the sequence axis": [
            (
                "return np.swapaxes(Y.reshape(*batch, L, n_heads, d_h), -2, -3)",
                "return Y.reshape(*batch, n_heads, L, d_h)",
            ),
            (MERGE, "merged = heads.reshape(*batch, L, D)"),
        ],
        "heads merged without swapping back": (MERGE, "merged = heads.reshape(*batch, L, D)"),
        "forgets W_o": ("return merged @ W_o, weights", "return merged, weights"),
        "weights applied transposed (torch's x @ W^T)": [
            (PROJECTIONS, "split(X @ W_q.T), split(X @ W_k.T), split(X @ W_v.T)"),
            ("merged @ W_o", "merged @ W_o.T"),
        ],
        "scores scaled by sqrt(D) instead of sqrt(d_h)": ("split(X @ W_q),", "split(X @ W_q) * np.sqrt(d_h / D),"),
    },
    "sinusoidal_positional_encoding": {
        "sin and cos swapped": (SIN_COS, "    P[:, 0::2] = np.cos(angles)\n    P[:, 1::2] = np.sin(angles)\n"),
        "exponent i/d with the pair index i": ("np.arange(0, d, 2) / d", "np.arange(d // 2) / d"),
        "exponent 2j/d with the column index j": ("(np.arange(0, d, 2) / d)", "(2 * np.arange(0, d, 2) / d)"),
        "sines and cosines in two halves": (
            f"    P = np.zeros((L, d))\n{SIN_COS}    return P",
            "    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)",
        ),
        "positions start at 1": ("np.arange(L)[:, None]", "np.arange(1, L + 1)[:, None]"),
        "multiplied by the frequency denominator": (
            "np.arange(L)[:, None] / 10000.0",
            "np.arange(L)[:, None] * 10000.0",
        ),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "softmax": {
        "x = np.asarray(x, dtype=float)  ->  pass": "asarray is a no-op on the float arrays the functions are given, and integer arrays promote to float in the arithmetic",
    },
    "scaled_dot_product_attention": {
        "weights = softmax(scores, axis=-1)  ->  weights = softmax(scores)": "softmax's default axis is -1",
    },
    "sinusoidal_positional_encoding": {
        "P[:, 0::2] = np.sin(angles)  ->  P[:, ::2] = np.sin(angles)": "0::2 and ::2 are the same slice",
    },
}
