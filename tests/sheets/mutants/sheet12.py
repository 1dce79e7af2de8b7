'''Plausible wrong answers to sheet12 (convolutional neural networks): each must fail its function's tests.'''

MUTANTS: dict[str, dict[str, str]] = {
    "conv_output_size": {
        "forgets the + 1": '''
def conv_output_size(n, k, stride=1, padding=0):
    return (n + 2 * padding - k) // stride
''',
        "padding counted on one side only": '''
def conv_output_size(n, k, stride=1, padding=0):
    return (n + padding - k) // stride + 1
''',
        "true division returns a float": '''
def conv_output_size(n, k, stride=1, padding=0):
    return (n + 2 * padding - k) / stride + 1
''',
        "rounds up (ceil) instead of dropping incomplete windows": '''
def conv_output_size(n, k, stride=1, padding=0):
    return -(-(n + 2 * padding - k) // stride) + 1
''',
        "stride divides the whole padded length": '''
def conv_output_size(n, k, stride=1, padding=0):
    return (n + 2 * padding) // stride - k + 1
''',
    },
    "im2col": {
        "rows ordered (kh, kw, C) instead of (C, kh, kw)": '''
def im2col(x, kh, kw, stride=1, padding=0):
    N, C, H, W = x.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    cols = np.empty((N, kh, kw, C, H_out, W_out), dtype=x.dtype)
    for u in range(kh):
        for v in range(kw):
            cols[:, u, v] = xp[:, :, u : u + stride * H_out : stride, v : v + stride * W_out : stride]
    return cols.reshape(N, C * kh * kw, H_out * W_out)
''',
        "stride ignored when slicing": '''
def im2col(x, kh, kw, stride=1, padding=0):
    N, C, H, W = x.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    cols = np.empty((N, C, kh, kw, H_out, W_out), dtype=x.dtype)
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u : u + H_out, v : v + W_out]
    return cols.reshape(N, C * kh * kw, H_out * W_out)
''',
        "padding only at the end (bottom/right)": '''
def im2col(x, kh, kw, stride=1, padding=0):
    N, C, H, W = x.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (0, 2 * padding), (0, 2 * padding)))
    cols = np.empty((N, C, kh, kw, H_out, W_out), dtype=x.dtype)
    for u in range(kh):
        for v in range(kw):
            cols[:, :, u, v] = xp[:, :, u : u + stride * H_out : stride, v : v + stride * W_out : stride]
    return cols.reshape(N, C * kh * kw, H_out * W_out)
''',
        "output positions column-major (l = j * H_out + i)": '''
def im2col(x, kh, kw, stride=1, padding=0):
    N, C, H, W = x.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    cols = np.empty((N, C, kh, kw, W_out, H_out), dtype=x.dtype)
    for u in range(kh):
        for v in range(kw):
            patch = xp[:, :, u : u + stride * H_out : stride, v : v + stride * W_out : stride]
            cols[:, :, u, v] = patch.transpose(0, 1, 3, 2)
    return cols.reshape(N, C * kh * kw, H_out * W_out)
''',
        "kernel offsets kw and kh swapped in the loops": '''
def im2col(x, kh, kw, stride=1, padding=0):
    N, C, H, W = x.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    cols = np.empty((N, C, kw, kh, H_out, W_out), dtype=x.dtype)
    for u in range(kh):
        for v in range(kw):
            cols[:, :, v, u] = xp[:, :, u : u + stride * H_out : stride, v : v + stride * W_out : stride]
    return cols.reshape(N, C * kh * kw, H_out * W_out)
''',
    },
    "conv2d": {
        "kernel flipped (true convolution)": '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    N, _, H, W = x.shape
    C_out, _, kh, kw = weight.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    out = weight[:, :, ::-1, ::-1].reshape(C_out, -1) @ im2col(x, kh, kw, stride, padding)
    if bias is not None:
        out = out + bias[:, None]
    return out.reshape(N, C_out, H_out, W_out)
''',
        "bias added along the last axis instead of per channel": '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    N, _, H, W = x.shape
    C_out, _, kh, kw = weight.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    out = (weight.reshape(C_out, -1) @ im2col(x, kh, kw, stride, padding)).reshape(N, C_out, H_out, W_out)
    if bias is not None:
        out = out + bias[: out.shape[-1]]
    return out
''',
        "output channels and positions mixed up by the reshape": '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    N, _, H, W = x.shape
    C_out, _, kh, kw = weight.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    out = im2col(x, kh, kw, stride, padding).transpose(0, 2, 1) @ weight.reshape(C_out, -1).T
    if bias is not None:
        out = out + bias
    return out.reshape(N, C_out, H_out, W_out)
''',
        "kernel flattened in (kh, kw, C_in) order": '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    N, _, H, W = x.shape
    C_out, _, kh, kw = weight.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    out = weight.transpose(0, 2, 3, 1).reshape(C_out, -1) @ im2col(x, kh, kw, stride, padding)
    if bias is not None:
        out = out + bias[:, None]
    return out.reshape(N, C_out, H_out, W_out)
''',
        "bias forgotten": '''
def conv2d(x, weight, bias=None, stride=1, padding=0):
    N, _, H, W = x.shape
    C_out, _, kh, kw = weight.shape
    H_out = conv_output_size(H, kh, stride, padding)
    W_out = conv_output_size(W, kw, stride, padding)
    out = weight.reshape(C_out, -1) @ im2col(x, kh, kw, stride, padding)
    return out.reshape(N, C_out, H_out, W_out)
''',
    },
    "max_pool2d": {
        "mean instead of max (average pooling)": '''
def max_pool2d(x, k):
    N, C, H, W = x.shape
    H_out, W_out = H // k, W // k
    x = x[:, :, : H_out * k, : W_out * k]
    return x.reshape(N, C, H_out, k, W_out, k).mean(axis=(3, 5))
''',
        "reshape groups strided pixels (k, H_out) instead of neighbours": '''
def max_pool2d(x, k):
    N, C, H, W = x.shape
    H_out, W_out = H // k, W // k
    x = x[:, :, : H_out * k, : W_out * k]
    return x.reshape(N, C, k, H_out, k, W_out).max(axis=(2, 4))
''',
        "overlapping windows (stride 1), then subsampled wrongly": '''
def max_pool2d(x, k):
    N, C, H, W = x.shape
    H_out, W_out = H // k, W // k
    out = np.empty((N, C, H_out, W_out), dtype=x.dtype)
    for i in range(H_out):
        for j in range(W_out):
            out[:, :, i, j] = x[:, :, i : i + k, j : j + k].max(axis=(2, 3))
    return out
''',
        "zero padding to a multiple of k instead of cropping": '''
def max_pool2d(x, k):
    N, C, H, W = x.shape
    H_out, W_out = -(-H // k), -(-W // k)
    x = np.pad(x, ((0, 0), (0, 0), (0, H_out * k - H), (0, W_out * k - W)))
    return x.reshape(N, C, H_out, k, W_out, k).max(axis=(3, 5))
''',
        "max also over the channels": '''
def max_pool2d(x, k):
    N, C, H, W = x.shape
    H_out, W_out = H // k, W // k
    x = x[:, :, : H_out * k, : W_out * k]
    pooled = x.reshape(N, C, H_out, k, W_out, k).max(axis=(3, 5))
    return np.broadcast_to(pooled.max(axis=1, keepdims=True), pooled.shape)
''',
    },
    "translation_equivariance_error": {
        "measures invariance f(Tx) vs f(x)": '''
def translation_equivariance_error(layer, x, shift):
    fx = layer(x)
    return float(np.linalg.norm(layer(np.roll(x, shift, axis=(2, 3))) - fx) / np.linalg.norm(fx))
''',
        "np.roll without axis (flattened roll)": '''
def translation_equivariance_error(layer, x, shift):
    fx = layer(x)
    s = shift[0] * x.shape[-1] + shift[1]
    return float(np.linalg.norm(layer(np.roll(x, s)) - np.roll(fx, s)) / np.linalg.norm(fx))
''',
        "shifts the channel and height axes": '''
def translation_equivariance_error(layer, x, shift):
    fx = layer(x)
    diff = layer(np.roll(x, shift, axis=(1, 2))) - np.roll(fx, shift, axis=(1, 2))
    return float(np.linalg.norm(diff) / np.linalg.norm(fx))
''',
        "output shifted in the opposite direction": '''
def translation_equivariance_error(layer, x, shift):
    fx = layer(x)
    back = (-shift[0], -shift[1])
    diff = layer(np.roll(x, shift, axis=(2, 3))) - np.roll(fx, back, axis=(2, 3))
    return float(np.linalg.norm(diff) / np.linalg.norm(fx))
''',
        "absolute instead of relative error": '''
def translation_equivariance_error(layer, x, shift):
    fx = layer(x)
    return float(np.linalg.norm(layer(np.roll(x, shift, axis=(2, 3))) - np.roll(fx, shift, axis=(2, 3))))
''',
        "normalised by the input norm": '''
def translation_equivariance_error(layer, x, shift):
    fx = layer(x)
    diff = layer(np.roll(x, shift, axis=(2, 3))) - np.roll(fx, shift, axis=(2, 3))
    return float(np.linalg.norm(diff) / np.linalg.norm(x))
''',
    },
}
