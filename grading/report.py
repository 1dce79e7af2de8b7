"""report.html: one self-contained page for the instructor, plots embedded as PNG."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from grading.admission import Standing
from grading.items import FLAG_BELOW
from grading.policy.standing import AT_RISK, CANNOT_REACH, NOT_PARTICIPATING, STATUS_ORDER, track_columns

COLOURS = {"admitted": "#2a9d8f", "on track": "#8ab17d", "at risk": "#e9c46a", "cannot reach": "#e76f51",
           "not participating": "#9e9e9e"}
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2em; } .meta { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th { background: #f2f2f2; } td:first-child, th:first-child { text-align: left; }
figure { margin: 1.5em 0; } figcaption { color: #555; font-size: 0.9em; }
img { max-width: 100%; } .items td:nth-child(2), .items td:last-child { text-align: left; }
.items td:last-child { font-size: 0.9em; max-width: 28em; }
"""


def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(fig: Figure, caption: str) -> str:
    return (f'<figure><img alt="{html.escape(caption)}" src="data:image/png;base64,{_png(fig)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def _distributions(result: Standing) -> Figure:
    plan = result.plan
    fig = Figure(figsize=(10, 3.2))
    ax = fig.subplots()
    data = [result.scores.loc[result.scores["sheet"] == s, "points"].to_numpy() for s in plan.sheet_ids]
    ax.boxplot(data, tick_labels=plan.sheet_ids, showmeans=True)
    ax.set_ylabel("points (after late penalty)")
    ax.set_ylim(0, max(s.points for s in plan.sheets) * 1.05)
    ax.tick_params(axis="x", rotation=45)
    return fig


def _cumulative(result: Standing) -> Figure:
    plan, table = result.plan, result.table
    fig = Figure(figsize=(10, 4))
    ax = fig.subplots()
    x = range(1, len(plan.sheets) + 1)
    done = [s.id for s in plan.sheets if s.done(result.now)] or plan.sheet_ids[:1]
    cumulative = table[done].cumsum(axis=1)  # up to the last sheet that is due: the future is not zero
    for status in STATUS_ORDER:
        rows = cumulative[table["status"] == status]
        for i, (_, row) in enumerate(rows.iterrows()):
            ax.plot(x[: len(done)], row.to_numpy(), color=COLOURS[status], alpha=0.5, lw=1,
                    label=status if i == 0 else None)
    needed = plan.admission_threshold * plan.total_points
    ax.axhline(needed, color="black", ls="--", lw=1.2, label=f"admission: {needed:g} points")
    pace = plan.admission_threshold * pd.Series([s.points for s in plan.sheets]).cumsum()
    ax.plot(x, pace, color="black", ls=":", lw=1.2, label="steady pace to admission")
    ax.set_xticks(list(x), plan.sheet_ids, rotation=45)
    ax.set_ylabel("cumulative points")
    ax.legend(fontsize=8, ncol=2)
    return fig


def _submissions(result: Standing) -> Figure:
    plan = result.plan
    counts = result.scores.groupby("sheet").size().reindex(plan.sheet_ids, fill_value=0)
    late = result.scores[result.scores["late"]].groupby("sheet").size().reindex(plan.sheet_ids, fill_value=0)
    fig = Figure(figsize=(10, 2.8))
    ax = fig.subplots()
    ax.bar(plan.sheet_ids, counts - late, color="#457b9d", label="on time")
    ax.bar(plan.sheet_ids, late, bottom=counts - late, color="#e76f51", label="late")
    ax.axhline(len(result.table), color="gray", ls="--", lw=1, label="students")
    ax.set_ylabel("submissions")
    ax.tick_params(axis="x", rotation=45)
    ax.legend(fontsize=8)
    return fig


def _grades(result: Standing) -> Figure:
    letters = [*sorted(result.plan.letter_cutoffs or {}), "F"]
    counts = result.table["grade"].value_counts().reindex(letters, fill_value=0)
    fig = Figure(figsize=(6, 3))
    ax = fig.subplots()
    ax.bar(counts.index, counts.to_numpy(), color="#457b9d")
    ax.set_ylabel("students")
    return fig


def _items(items: pd.DataFrame) -> Figure:
    labels = [f"{sheet} · {cell}" for sheet, cell in zip(items["sheet"], items["cell"], strict=True)]
    fig = Figure(figsize=(10, 0.8 + 0.26 * len(items)))
    ax = fig.subplots()
    colours = ["#e76f51" if flagged else "#457b9d" for flagged in items["flagged"]]
    ax.barh(range(len(items)), items["passing"] * 100, color=colours)
    ax.set_yticks(range(len(items)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(FLAG_BELOW * 100, color="gray", ls="--", lw=1, label=f"flagged below {FLAG_BELOW:.0%}")
    ax.set_xlim(0, 100)
    ax.set_xlabel("submissions passing the test cell (full points), %")
    ax.legend(fontsize=8, loc="lower right")
    return fig


def _item_section(items: pd.DataFrame) -> list[str]:
    """The item analysis: the share passing each test cell as a plot, then the table with the failures."""
    if items.empty:
        return []
    shown = items.assign(passing=(items["passing"] * 100).round(1), mean_points=items["mean_points"].round(2),
                         flagged=items["flagged"].map({True: "almost nobody passes", False: ""}))
    shown = shown.rename(columns={"passing": "passing %", "common_errors": "most common failures"})
    flagged = int(items["flagged"].sum())
    return [f'<h2 id="items">Test cells ({flagged} flagged)</h2>',
            _figure(_items(items), "share of submissions passing each test cell; red: almost nobody passes"),
            f'<div class="items">{_table(shown.drop(columns="notebook"))}</div>']
def tracks_and_paths(result: Standing) -> pd.DataFrame:
    """Students and mean percent per track and counted path: how each way through the course went."""
    table = result.table
    paths = [c for c in track_columns(result.plan) if c != "track"]
    grouped = table.assign(**{c: table[c].replace("", "(none)") for c in paths}).groupby(["track", *paths])
    return grouped["percent"].agg(students="size", mean_percent="mean").round(1).reset_index()


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, na_rep="", float_format=lambda v: f"{v:g}", border=0, escape=True)


def render(result: Standing, items: pd.DataFrame | None = None) -> str:
    plan, table = result.plan, result.table
    title = html.escape(plan.name or "Course report")
    parts = [f"<h1>{title}</h1>", f'<p class="meta">{len(table)} students, {len(plan.sheets)} planned sheets, '
             f"as of {result.now:%Y-%m-%d %H:%M %Z}, from gradebook state {result.gradebook_state}</p>"]
    if result.problems:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in result.problems)
        parts.append(f"<h2>Problems</h2><ul>{items}</ul>")
    if plan.letter_cutoffs:
        summary = table["grade"].value_counts().rename_axis("grade").reset_index(name="students")
        parts += ["<h2>Final grades</h2>", _table(summary.sort_values("grade")), _figure(_grades(result), "grades")]
        if plan.has_tracks:
            parts += ["<h2>Tracks and paths</h2>", _table(tracks_and_paths(result))]
    else:
        summary = table["status"].value_counts().reindex(STATUS_ORDER[::-1], fill_value=0)
        parts += ["<h2>Students per status</h2>", _table(summary.rename_axis("status").reset_index(name="students")),
                  _figure(_cumulative(result), "cumulative points of every student against the admission threshold")]
        risky = table[table["status"].isin([AT_RISK, CANNOT_REACH, NOT_PARTICIPATING])]
        columns = ["id", "last_name", "first_name", "status", "points", "max_so_far", "still_needed", "average_needed"]
        parts += [f"<h2>At risk ({len(risky)})</h2>",
                  _table(risky.sort_values(["status", "still_needed"], ascending=[True, False])[columns])]
    parts += ["<h2>Scores per sheet</h2>", _figure(_distributions(result), "distribution of points per sheet"),
              "<h2>Submissions per sheet</h2>", _figure(_submissions(result), "submissions per sheet, late ones red"),
              *_item_section(items if items is not None else pd.DataFrame())]
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{STYLE}</style></head><body>{''.join(parts)}</body></html>")


def write_html_report(result: Standing, path: Path, items: pd.DataFrame | None = None) -> Path:
    path.write_text(render(result, items), encoding="utf-8")
    return path
