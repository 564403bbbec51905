"""News figures held against official statistics.

Every actual money fact is joined to the official figure for the same pair, flow and period:

- an export A→B against A's reported exports to B, and B's reported imports from A (the
  mirror);
- an import of A from B against A's reported imports from B, and B's exports to A;
- a turnover of A and B against A's exports to B plus A's imports from B, and the mirror sum
  as B reports it;
- a period of months ("2023-01/2023-04", a fiscal year) against the sum of those months,
  a calendar year against the year's total (or the sum of its twelve months).

`ratio` is the news figure over the reporter's figure (the mirror's when the reporter gives
none); `verdict` is `agrees` when the news figure is within the tolerance of either figure,
`differs` when it is within neither, `no official data` when the tables hold neither, and
`not compared` (with a `reason`) for a figure that cannot be: in a currency with no rate to
US dollars, with no year, or a flow official trade tables do not cover (investment, deals).
Targets are never compared: they are not in the output.
"""
from __future__ import annotations

import pandas as pd

from .official import Official

DEFAULT_TOLERANCE = 0.05
TRADE_FLOWS = ("export", "import", "turnover")
OUTPUT_COLUMNS = ["doc", "article", "quote", "a", "b", "a_name", "b_name", "flow", "year", "period", "value", "unit",
                  "value_usd", "news_usd", "official_value", "official_source", "mirror_value", "mirror_source",
                  "ratio", "verdict", "reason"]


def months_of(year, period) -> list[tuple[int, int]] | None:
    """The (year, month) pairs a fact covers: its period ("2023", "2023-01/2023-04",
    "2021-04/2022-03"), else its whole year; None when it has neither."""
    if isinstance(period, str) and period:
        if "/" in period:
            start, end = period.split("/")
            (y0, m0), (y1, m1) = (tuple(int(x) for x in start.split("-")), tuple(int(x) for x in end.split("-")))
            months = []
            while (y0, m0) <= (y1, m1):
                months.append((y0, m0))
                y0, m0 = (y0 + 1, 1) if m0 == 12 else (y0, m0 + 1)
            return months
        if len(period) == 7 and period[4] == "-":
            return [(int(period[:4]), int(period[5:]))]
        if period.isdigit():
            return [(int(period), m) for m in range(1, 13)]
    if year is not None and not pd.isna(year):
        return [(int(year), m) for m in range(1, 13)]
    return None


class OfficialIndex:
    """Official rows looked up by reporter, partner, flow: yearly totals and months."""

    def __init__(self, official: Official):
        self.yearly: dict[tuple, tuple[float, str]] = {}
        self.monthly: dict[tuple, tuple[float, str]] = {}
        for row in official.rows.itertuples(index=False):
            where = f"{row.file.rsplit('/', 1)[-1]}:{row.line}"
            if pd.isna(row.month):
                self.yearly[(row.reporter, row.partner, row.flow, int(row.year))] = (float(row.value), where)
            else:
                self.monthly[(row.reporter, row.partner, row.flow, int(row.year), int(row.month))] = (float(row.value), where)

    def value(self, reporter: str, partner: str, flow: str, months: list[tuple[int, int]]) -> tuple[float, list[str]] | None:
        """The reporter's figure over the months, and the rows it sums; None unless every month is covered."""
        years = sorted({y for y, _ in months})
        if len(months) == 12 * len(years) and all((reporter, partner, flow, y) in self.yearly for y in years):
            found = [self.yearly[(reporter, partner, flow, y)] for y in years]
        else:
            keys = [(reporter, partner, flow, y, m) for y, m in months]
            if not all(k in self.monthly for k in keys):
                return None
            found = [self.monthly[k] for k in keys]
        return sum(v for v, _ in found), [w for _, w in found]


def official_figure(index: OfficialIndex, parts: list[tuple[str, str, str]], months) -> tuple[float | None, str | None]:
    """The sum of (reporter, partner, flow) parts over the months, with a description of its source."""
    total, sources = 0.0, []
    for reporter, partner, flow in parts:
        found = index.value(reporter, partner, flow, months)
        if found is None:
            return None, None
        total += found[0]
        verb = "exports to" if flow == "export" else "imports from"
        sources.append(f"{reporter} {verb} {partner} ({', '.join(_rows_shown(found[1]))})")
    return total, " + ".join(sources)


def _rows_shown(rows: list[str]) -> list[str]:
    files = sorted({r.rsplit(":", 1)[0] for r in rows})
    if len(files) == 1:
        lines = [r.rsplit(":", 1)[1] for r in rows]
        return [f"{files[0]} line{'s' if len(lines) > 1 else ''} {_line_ranges(lines)}"]
    return rows


def _line_ranges(lines: list[str]) -> str:
    numbers = sorted(int(n) for n in lines)
    runs, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current != previous + 1:
            runs.append(str(start) if start == previous else f"{start}-{previous}")
            start = current
    return ", ".join(runs)


def flow_parts(flow: str, a: str, b: str) -> tuple[list, list]:
    """(the reporter's parts, the mirror's parts) for a flow between a and b."""
    if flow == "export":
        return [(a, b, "export")], [(b, a, "import")]
    if flow == "import":
        return [(a, b, "import")], [(b, a, "export")]
    return [(a, b, "export"), (a, b, "import")], [(b, a, "export"), (b, a, "import")]


def compare(facts: pd.DataFrame, official: Official, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Every actual money fact with the official figures for it, the ratio and a verdict."""
    index = OfficialIndex(official)
    rows = []
    actual = facts[(facts["kind"].astype(str) == "money") & (facts["status"].astype(str) == "actual")]
    for fact in actual.itertuples(index=False):
        flow, a, b = str(fact.flow), str(fact.a), str(fact.b)
        row = {c: getattr(fact, c) for c in OUTPUT_COLUMNS if hasattr(fact, c)}
        row.update(a=a, b=b, flow=flow, news_usd=None, official_value=None, official_source=None,
                   mirror_value=None, mirror_source=None, ratio=None, verdict="not compared", reason=None)
        usd = fact.value if fact.unit == "USD" else fact.value_usd
        months = months_of(fact.year, fact.period)
        if flow not in TRADE_FLOWS:
            row["reason"] = f"official trade tables hold no {flow} figures"
        elif usd is None or pd.isna(usd):
            row["reason"] = f"a figure in {fact.unit} with no exchange rate to USD"
        elif months is None:
            row["reason"] = "the figure has no year"
        else:
            row["news_usd"] = float(usd)
            mine, mirror = flow_parts(flow, a, b)
            row["official_value"], row["official_source"] = official_figure(index, mine, months)
            row["mirror_value"], row["mirror_source"] = official_figure(index, mirror, months)
            row.update(_verdict(float(usd), row["official_value"], row["mirror_value"], tolerance))
        rows.append(row)
    out = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    out["year"] = out["year"].astype("Int32")
    return out


def _verdict(news: float, official: float | None, mirror: float | None, tolerance: float) -> dict:
    known = [v for v in (official, mirror) if v]
    if not known:
        return {"verdict": "no official data", "reason": "no official figure for this pair, flow and period"}
    ratio = news / known[0]
    agrees = any(abs(news / v - 1) <= tolerance for v in known)
    return {"ratio": ratio, "verdict": "agrees" if agrees else "differs", "reason": None}
