"""Plausible wrong answers to sheet15 (graph neural networks, group averaging), as edits on the reference: each must
fail its function's tests."""

from tests.sheets.harness import Edit

SELF_LOOPS = "A_tilde = np.asarray(A, dtype=float) + np.eye(A.shape[0])"
GCN = "    out = A_hat @ (H @ W)\n    return out if activation is None else activation(out)"
AGGREGATE = "    np.add.at(out, edges[:, 1], messages)\n"
INVERSE = "np.linalg.inv(g).T"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "normalized_adjacency": {
        "self-loops forgotten": (SELF_LOOPS, "A_tilde = np.asarray(A, dtype=float)"),
        "random-walk normalisation D^-1 (A + I)": (
            "return s[:, None] * A_tilde * s[None, :]",
            "return A_tilde / A_tilde.sum(axis=1, keepdims=True)",
        ),
        "degrees computed without self-loops": (
            "np.sqrt(A_tilde.sum(axis=1))",
            "np.sqrt(np.maximum(np.asarray(A, dtype=float).sum(axis=1), 1.0))",
        ),
        "column sums as degrees": ("A_tilde.sum(axis=1)", "A_tilde.sum(axis=0)"),
        "adds the self-loops in place": (
            SELF_LOOPS,
            "A += np.eye(A.shape[0])\n    A_tilde = np.asarray(A, dtype=float)",
        ),
        "normalised on one side only": ("s[:, None] * A_tilde * s[None, :]", "s[:, None] * A_tilde"),
    },
    "gcn_layer": {
        "transposed weights": ("(H @ W)", "(H @ W.T)"),
        "transposed propagation matrix": ("A_hat @ (H @ W)", "A_hat.T @ (H @ W)"),
        "activation before propagation": (
            GCN,
            "    out = H @ W if activation is None else activation(H @ W)\n    return A_hat @ out",
        ),
        "activation ignored": ("return out if activation is None else activation(out)", "return out"),
        "no propagation": ("A_hat @ (H @ W)", "H @ W"),
    },
    "message_passing": {
        "aggregated at the source": [
            ("(H @ W_msg)[edges[:, 0]]", "(H @ W_msg)[edges[:, 1]]"),
            (AGGREGATE, AGGREGATE.replace("[:, 1]", "[:, 0]")),
        ],
        "mean instead of sum": (
            AGGREGATE,
            "    agg = np.zeros_like(out)\n    np.add.at(agg, edges[:, 1], messages)\n"
            "    out = out + agg / np.maximum(np.bincount(edges[:, 1], minlength=H.shape[0]), 1)[:, None]\n",
        ),
        "fancy-index += drops repeated targets": (AGGREGATE, "    out[edges[:, 1]] += messages\n"),
        "weights swapped": [
            ("(H @ W_msg)[edges[:, 0]]", "(H @ W_self)[edges[:, 0]]"),
            ("out = H @ W_self\n", "out = H @ W_msg\n"),
        ],
        "dense adjacency with 0/1 entries (duplicates lost)": (
            AGGREGATE,
            "    A = np.zeros((H.shape[0], H.shape[0]))\n    A[edges[:, 1], edges[:, 0]] = 1.0\n"
            "    out = out + A @ (H @ W_msg)\n",
        ),
        "self term forgotten": ("out = H @ W_self\n", "out = np.zeros((H.shape[0], W_msg.shape[1]))\n"),
    },
    "graph_readout": {
        "reduces over features": [("H.sum(axis=0)", "H.sum(axis=1)"), ("H.mean(axis=0)", "H.mean(axis=1)")],
        "max when mean is asked": ("H.mean(axis=0)", "H.max(axis=0)"),
        "mode ignored": ('    if mode == "sum":\n        return H.sum(axis=0)\n', "    return H.sum(axis=0)\n"),
        "unknown mode falls back to mean": (
            '    if mode == "mean":\n        return H.mean(axis=0)\n    raise ValueError(f"unknown mode {mode!r}")',
            "    return H.mean(axis=0)",
        ),
    },
    "group_average": {
        "only half of the group": ("for g in group]", "for g in group[: max(1, len(group) // 2)]]"),
        "sum instead of mean": ("np.mean(", "np.sum("),
        "transposed action X @ g": ("f(X @ g.T)", "f(X @ g)"),
        "averages the inputs instead of the outputs": (
            "np.mean([f(X @ g.T) for g in group], axis=0)",
            "f(np.mean([X @ g.T for g in group], axis=0))",
        ),
        "identity element skipped": ("for g in group]", "for g in group if not np.allclose(g, np.eye(len(g)))]"),
    },
    "equivariant_average": {
        "output not transformed back": (f" @ {INVERSE}", ""),
        "g instead of g^-1 on the output": (INVERSE, "g.T"),
        "g.T used as the inverse": (INVERSE, "g"),
        "row convention forgotten for the inverse": (INVERSE, "np.linalg.inv(g)"),
        "sum instead of mean": ("np.mean(", "np.sum("),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "normalized_adjacency": {
        "A_tilde = np.asarray(A, dtype=float) + np.eye(A.shape[0])  ->  A_tilde = np.asarray(A, dtype=float) + np.eye(A.shape[1])": "A is square (n, n)",
    },
    "message_passing": {
        "edges = np.asarray(edges, dtype=int).reshape(-1, 2)  ->  pass": "the sheet passes the edges as an (E, 2) integer array, on which asarray and reshape are no-ops",
        "edges = np.asarray(edges, dtype=int).reshape(-1, 2)  ->  edges = np.asarray(edges, dtype=int).reshape(-2, 2)": "reshape(-2, 2): NumPy reads any negative size as 'infer', like -1",
        "out = out.astype(np.result_type(out, messages), copy=True)  ->  out = out.astype(np.result_type(out, messages))": "astype copies by default, copy=True only says so",
        "out = out.astype(np.result_type(out, messages), copy=True)  ->  out = out.astype(np.result_type(messages, out), copy=True)": "np.result_type does not depend on the order of its arguments",
    },
}
