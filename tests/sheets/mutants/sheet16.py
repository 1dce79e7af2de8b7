"""Plausible wrong answers to sheet16 (auto-encoders and PCA), as edits on the reference: each must fail its
function's tests."""

from tests.sheets.harness import Edit

SVD_AND_RETURN = "_, _, Vt = np.linalg.svd(X - mean, full_matrices=False)\n    return mean, Vt[:k].T"
UPDATES = "        W_enc = W_enc - lr * dW_enc\n        W_dec = W_dec - lr * dW_dec\n"
ANGLES = "return np.arccos(np.minimum(s, 1.0))"
AE_LOSS = "((model(X) - X) ** 2).sum(dim=1).mean()"
ADAM = "    optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "pca_basis": {
        "data not centred": ("np.linalg.svd(X - mean,", "np.linalg.svd(X,"),
        "the last k directions (smallest variance)": ("Vt[:k].T", "Vt[-k:].T"),
        "columns of Vt instead of its rows": ("Vt[:k].T", "Vt[:, :k]"),
        "left singular vectors U": (SVD_AND_RETURN, "U, _, _ = np.linalg.svd(X - mean, full_matrices=False)\n"
                                                    "    return mean, U[:, :k]"),
        "eigh of the covariance, ascending order kept": (
            SVD_AND_RETURN, "_, vectors = np.linalg.eigh(np.cov((X - mean).T))\n    return mean, vectors[:, :k]"),
    },
    "linear_ae_loss_and_grads": {
        "mean over all n * d entries": ("np.sum(R ** 2) / n", "np.mean(R ** 2)"),
        "factor 2 of the square forgotten": [("dW_dec = 2.0 / n", "dW_dec = 1.0 / n"),
                                             ("dW_enc = 2.0 / n", "dW_enc = 1.0 / n")],
        "residual of the wrong sign (X - X_hat) in the gradients": ("R = Z @ W_dec - X", "R = X - Z @ W_dec"),
        "sum instead of mean over the samples": [("np.sum(R ** 2) / n", "np.sum(R ** 2)"),
                                                 ("2.0 / n * Z", "2.0 * Z"), ("2.0 / n * X", "2.0 * X")],
        "dW_dec from the data instead of the code": ("2.0 / n * Z.T @ R", "2.0 / n * (X @ W_enc).T @ (X - Z @ W_dec)"),
        "dW_enc without the decoder": ("X.T @ (R @ W_dec.T)", "X.T @ R[:, :W_dec.shape[0]]"),
    },
    "train_linear_ae": {
        "one step too few": ("range(n_steps)", "range(n_steps - 1)"),
        "loss recorded after the step": ("losses.append(loss)",
                                         "losses.append(linear_ae_loss_and_grads(X, W_enc, W_dec)[0])"),
        "decoder step at the new encoder": ("        W_dec = W_dec - lr * dW_dec\n",
                                            "        W_dec = W_dec - lr * linear_ae_loss_and_grads(X, W_enc, W_dec)[2]\n"),
        "updates the caller's arrays in place": (UPDATES, "        W_enc -= lr * dW_enc\n        W_dec -= lr * dW_dec\n"),
        "gradient ascent": (UPDATES, "        W_enc = W_enc + lr * dW_enc\n        W_dec = W_dec + lr * dW_dec\n"),
    },
    "principal_angles": {
        "no orthonormal bases": [("Q_A, _ = np.linalg.qr(A)\n", "Q_A = A\n"), ("Q_B, _ = np.linalg.qr(B)\n", "Q_B = B\n")],
        "no cap at 1 (nan for equal subspaces)": ("np.minimum(s, 1.0)", "s"),
        "degrees": (ANGLES, "return np.degrees(np.arccos(np.minimum(s, 1.0)))"),
        "scipy's decreasing order": (ANGLES, "return np.arccos(np.minimum(s, 1.0))[::-1]"),
        "cosines instead of angles": (ANGLES, "return np.minimum(s, 1.0)"),
        "arcsin instead of arccos": ("np.arccos(", "np.arcsin("),
    },
    "train_autoencoder": {
        "SGD instead of Adam": ("torch.optim.Adam(", "torch.optim.SGD("),
        "mean over all entries (torch's default MSE)": (AE_LOSS, "torch.nn.functional.mse_loss(model(X), X)"),
        "no zero_grad (gradients accumulate)": ("        optimizer.zero_grad()\n", ""),
        "a new optimizer every step": [(ADAM, ""), ("        optimizer.zero_grad()\n",
                                                    f"    {ADAM}        optimizer.zero_grad()\n")],
        "one step too few": ("range(n_steps)", "range(n_steps - 1)"),
        "loss recorded after the step": ("losses.append(loss.item())", f"losses.append({AE_LOSS}.item())"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "pca_basis": {
        "_, _, Vt = np.linalg.svd(X - mean, full_matrices=False)  ->  _, _, Vt = np.linalg.svd((mean - X), full_matrices=False)": "the SVD of -X_c has the right singular vectors of X_c up to their signs, which are arbitrary for principal directions",
    },
}
