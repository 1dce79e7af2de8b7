"""Plausible wrong answers to sheet20 (spherical harmonics and tensor products), as edits on the reference: each
must fail its function's tests."""

from tests.sheets.harness import Edit

NEGATIVE = "Y.append(np.sqrt(2) * (-1) ** m * c.imag)"
POSITIVE = "Y.append(np.sqrt(2) * (-1) ** m * c.real)"
ANGLES = "theta = np.arctan2(np.hypot(x, y), z)  # polar angle\n    phi = np.arctan2(y, x)  # azimuth"
LSTSQ = "np.linalg.lstsq(A, B, rcond=None)[0].T"
KRON = "np.kron(np.kron(wigner_d(l1, R), wigner_d(l2, R)), wigner_d(l, R))"
EIGEN = "np.linalg.eigh(M)[1][:, 0]"
SIGN = "    C *= np.sign(C[np.abs(C) > 1e-6][0])\n"

MUTANTS: dict[str, dict[str, Edit | list[Edit]]] = {
    "real_sph_harm": {
        "no Condon-Shortley correction (-1)^m": [(NEGATIVE, "Y.append(np.sqrt(2) * c.imag)"),
                                                 (POSITIVE, "Y.append(np.sqrt(2) * c.real)")],
        "without the factor sqrt(2)": [(NEGATIVE, "Y.append((-1) ** m * c.imag)"),
                                       (POSITIVE, "Y.append((-1) ** m * c.real)")],
        "scipy's angles swapped (azimuth as polar angle)": ("sph_harm_y(l, abs(m), theta, phi)",
                                                            "sph_harm_y(l, abs(m), phi, theta)"),
        "real and imaginary parts swapped (m < 0 gets Re)": [(NEGATIVE, "Y.append(np.sqrt(2) * (-1) ** m * c.IMAG)"),
                                                             (POSITIVE, "Y.append(np.sqrt(2) * (-1) ** m * c.imag)"),
                                                             ("c.IMAG", "c.real")],
        "polar angle from arccos without normalising": (
            ANGLES, "theta = np.arccos(z)  # polar angle\n    phi = np.arctan2(y, x)  # azimuth"),
        "order m = l..-l": ("range(-l, l + 1)", "range(l, -l - 1, -1)"),
        "components on the first axis": ("np.stack(Y, axis=-1)", "np.stack(Y)"),
    },
    "wigner_d": {
        "D transposed (Y(R r) = D^T Y(r))": (LSTSQ, "np.linalg.lstsq(A, B, rcond=None)[0]"),
        "points rotated with R^T (the inverse rotation)": ("SPHERE_POINTS @ R.T", "SPHERE_POINTS @ R"),
        "least squares the wrong way round (A from B)": (LSTSQ, "np.linalg.lstsq(B, A, rcond=None)[0].T"),
        "R itself for every degree": ("    return np.linalg.lstsq(", "    return R if l == 1 else np.linalg.lstsq("),
        "projection by A^T B without the Gram matrix": (LSTSQ, "(A.T @ B).T * 4 * np.pi / len(A)"),
    },
    "clebsch_gordan_real": {
        "largest eigenvalue instead of the smallest": (EIGEN, "np.linalg.eigh(M)[1][:, -1]"),
        "eigenvector read as a row": (EIGEN, "np.linalg.eigh(M)[1][0, :]"),
        "unit norm instead of 2l + 1": ("[:, 0] * np.sqrt(2 * l + 1)", "[:, 0]"),
        "no sign convention": (SIGN, ""),
        "one rotation only": ("for R in ROTATIONS:", "for R in ROTATIONS[:1]:"),
        "output D transposed (D^l(R)^T)": ("wigner_d(l, R))", "wigner_d(l, R).T)"),
        "Kronecker factors in the wrong order": (KRON, "np.kron(np.kron(wigner_d(l2, R), wigner_d(l1, R)), wigner_d(l, R))"),
        "no triangle check (returns a meaningless vector)": (
            '        raise ValueError(f"degree {l} does not occur in {l1} x {l2}")', "        pass"),
    },
    "tensor_product": {
        "coefficients of l2 x l1 (degrees swapped)": ("clebsch_gordan_real(l1, l2, l)", "clebsch_gordan_real(l2, l1, l)"),
        "inputs swapped against the coefficients": ('"...a,...b,abc->...c", x, y', '"...a,...b,bac->...c", x, y'),
        "sum over the output index instead (wrong einsum)": ('"...a,...b,abc->...c"', '"...c,...b,abc->...a"'),
        "x multiplied in twice": ('"...a,...b,abc->...c", x, y', '"...a,...b,abc->...c", x, x'),
    },
}

# Mutants made by rule (tests/sheets/mutate.py) that the hidden tests let through, each with why it is no mistake.
EQUIVALENT: dict[str, dict[str, str]] = {}
