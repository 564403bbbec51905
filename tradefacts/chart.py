"""Charts of a pair's series in US dollars: what `tradefacts plot` draws.

Each flow is one series. Actual figures with a year are a line with points, one point per
year (the median where several values stand for one year); where sources disagree, an error
bar spans their values. Targets are hollow markers at their year, or at the right edge when
the page gives none. The sources are listed in a caption. Only money with a value in US
dollars is drawn (value_usd); the caption counts the figures left out for want of a rate.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from .compare import TRADE_FLOWS, OfficialIndex, flow_parts, months_of, official_figure
from .consolidate import consolidate
from .official import Official
from .pairtable import FLOW_ORDER
from .table import atomic_output

FORMATS = (".png", ".svg", ".pdf")


def usd_label(value: float, _position=None) -> str:
    """$150M, $1.2B, $3T: a dollar amount as an axis label."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:,.4g}{suffix}"
    return f"${value:,.4g}"


def _series_name(flow: str, a: str, b: str) -> str:
    return flow if flow in ("turnover", "deal") else f"{flow} {a}→{b}"


def _official_series(official: Official, flow: str, a: str, b: str, years: pd.Series):
    """(label, points, line style) for the reporter's and the mirror's official series of a flow,
    over the years the news covers."""
    if flow not in TRADE_FLOWS or years.empty:
        return []
    index = OfficialIndex(official)
    mine, mirror = flow_parts(flow, a, b)
    out = []
    for parts, reporter, style in ((mine, a, "--"), (mirror, b, ":")):
        points = []
        for year in range(int(years.min()), int(years.max()) + 1):
            value, _ = official_figure(index, parts, months_of(year, None))
            if value is not None:
                points.append((year, value))
        if points:
            out.append((f"official, as {reporter} reports", points, style))
    return out


def plot_pair(facts: pd.DataFrame, pair: tuple[str, str], output: str | Path, flow: str | None = None,
              official: Official | None = None) -> dict[str, list[tuple[int, float]]]:
    """Draw the pair's money series into `output` (.png, .svg or .pdf), whole or not at all, and
    return the points drawn, by series. With `official` tables, each flow's official series
    (as each side reports it) is drawn beside the news. Raises ValueError when there is nothing
    to draw."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    output = Path(output)
    if output.suffix.lower() not in FORMATS:
        raise ValueError(f"{output}: a chart ends in {', '.join(FORMATS)}")
    wanted = set(pair)
    of_pair = pd.Series([{str(a), str(b)} == wanted for a, b in zip(facts["a"], facts["b"])], index=facts.index, dtype=bool)
    rows = facts[(facts["kind"].astype(str) == "money") & of_pair]
    if flow:
        rows = rows[rows["flow"].astype(str) == flow]
    priced = rows[rows["value_usd"].notna()]
    if priced.empty:
        raise ValueError(f"no money figures in US dollars for {'-'.join(pair)} to draw"
                         + (f" ({len(rows)} without an exchange rate)" if len(rows) else ""))
    merged = consolidate(priced)
    names = dict(zip(priced["a"].astype(str), priced["a_name"])) | dict(zip(priced["b"].astype(str), priced["b_name"]))
    years = merged["year"].dropna()
    right_edge = int(years.max()) + 1 if len(years) else 2000

    figure, axes = plt.subplots(figsize=(9, 5.5))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    series = merged.assign(series=[_series_name(f, a, b) for f, a, b in zip(merged["flow"], merged["a"], merged["b"])],
                           order=[FLOW_ORDER.index(f) for f in merged["flow"]])
    undated_targets = False
    drawn: dict[str, list[tuple[int, float]]] = {}
    for i, (name, group) in enumerate(series.sort_values(["order", "series"]).groupby("series", sort=False)):
        colour = colours[i % len(colours)]
        actual = group[(group["status"] == "actual") & group["year"].notna()]
        if len(actual):
            by_year = actual.groupby(actual["year"].astype(int))["value_usd"]
            middle = by_year.median()
            # a year without a figure breaks the line rather than bridging it
            span = range(middle.index.min(), middle.index.max() + 1)
            low, high = (middle - by_year.min()).reindex(span), (by_year.max() - middle).reindex(span)
            axes.errorbar(list(span), middle.reindex(span).values, yerr=[low.values, high.values], color=colour,
                          marker="o", capsize=4, label=f"{name} (actual)")
            drawn[f"{name} (actual)"] = list(zip(middle.index, middle.values))
        if official is not None:
            first = group.iloc[0]
            for label, points, style in _official_series(official, str(first["flow"]), str(first["a"]), str(first["b"]),
                                                         group["year"].dropna()):
                known = dict(points)
                span = range(min(known), max(known) + 1)  # a year the tables lack breaks the line
                axes.plot(list(span), [known.get(x, float("nan")) for x in span], linestyle=style, color=colour,
                          alpha=0.6, marker="s", markersize=4, label=f"{name}: {label}")
                drawn[f"{name}: {label}"] = points
        targets = group[group["status"] == "target"]
        if len(targets):
            x = [int(y) if pd.notna(y) else right_edge for y in targets["year"]]
            undated_targets |= targets["year"].isna().any()
            axes.scatter(x, targets["value_usd"], s=80, facecolors="none", edgecolors=colour, linewidths=1.8,
                         label=f"{name} (target)")
            drawn[f"{name} (target)"] = list(zip(x, targets["value_usd"]))
    axes.yaxis.set_major_formatter(FuncFormatter(usd_label))
    axes.xaxis.get_major_locator().set_params(integer=True)
    xs = [x for points in drawn.values() for x, _ in points]
    axes.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    if undated_targets:
        ticks = [t for t in axes.get_xticks() if t == int(t) and min(xs) <= t < right_edge - 0.5]
        axes.set_xticks(ticks + [right_edge], [str(int(t)) for t in ticks] + ["no year\nstated"])
    axes.set_ylim(bottom=0)
    axes.set_ylabel("US dollars")
    axes.set_xlabel("year")
    axes.set_title(f"{names.get(pair[0], pair[0])} – {names.get(pair[1], pair[1])}: trade figures in the news")
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize=8)
    sources = sorted({doc for docs in merged["sources"] for doc in docs})
    left_out = len(rows) - len(priced)
    caption = "Sources: " + ", ".join(sources) + "."
    if left_out:
        caption += f" {left_out} figure(s) in other currencies without an exchange rate are not shown."
    caption = "\n".join(textwrap.wrap(caption, 150))
    figure.text(0.01, 0.01, caption, fontsize=7, va="bottom", ha="left")
    figure.tight_layout(rect=(0, 0.04 + 0.02 * caption.count("\n"), 1, 1))
    try:
        with atomic_output(output, suffix=output.suffix) as tmp:  # matplotlib tells the format by the suffix
            figure.savefig(tmp, dpi=120)
    finally:
        plt.close(figure)
    return drawn
