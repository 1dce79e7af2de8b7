'''Plausible wrong answers to sheet13 (attention and transformers): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "softmax": {
        "no maximum subtracted (overflows)": '''
def softmax(x, axis=-1):
    e = np.exp(x)
    return e / np.sum(e, axis=axis, keepdims=True)
''',
        "one global maximum for the whole array": '''
def softmax(x, axis=-1):
    e = np.exp(x - np.max(x))
    return e / np.sum(e, axis=axis, keepdims=True)
''',
        "axis argument ignored": '''
def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
''',
        "normalised over the whole array": '''
def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e)
''',
        "maximum without keepdims": '''
def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis))
    return e / np.sum(e, axis=axis, keepdims=True)
''',
    },
    "scaled_dot_product_attention": {
        "scaled by d instead of sqrt(d)": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / Q.shape[-1]
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights
''',
        "no scaling": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights
''',
        "scaled by sqrt(d_v)": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(V.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights
''',
        "softmax over the queries": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-2)
    return weights @ V, weights
''',
        "mask applied after the softmax, not renormalised": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    weights = softmax(scores, axis=-1)
    if mask is not None:
        weights = np.where(mask, weights, 0.0)
    return weights @ V, weights
''',
        "mask polarity inverted": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, -np.inf, scores)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights
''',
        "K.T on batched arrays": '''
def scaled_dot_product_attention(Q, K, V, mask=None):
    scores = Q @ K.T / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ V, weights
''',
    },
    "causal_mask": {
        "upper triangle (attends to the future)": '''
def causal_mask(L):
    return np.triu(np.ones((L, L), dtype=bool))
''',
        "strictly lower triangle (not itself)": '''
def causal_mask(L):
    return np.tril(np.ones((L, L), dtype=bool), k=-1)
''',
        "float 0/1 instead of bool": '''
def causal_mask(L):
    return np.tril(np.ones((L, L)))
''',
        "torch convention (True = masked out)": '''
def causal_mask(L):
    return np.triu(np.ones((L, L), dtype=bool), k=1)
''',
    },
    "multi_head_attention": {
        "heads split along the sequence axis": '''
def multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, mask=None):
    *batch, L, D = X.shape
    d_h = D // n_heads
    def split(Y):
        return Y.reshape(*batch, n_heads, L, d_h)
    heads, weights = scaled_dot_product_attention(split(X @ W_q), split(X @ W_k), split(X @ W_v), mask)
    return heads.reshape(*batch, L, D) @ W_o, weights
''',
        "heads merged without swapping back": '''
def multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, mask=None):
    *batch, L, D = X.shape
    d_h = D // n_heads
    def split(Y):
        return np.swapaxes(Y.reshape(*batch, L, n_heads, d_h), -2, -3)
    heads, weights = scaled_dot_product_attention(split(X @ W_q), split(X @ W_k), split(X @ W_v), mask)
    return heads.reshape(*batch, L, D) @ W_o, weights
''',
        "forgets W_o": '''
def multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, mask=None):
    *batch, L, D = X.shape
    d_h = D // n_heads
    def split(Y):
        return np.swapaxes(Y.reshape(*batch, L, n_heads, d_h), -2, -3)
    heads, weights = scaled_dot_product_attention(split(X @ W_q), split(X @ W_k), split(X @ W_v), mask)
    return np.swapaxes(heads, -2, -3).reshape(*batch, L, D), weights
''',
        "weights applied transposed (torch's x @ W^T)": '''
def multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, mask=None):
    *batch, L, D = X.shape
    d_h = D // n_heads
    def split(Y):
        return np.swapaxes(Y.reshape(*batch, L, n_heads, d_h), -2, -3)
    heads, weights = scaled_dot_product_attention(split(X @ W_q.T), split(X @ W_k.T), split(X @ W_v.T), mask)
    return np.swapaxes(heads, -2, -3).reshape(*batch, L, D) @ W_o.T, weights
''',
        "scores scaled by sqrt(D) instead of sqrt(d_h)": '''
def multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, mask=None):
    *batch, L, D = X.shape
    d_h = D // n_heads
    def split(Y):
        return np.swapaxes(Y.reshape(*batch, L, n_heads, d_h), -2, -3)
    Q, K, V = split(X @ W_q), split(X @ W_k), split(X @ W_v)
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(D)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-1)
    heads = weights @ V
    return np.swapaxes(heads, -2, -3).reshape(*batch, L, D) @ W_o, weights
''',
    },
    "sinusoidal_positional_encoding": {
        "sin and cos swapped": '''
def sinusoidal_positional_encoding(L, d):
    angles = np.arange(L)[:, None] / 10000.0 ** (np.arange(0, d, 2) / d)
    P = np.zeros((L, d))
    P[:, 0::2] = np.cos(angles)
    P[:, 1::2] = np.sin(angles)
    return P
''',
        "exponent i/d with the pair index i": '''
def sinusoidal_positional_encoding(L, d):
    angles = np.arange(L)[:, None] / 10000.0 ** (np.arange(d // 2) / d)
    P = np.zeros((L, d))
    P[:, 0::2] = np.sin(angles)
    P[:, 1::2] = np.cos(angles)
    return P
''',
        "exponent 2j/d with the column index j": '''
def sinusoidal_positional_encoding(L, d):
    angles = np.arange(L)[:, None] / 10000.0 ** (2 * np.arange(0, d, 2) / d)
    P = np.zeros((L, d))
    P[:, 0::2] = np.sin(angles)
    P[:, 1::2] = np.cos(angles)
    return P
''',
        "sines and cosines in two halves": '''
def sinusoidal_positional_encoding(L, d):
    angles = np.arange(L)[:, None] / 10000.0 ** (np.arange(0, d, 2) / d)
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
''',
        "positions start at 1": '''
def sinusoidal_positional_encoding(L, d):
    angles = np.arange(1, L + 1)[:, None] / 10000.0 ** (np.arange(0, d, 2) / d)
    P = np.zeros((L, d))
    P[:, 0::2] = np.sin(angles)
    P[:, 1::2] = np.cos(angles)
    return P
''',
        "multiplied by the frequency denominator": '''
def sinusoidal_positional_encoding(L, d):
    angles = np.arange(L)[:, None] * 10000.0 ** (np.arange(0, d, 2) / d)
    P = np.zeros((L, d))
    P[:, 0::2] = np.sin(angles)
    P[:, 1::2] = np.cos(angles)
    return P
''',
    },
}
