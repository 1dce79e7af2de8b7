'''Plausible wrong answers to sheet15 (graph neural networks, group averaging): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "normalized_adjacency": {
        "self-loops forgotten": '''
def normalized_adjacency(A):
    s = 1.0 / np.sqrt(np.maximum(A.sum(axis=1), 1e-12))
    return s[:, None] * A * s[None, :]
''',
        "random-walk normalisation D^-1 (A + I)": '''
def normalized_adjacency(A):
    A_tilde = A + np.eye(A.shape[0])
    return A_tilde / A_tilde.sum(axis=1, keepdims=True)
''',
        "degrees computed without self-loops": '''
def normalized_adjacency(A):
    A_tilde = A + np.eye(A.shape[0])
    s = 1.0 / np.sqrt(np.maximum(A.sum(axis=1), 1.0))
    return s[:, None] * A_tilde * s[None, :]
''',
        "column sums as degrees": '''
def normalized_adjacency(A):
    A_tilde = A + np.eye(A.shape[0])
    s = 1.0 / np.sqrt(A_tilde.sum(axis=0))
    return s[:, None] * A_tilde * s[None, :]
''',
        "adds the self-loops in place": '''
def normalized_adjacency(A):
    A += np.eye(A.shape[0])
    s = 1.0 / np.sqrt(A.sum(axis=1))
    return s[:, None] * A * s[None, :]
''',
        "normalised on one side only": '''
def normalized_adjacency(A):
    A_tilde = A + np.eye(A.shape[0])
    s = 1.0 / np.sqrt(A_tilde.sum(axis=1))
    return s[:, None] * A_tilde
''',
    },
    "gcn_layer": {
        "transposed weights": '''
def gcn_layer(A_hat, H, W, activation=None):
    out = A_hat @ H @ W.T
    return out if activation is None else activation(out)
''',
        "transposed propagation matrix": '''
def gcn_layer(A_hat, H, W, activation=None):
    out = A_hat.T @ H @ W
    return out if activation is None else activation(out)
''',
        "activation before propagation": '''
def gcn_layer(A_hat, H, W, activation=None):
    HW = H @ W
    if activation is not None:
        HW = activation(HW)
    return A_hat @ HW
''',
        "activation ignored": '''
def gcn_layer(A_hat, H, W, activation=None):
    return A_hat @ H @ W
''',
        "no propagation": '''
def gcn_layer(A_hat, H, W, activation=None):
    out = H @ W
    return out if activation is None else activation(out)
''',
    },
    "message_passing": {
        "aggregated at the source": '''
def message_passing(edges, H, W_msg, W_self):
    out = H @ W_self
    np.add.at(out, edges[:, 0], (H @ W_msg)[edges[:, 1]])
    return out
''',
        "mean instead of sum": '''
def message_passing(edges, H, W_msg, W_self):
    out = H @ W_self
    agg = np.zeros_like(out)
    np.add.at(agg, edges[:, 1], (H @ W_msg)[edges[:, 0]])
    count = np.bincount(edges[:, 1], minlength=H.shape[0])[:, None]
    return out + agg / np.maximum(count, 1)
''',
        "fancy-index += drops repeated targets": '''
def message_passing(edges, H, W_msg, W_self):
    out = H @ W_self
    out[edges[:, 1]] += (H @ W_msg)[edges[:, 0]]
    return out
''',
        "weights swapped": '''
def message_passing(edges, H, W_msg, W_self):
    out = H @ W_msg
    np.add.at(out, edges[:, 1], (H @ W_self)[edges[:, 0]])
    return out
''',
        "dense adjacency with 0/1 entries (duplicates lost)": '''
def message_passing(edges, H, W_msg, W_self):
    A = np.zeros((H.shape[0], H.shape[0]))
    A[edges[:, 1], edges[:, 0]] = 1.0
    return H @ W_self + A @ H @ W_msg
''',
        "self term forgotten": '''
def message_passing(edges, H, W_msg, W_self):
    out = np.zeros((H.shape[0], W_msg.shape[1]))
    np.add.at(out, edges[:, 1], (H @ W_msg)[edges[:, 0]])
    return out
''',
    },
    "graph_readout": {
        "reduces over features": '''
def graph_readout(H, mode="sum"):
    if mode == "sum":
        return H.sum(axis=1)
    if mode == "mean":
        return H.mean(axis=1)
    raise ValueError(mode)
''',
        "max when mean is asked": '''
def graph_readout(H, mode="sum"):
    if mode == "sum":
        return H.sum(axis=0)
    if mode == "mean":
        return H.max(axis=0)
    raise ValueError(mode)
''',
        "mode ignored": '''
def graph_readout(H, mode="sum"):
    return H.sum(axis=0)
''',
        "unknown mode falls back to mean": '''
def graph_readout(H, mode="sum"):
    if mode == "sum":
        return H.sum(axis=0)
    return H.mean(axis=0)
''',
    },
    "group_average": {
        "only half of the group": '''
def group_average(f, X, group):
    return np.mean([f(X @ g.T) for g in group[: max(1, len(group) // 2)]], axis=0)
''',
        "sum instead of mean": '''
def group_average(f, X, group):
    return np.sum([f(X @ g.T) for g in group], axis=0)
''',
        "transposed action X @ g": '''
def group_average(f, X, group):
    return np.mean([f(X @ g) for g in group], axis=0)
''',
        "averages the inputs instead of the outputs": '''
def group_average(f, X, group):
    return f(np.mean([X @ g.T for g in group], axis=0))
''',
        "identity element skipped": '''
def group_average(f, X, group):
    return np.mean([f(X @ g.T) for g in group if not np.allclose(g, np.eye(len(g)))], axis=0)
''',
    },
    "equivariant_average": {
        "output not transformed back": '''
def equivariant_average(F, X, group):
    return np.mean([F(X @ g.T) for g in group], axis=0)
''',
        "g instead of g^-1 on the output": '''
def equivariant_average(F, X, group):
    return np.mean([F(X @ g.T) @ g.T for g in group], axis=0)
''',
        "g.T used as the inverse": '''
def equivariant_average(F, X, group):
    return np.mean([F(X @ g.T) @ g for g in group], axis=0)
''',
        "row convention forgotten for the inverse": '''
def equivariant_average(F, X, group):
    return np.mean([F(X @ g.T) @ np.linalg.inv(g) for g in group], axis=0)
''',
        "sum instead of mean": '''
def equivariant_average(F, X, group):
    return np.sum([F(X @ g.T) @ np.linalg.inv(g).T for g in group], axis=0)
''',
    },
}
