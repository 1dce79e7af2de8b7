"""Plausible wrong answers to sheet12 (convolutional neural networks), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

SIZE = "(n + 2 * padding - k) // stride + 1"
COLS = "np.empty((N, C, kh, kw, H_out, W_out)"
WINDOW = "xp[:, :, u : u + stride * H_out : stride, v : v + stride * W_out : stride]"
POOL = "x.reshape(N, C, H_out, k, W_out, k).max(axis=(3, 5))"
ROLL = "np.roll(a, shift=tuple(shift), axis=(2, 3))"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "conv_output_size": {
        "forgets the + 1": ("// stride + 1", "// stride"),
        "padding counted on one side only": ("n + 2 * padding", "n + padding"),
        "true division returns a float": ("// stride", "/ stride"),
        "rounds up (ceil) instead of dropping incomplete windows": (SIZE, "-(-(n + 2 * padding - k) // stride) + 1"),
        "stride divides the whole padded length": (SIZE, "(n + 2 * padding) // stride - k + 1"),
    },
    "im2col": {
        "rows ordered (kh, kw, C) instead of (C, kh, kw)": [
            (COLS, "np.empty((N, kh, kw, C, H_out, W_out)"),
            ("cols[:, :, u, v] =", "cols[:, u, v] ="),
        ],
        "stride ignored when slicing": (WINDOW, "xp[:, :, u : u + H_out, v : v + W_out]"),
        "padding only at the end (bottom/right)": (
            "(padding, padding), (padding, padding)",
            "(0, 2 * padding), (0, 2 * padding)",
        ),
        "output positions column-major (l = j * H_out + i)": [
            (COLS, "np.empty((N, C, kh, kw, W_out, H_out)"),
            (WINDOW, WINDOW + ".transpose(0, 1, 3, 2)"),
        ],
        "kernel offsets kw and kh swapped in the loops": [
            ("np.empty((N, C, kh, kw,", "np.empty((N, C, kw, kh,"),
            ("cols[:, :, u, v] =", "cols[:, :, v, u] ="),
        ],
    },
    "conv2d": {
        "kernel flipped (true convolution)": (
            "weight.reshape(C_out, -1)",
            "weight[:, :, ::-1, ::-1].reshape(C_out, -1)",
        ),
        "bias added along the last axis instead of per channel": (
            "out = out + bias[:, None]",
            "out = out.reshape(N, C_out, H_out, W_out) + bias[:W_out]",
        ),
        "output channels and positions mixed up by the reshape": [
            (
                "out = weight.reshape(C_out, -1) @ im2col(x, kh, kw, stride, padding)",
                "out = im2col(x, kh, kw, stride, padding).transpose(0, 2, 1) @ weight.reshape(C_out, -1).T",
            ),
            ("bias[:, None]", "bias"),
        ],
        "kernel flattened in (kh, kw, C_in) order": (
            "weight.reshape(C_out, -1)",
            "weight.transpose(0, 2, 3, 1).reshape(C_out, -1)",
        ),
        "bias forgotten": ("        out = out + bias[:, None]\n", "        pass\n"),
    },
    "max_pool2d": {
        "mean instead of max (average pooling)": (".max(axis=(3, 5))", ".mean(axis=(3, 5))"),
        "reshape groups strided pixels (k, H_out) instead of neighbours": (
            POOL,
            "x.reshape(N, C, k, H_out, k, W_out).max(axis=(2, 4))",
        ),
        "overlapping windows (stride 1), then subsampled wrongly": (
            f"    x = x[:, :, : H_out * k, : W_out * k]\n    return {POOL}",
            "    out = np.empty((N, C, H_out, W_out), dtype=x.dtype)\n    for i in range(H_out):\n"
            "        for j in range(W_out):\n"
            "            out[:, :, i, j] = x[:, :, i : i + k, j : j + k].max(axis=(2, 3))\n"
            "    return out",
        ),
        "zero padding to a multiple of k instead of cropping": [
            ("H_out, W_out = H // k, W // k", "H_out, W_out = -(-H // k), -(-W // k)"),
            (
                "x = x[:, :, : H_out * k, : W_out * k]",
                "x = np.pad(x, ((0, 0), (0, 0), (0, H_out * k - H), (0, W_out * k - W)))",
            ),
        ],
        "max also over the channels": (
            f"return {POOL}",
            f"pooled = {POOL}\n    return np.broadcast_to(pooled.max(axis=1, keepdims=True), pooled.shape)",
        ),
    },
    "translation_equivariance_error": {
        "measures invariance f(Tx) vs f(x)": ("layer(T(x)) - T(fx)", "layer(T(x)) - fx"),
        "np.roll without axis (flattened roll)": (ROLL, "np.roll(a, shift=shift[0] * a.shape[-1] + shift[1])"),
        "shifts the channel and height axes": ("axis=(2, 3)", "axis=(1, 2)"),
        "output shifted in the opposite direction": (
            "- T(fx)",
            "- np.roll(fx, shift=(-shift[0], -shift[1]), axis=(2, 3))",
        ),
        "absolute instead of relative error": (" / np.linalg.norm(fx)", ""),
        "normalised by the input norm": ("/ np.linalg.norm(fx)", "/ np.linalg.norm(x)"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "translation_equivariance_error": {
        "return float(np.linalg.norm(layer(T(x)) - T(fx)) / np.linalg.norm(fx))  ->  return float(np.linalg.norm((T(fx) - layer(T(x)))) / np.linalg.norm(fx))": "a norm of a difference does not depend on its sign",
    },
}
