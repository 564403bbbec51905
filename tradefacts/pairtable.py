"""The country-pair table: one row per pair and year, the flows as columns, a footnote per cell.

`build(frame, ...)` turns a fact table into rows of cells; `resolve_pair("KAZ-MNG")` reads a
pair given as codes or names. The CLI prints the result with rich.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .reference import countries

FLOW_ORDER = ("turnover", "export", "import", "investment", "deal")
APPROX_MARK = {"approx": "~", "min": ">", "max": "<", "exact": ""}
DIRECTED = ("export", "import", "investment")


@dataclass
class Row:
    pair: tuple[str, str]
    names: tuple[str, str]
    year: int | None
    cells: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class PairTable:
    flows: list[str]
    rows: list[Row]
    footnotes: list[str]


def resolve_country(text: str) -> str | None:
    """An ISO alpha-3 code from a code, a name or an alias (any case)."""
    wanted = text.strip().lower()
    for c in countries():
        if wanted in (c.iso3.lower(), c.name.lower()) or wanted in (a.lower() for a in c.aliases):
            return c.iso3
    return None


def resolve_pair(text: str) -> tuple[str, str]:
    """'KAZ-MNG', 'Kazakhstan-Mongolia', 'Guinea-Bissau,Senegal': two countries, in either order."""
    for sep in (",", "/", ":"):
        if sep in text:
            left, right = text.split(sep, 1)
            a, b = resolve_country(left), resolve_country(right)
            if a and b:
                return a, b
    for i, ch in enumerate(text):
        if ch in "-–":
            a, b = resolve_country(text[:i]), resolve_country(text[i + 1:])
            if a and b:
                return a, b
    raise ValueError(f"cannot read {text!r} as two countries (use codes or names, e.g. KAZ-MNG or Kazakhstan-Mongolia)")


def format_value(value: float, unit: str) -> str:
    for size, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size and unit not in ("%", "x"):
            return f"{value / size:,.4g}{suffix} {unit}"
    if unit == "%":
        return f"{value:+g}%"
    if unit == "x":
        return f"×{value:g}"
    return f"{value:,.4g} {unit}"


def build(frame: pd.DataFrame, pair: tuple[str, str] | None = None, flow: str | None = None,
          kind: str | None = None) -> PairTable:
    facts = frame
    if pair is not None:
        wanted = set(pair)
        facts = facts[facts.apply(lambda r: {r["a"], r["b"]} == wanted, axis=1)] if len(facts) else facts
    if flow:
        facts = facts[facts["flow"] == flow]
    if kind:
        facts = facts[facts["kind"] == kind]
    rows: dict[tuple, Row] = {}
    footnotes: list[str] = []
    consolidated = "sources" in facts.columns
    order = ["a", "b", "year", "value"] if consolidated else ["a", "b", "year", "start"]
    for _, f in facts.sort_values(order, na_position="last").iterrows():
        key_pair = tuple(sorted((str(f["a"]), str(f["b"]))))
        names = tuple(f["a_name"] if code == f["a"] else f["b_name"] for code in key_pair)
        year = None if pd.isna(f["year"]) else int(f["year"])
        row = rows.setdefault((key_pair, year), Row(key_pair, names, year))
        footnotes.append(" | ".join(f["quotes"]) if consolidated else f"{f['doc']}: {f['quote']}")
        text = APPROX_MARK.get(f["approx"], "") + format_value(float(f["value"]), f["unit"])
        if consolidated and f["n_sources"] > 1:
            text += f" ({f['n_sources']} sources)"
        if consolidated and f["conflict"]:
            text += (f" ≠ sources disagree: {format_value(float(f['value_min']), f['unit'])}"
                     f" to {format_value(float(f['value_max']), f['unit'])}")
        if f["flow"] in DIRECTED:
            text = f"{f['a']}→{f['b']} {text}"
        if f["status"] == "target":
            text += " (target)"
        if isinstance(f["period"], str) and f["period"] and f["period"] != str(year):
            text += f" [{f['period']}]"
        row.cells.setdefault(f["flow"], []).append(f"{text} [{len(footnotes)}]")
    present = [fl for fl in FLOW_ORDER if any(fl in r.cells for r in rows.values())]
    ordered = sorted(rows.values(), key=lambda r: (r.names, r.year is None, r.year or 0))
    return PairTable(present, ordered, footnotes)
