"""similarity-SHEET.csv and similarity-SHEET.html: the pairs of grading.similarity, for the instructor.

The page is self-contained (copydetect's own report loads Bootstrap from a CDN, and a report on students
must open offline and leak nothing): one style sheet, no script. Every piece of student code and every
name on it is escaped, so a submission cannot put markup or script into the instructor's browser.
"""

from __future__ import annotations

import html
from pathlib import Path

from copydetect.utils import highlight_overlap

from grading.course import Course
from grading.similarity import GUARANTEE, NOISE, SHARED_MIN, SHARED_SHARE, Pair, Similarity, compare

TOP = 20  # pairs shown side by side
MARK = ("<mark>", "</mark>")  # around matching passages; highlight_overlap escapes everything else
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1400px; color: #222; padding: 0 1em; }
h1 { margin-bottom: 0.2em; } .meta { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; } th { background: #f2f2f2; }
td.num { text-align: right; }
.pair { margin: 2em 0; border-top: 2px solid #457b9d; padding-top: 0.5em; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
pre { background: #f7f7f7; border: 1px solid #ddd; padding: 0.6em; overflow-x: auto; font-size: 0.82em;
      white-space: pre-wrap; word-break: break-word; max-height: 40em; overflow-y: auto; }
mark { background: #ffd6a5; } h3 { margin: 0.3em 0; font-size: 1em; }
"""


def _side(name: str, code: str, slices: object, share: float) -> str:
    marked, _ = highlight_overlap(code, slices, *MARK, escape_html=True)
    return (f"<div><h3>{html.escape(name)}: {share:.0%} of their own code matches</h3>"
            f"<pre>{marked}</pre></div>")


def _pair(rank: int, pair: Pair) -> str:
    slices_a, slices_b = pair.slices
    return (f'<section class="pair" id="pair-{rank}"><h2>{rank}. {html.escape(pair.a.name)} and '
            f"{html.escape(pair.b.name)}: {pair.similarity:.0%}</h2>"
            f'<div class="sides">{_side(pair.a.name, pair.a.code, slices_a, pair.similarity_a)}'
            f"{_side(pair.b.name, pair.b.code, slices_b, pair.similarity_b)}</div></section>")


def render(result: Similarity, top: int = TOP) -> str:
    """The page: what was compared, the most similar pairs as a table, then each with its passages marked."""
    shown = [p for p in result.pairs if p.matched > 0][:top]
    rows = "".join(f'<tr><td><a href="#pair-{i}">{i}</a></td><td>{html.escape(p.a.name)}</td>'
                   f'<td>{html.escape(p.b.name)}</td><td class="num">{p.similarity:.0%}</td>'
                   f'<td class="num">{p.matched}</td></tr>' for i, p in enumerate(shown, 1))
    problems = "".join(f"<li>{html.escape(problem)}</li>" for problem in result.problems)
    title = f"Similarity of the answers to {html.escape(result.sheet)}"
    parts = [f"<h1>{title}</h1>",
             f'<p class="meta">{len(result.authors)} authors (a team counts as one), {len(result.pairs)} pairs; '
             f"ignored: the released template and {result.common} fingerprints that at least "
             f"{SHARED_SHARE:.0%} of the authors (and {SHARED_MIN}) share; matches of at least {NOISE} "
             f"characters of normalised code are counted, of {GUARANTEE} always found. A high share is a reason to "
             "look at the two submissions, not proof of copying.</p>",
             *([f"<h2>Not compared</h2><ul>{problems}</ul>"] if problems else []),
             f"<h2>The {len(shown)} most similar pairs</h2>",
             "<table><tr><th>#</th><th>author</th><th>author</th><th>similarity</th><th>matched characters</th>"
             f"</tr>{rows}</table>",
             *(_pair(i, p) for i, p in enumerate(shown, 1))]
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{STYLE}</style></head><body>{''.join(parts)}</body></html>")


def write_similarity(course: Course, sheet_id: str, top: int = TOP) -> tuple[Similarity, Path, Path]:
    """similarity-SHEET.csv (every pair, most similar first) and similarity-SHEET.html in the course directory."""
    result = compare(course, sheet_id)
    csv = course.root / f"similarity-{sheet_id}.csv"
    result.table().to_csv(csv, index=False)
    page = course.root / f"similarity-{sheet_id}.html"
    page.write_text(render(result, top), encoding="utf-8")
    return result, csv, page
