"""Simulated students with realistic, partly non-ASCII names."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

FIRST_NAMES = [
    "Anna", "Jürgen", "Zoë", "Øyvind", "Şebnem", "Łukasz", "José", "Ana-María", "Chloé", "Søren",
    "Siobhán", "Yuki", "Mei", "Leon", "Emilia", "Mattéo", "Björn", "Ines", "Tomáš", "Ngọc Anh",
    "Ahmed", "Priya", "Noah", "Marie", "Đorđe", "Ayşe", "Lars", "Olga", "Paul", "Sofía",
]
LAST_NAMES = [
    "Müller", "Schmidt", "Nguyễn", "Kowalczyk", "Dvořák", "García Márquez", "O'Brien", "Øvrebø", "Yılmaz", "Weiß",
    "Fischer", "Lefèvre", "Tanaka", "Kim", "Hoffmann", "Ibáñez", "Šimunić", "Becker", "Andersson", "Novák",
    "Schröder", "Zhang", "Popescu", "Van der Berg", "Rossi", "Jovanović", "Meier", "Nowak", "Hansen", "Khan",
]


def ascii_fold(text: str) -> str:
    """'Jürgen Øvrebø' -> 'jurgen ovrebo' for ids and email addresses."""
    text = text.lower().replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ß", "ss").replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch in " -."))


def make_roster(n_students: int, seed: int = 0) -> pd.DataFrame:
    """A roster of n students: id, first_name, last_name, email, matriculation (text)."""
    rng = np.random.default_rng(seed)
    rows: list[dict[str, str]] = []
    ids: set[str] = set()
    matriculations = rng.choice(np.arange(3_000_000, 4_000_000), size=n_students, replace=False)
    for i in range(n_students):
        first = FIRST_NAMES[rng.integers(len(FIRST_NAMES))]
        last = LAST_NAMES[rng.integers(len(LAST_NAMES))]
        initials = (ascii_fold(first)[:1] + ascii_fold(last)[:1]) or "st"
        student_id = f"{initials}{rng.integers(100, 1000)}"
        while student_id in ids:
            student_id = f"{initials}{rng.integers(100, 1000)}"
        ids.add(student_id)
        local = f"{ascii_fold(first)}.{ascii_fold(last)}".replace(" ", "-")
        rows.append({
            "id": student_id,
            "first_name": first,
            "last_name": last,
            "email": f"{local}@stud.uni-heidelberg.de",
            "matriculation": str(matriculations[i]),
        })
    return pd.DataFrame(rows)
