"""Plausible wrong answers to sheet21 (orbital-free DFT), as edits on the reference: each must fail its function's
tests."""

from tests.sheets.harness import Edit

ENERGY = "return n, np.sum(eps[:n_electrons]) - h * np.sum(v * n)"
GRAD = "return grad.numpy() / h"
STEP = "        n = project_density(n - lr * g, h, n_electrons)\n"
TAU = "excess[rho] / (rho + 1)"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "solve_box": {
        "orbitals not rescaled by sqrt(h)": ("psi[:, :n_electrons] / np.sqrt(h)", "psi[:, :n_electrons]"),
        "rows of eigh taken as orbitals": ("psi[:, :n_electrons]", "psi[:n_electrons].T"),
        "two fermions per orbital (spin)": ("n = np.sum(psi ** 2, axis=1)", "n = 2 * np.sum(psi ** 2, axis=1)"),
        "T as the sum of eigenvalues (potential energy not removed)": (ENERGY, "return n, np.sum(eps[:n_electrons])"),
        "diagonal 2 / h^2 (the full -d^2/dx^2)": ("np.diag(1.0 / h ** 2 + v)", "np.diag(2.0 / h ** 2 + v)"),
        "potential energy without h": (ENERGY, "return n, np.sum(eps[:n_electrons]) - np.sum(v * n)"),
        "the highest orbitals": ("psi[:, :n_electrons]", "psi[:, -n_electrons:]"),
    },
    "von_weizsacker": {
        "no walls (no padding)": ("torch.nn.functional.pad(torch.sqrt(n), (1, 1))", "torch.sqrt(n)"),
        "differences of n, not of sqrt(n)": ("torch.sqrt(n)", "n"),
        "1 / h instead of 1 / 2h": ("/ (2 * h)", "/ h"),
        "times h (an integral of the squared difference)": ("/ (2 * h)", "* h / 2"),
    },
    "functional_derivative": {
        "the gradient, not divided by h": (GRAD, "return grad.numpy()"),
        "multiplied by h": (GRAD, "return grad.numpy() * h"),
        "float32 tensor": ("dtype=torch.float64", "dtype=torch.float32"),
        "returns a torch tensor": (GRAD, "return grad / h"),
    },
    "fit_krr": {
        "distance without h": ("squared = h * np.sum(", "squared = np.sum("),
        "no regularisation": ("K + lam * np.eye(len(D))", "K"),
        "kernel width sigma instead of sigma^2": ("(2 * sigma ** 2)", "(2 * sigma)"),
        "Euclidean distance instead of its square": ("K = np.exp(-squared", "K = np.exp(-np.sqrt(squared)"),
        "lam added to every entry": ("K + lam * np.eye(len(D))", "K + lam"),
    },
    "project_density": {
        "clipping and rescaling instead of projecting": (
            f"    return np.maximum(n - {TAU}, 0.0)",
            "    m = np.maximum(n, 0.0)\n    return m * n_electrons / (h * m.sum())"),
        "sorted ascending": ("u = np.sort(n)[::-1]", "u = np.sort(n)"),
        "shift by the mean excess (ignores the clipping)": (
            f"    return np.maximum(n - {TAU}, 0.0)",
            "    return np.maximum(n - (n.sum() - n_electrons / h) / len(n), 0.0)"),
        "divides by rho instead of rho + 1 (counting from 0)": (TAU, "excess[rho] / max(rho, 1)"),
        "particle number without h": ("n_electrons / h", "n_electrons"),
        "the first j instead of the largest": ("> 0)[0][-1]", "> 0)[0][0]"),
    },
    "minimise_density": {
        "gradient ascent": ("n - lr * g", "n + lr * g"),
        "forgets the potential": ("g = functional_derivative(T_func, n, h) + v", "g = functional_derivative(T_func, n, h)"),
        "one step too many": ("range(n_steps)", "range(n_steps + 1)"),
        "n0 not projected first": ("    n = project_density(n0, h, n_electrons)\n",
                                   "    n = np.asarray(n0, dtype=float)\n"),
        "basis ignored": ("            g = basis.T @ (basis @ g)\n", "            pass\n"),
        "projected only at the end": [(STEP, "        n = n - lr * g\n"),
                                      ("    return n\n", "    return project_density(n, h, n_electrons)\n")],
        "potential without the factor h in the derivative": ("+ v\n", "+ h * v\n"),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {
    "solve_box": {
        "off = np.full(len(v) - 1, -0.5 / h ** 2)  ->  off = np.full(len(v) - 1, 0.5 / h ** 2)":
            "flipping every off-diagonal sign is the similarity transform by diag((-1)^i): the same eigenvalues, "
            "orbitals with alternating signs, hence the same density and kinetic energy",
    },
    "von_weizsacker": {
        "psi = torch.nn.functional.pad(torch.sqrt(n), (1, 1))  ->  psi = torch.nn.functional.pad(torch.sqrt(n), (2, 1))":
            "a second zero outside the wall adds the difference 0 - 0",
        "psi = torch.nn.functional.pad(torch.sqrt(n), (1, 1))  ->  psi = torch.nn.functional.pad(torch.sqrt(n), (1, 2))":
            "a second zero outside the wall adds the difference 0 - 0",
    },
}
