"""One row per fact however many documents state it; differing statements kept and flagged.

Rows agree when they have the same kind, flow, status, pair (either order for turnover and
deals), year, period and unit, and values within `tolerance` (0.5 percent) of each other:
they become one row listing all their sources. Rows with the same kind, flow, status, pair,
year, period and unit but values further apart are all kept, each flagged `conflict` with
the spread of the group: its lowest and highest value and how many sources state it.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from .linker import UNORDERED

TOLERANCE = 0.005
KEY = ["kind", "flow", "status", "first", "second", "year", "period", "unit"]
COLUMNS = ["kind", "a", "b", "a_name", "b_name", "flow", "status", "year", "period", "value", "unit", "approx",
           "value_usd", "fx_source", "sources", "n_sources", "quotes", "conflict", "value_min", "value_max",
           "group_sources"]


def consolidate(facts: pd.DataFrame, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """The fact table with agreeing rows merged and conflicting ones flagged (see the module's doc).

    Columns: those of a fact that the merged rows share, `value` (the median of theirs),
    `approx` and `fx_source` (the most common), `value_usd` (the median of theirs), `sources`
    (the documents, sorted), `n_sources`, `quotes` (one per source), `conflict`, and the spread
    of the group: `value_min`, `value_max`, `group_sources`.
    """
    if facts.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = facts.copy()
    for column in ("kind", "flow", "status", "a", "b"):
        frame[column] = frame[column].astype(str)
    unordered = frame["flow"].isin(UNORDERED)
    frame["first"] = frame["a"].where(~unordered | (frame["a"] <= frame["b"]), frame["b"])
    frame["second"] = frame["b"].where(~unordered | (frame["a"] <= frame["b"]), frame["a"])
    frame["year"] = frame["year"].astype("Int32")
    out = []
    for _, group in frame.groupby(KEY, dropna=False, sort=False):
        clusters = _clusters(group.sort_values(["value", "doc", "start"]), tolerance)
        merged = [_merge(cluster) for cluster in clusters]
        dated = group["year"].notna().any() or group["period"].notna().any()
        spread = (min(m["value"] for m in merged), max(m["value"] for m in merged), len(set(group["doc"])))
        for row in merged:
            others = [m for m in merged if m is not row and not set(m["sources"]) & set(row["sources"])]
            row.update(conflict=bool(dated and others), value_min=spread[0], value_max=spread[1], group_sources=spread[2])
            out.append(row)
    result = pd.DataFrame(out, columns=COLUMNS)
    result["year"] = result["year"].astype("Int32")
    result["conflict"] = result["conflict"].astype(bool)
    return result.sort_values(["a", "b", "flow", "year", "status", "value"], na_position="last").reset_index(drop=True)


def _clusters(group: pd.DataFrame, tolerance: float) -> list[pd.DataFrame]:
    """Runs of sorted values each within `tolerance` of the run's first value."""
    clusters, current, anchor = [], [], None
    for index, value in zip(group.index, group["value"]):
        if anchor is not None and abs(value - anchor) > tolerance * max(abs(anchor), abs(value)):
            clusters.append(group.loc[current])
            current, anchor = [], None
        if anchor is None:
            anchor = value
        current.append(index)
    clusters.append(group.loc[current])
    return clusters


def _merge(cluster: pd.DataFrame) -> dict:
    first = cluster.iloc[0]
    by_doc = cluster.drop_duplicates("doc")
    usd = cluster["value_usd"].dropna() if "value_usd" in cluster else pd.Series(dtype=float)
    fx = cluster["fx_source"].dropna() if "fx_source" in cluster else pd.Series(dtype=str)
    return {
        "kind": first["kind"], "a": first["a"], "b": first["b"], "a_name": first["a_name"], "b_name": first["b_name"],
        "flow": first["flow"], "status": first["status"], "year": first["year"], "period": first["period"],
        "value": float(cluster["value"].median()), "unit": first["unit"],
        "approx": Counter(cluster["approx"]).most_common(1)[0][0],
        "value_usd": float(usd.median()) if len(usd) else None,
        "fx_source": Counter(fx).most_common(1)[0][0] if len(fx) else None,
        "sources": sorted(by_doc["doc"]), "n_sources": len(by_doc),
        "quotes": [f"{doc}: {quote}" for doc, quote in sorted(zip(by_doc["doc"], by_doc["quote"]))],
    }
