"""Scoring a fact table against gold facts, by the rules of ANNOTATION.md section 5.

A predicted fact matches a gold fact of the same document when kind, flow,
status, unit and the pair (sorted for turnover and deal) are equal and the
value is within 0.5 percent; matching is one-to-one and greedy. Precision,
recall and F1 on that core key, then with the year added (strict), and the
share of core matches whose period and approx agree.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

UNORDERED = ("turnover", "deal")
KINDS = ("money", "quantity", "change")


@dataclass(frozen=True)
class Scores:
    kind: str
    docs: int
    gold: int
    predicted: int
    core: tuple[float, float, float]
    strict: tuple[float, float, float]
    period_agreement: float
    approx_agreement: float


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and v.strip() in ("", "nan", "None", "<NA>"))


def normalise(fact: dict) -> dict:
    kind = str(fact.get("kind") or "money").lower()
    flow = str(fact.get("flow") or "").lower()
    a, b = str(fact.get("a") or "").upper(), str(fact.get("b") or "").upper()
    unit = str(fact.get("unit") or "").strip()
    year = fact.get("year")
    return {
        "kind": kind, "flow": flow,
        "pair": tuple(sorted((a, b))) if flow in UNORDERED else (a, b),
        "status": str(fact.get("status") or "actual").lower(),
        "unit": unit.upper() if kind == "money" else unit.lower(),
        "value": float(fact["value"]) if not _missing(fact.get("value")) else float("nan"),
        "year": None if _missing(year) else int(float(year)),
        "period": None if _missing(fact.get("period")) else fact.get("period"),
        "approx": str(fact.get("approx") or "exact").lower(),
    }


def _core_equal(g: dict, p: dict) -> bool:
    if any(g[k] != p[k] for k in ("kind", "flow", "pair", "status", "unit")):
        return False
    if math.isnan(p["value"]) or g["value"] == 0:
        return p["value"] == g["value"]
    return abs(p["value"] - g["value"]) <= 0.005 * abs(g["value"])


def _match(gold: list[dict], pred: list[dict], strict: bool) -> list[tuple[int, int]]:
    used, pairs = set(), []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used or not _core_equal(g, p) or (strict and g["year"] != p["year"]):
                continue
            used.add(pi)
            pairs.append((gi, pi))
            break
    return pairs


def _repeat_key(f: dict) -> tuple:
    """A normalised prediction's key: a second prediction with the same key is not scored."""
    return f["kind"], f["flow"], f["pair"], f["status"], f["unit"], f["value"], f["year"]


def _dedupe(facts: list[dict]) -> list[dict]:
    seen, out = set(), []
    for f in facts:
        key = _repeat_key(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if ngold == 0 else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def score(gold_rows: list[dict], docs: list[str], predicted_rows: list[dict], kind: str) -> Scores:
    docs_set = set(docs)
    gold, pred = defaultdict(list), defaultdict(list)
    for rows, into in ((gold_rows, gold), (predicted_rows, pred)):
        for r in rows:
            doc = Path(str(r.get("doc"))).name
            n = normalise(r)
            if n["kind"] == kind and doc in docs_set:
                into[doc].append(n)
    n_gold = n_pred = core_tp = strict_tp = period_ok = approx_ok = 0
    for d in docs_set:
        g, p = gold[d], _dedupe(pred[d])
        n_gold += len(g)
        n_pred += len(p)
        core = _match(g, p, strict=False)
        core_tp += len(core)
        strict_tp += len(_match(g, p, strict=True))
        period_ok += sum(g[gi]["period"] == p[pi]["period"] for gi, pi in core)
        approx_ok += sum(g[gi]["approx"] == p[pi]["approx"] for gi, pi in core)
    matched = core_tp or 1
    return Scores(kind, len(docs_set), n_gold, n_pred, _prf(core_tp, n_pred, n_gold), _prf(strict_tp, n_pred, n_gold),
                  round(period_ok / matched, 4), round(approx_ok / matched, 4))


def correct(gold_rows: list[dict], predicted_rows: list[dict]) -> list[bool | None]:
    """For each predicted row, whether the scorer's matching (core key, one to one, within a
    document and kind) pairs it with a gold fact; None for a repeat of a row already predicted,
    which the scorer leaves out."""
    gold, pred = defaultdict(list), defaultdict(list)
    for r in gold_rows:
        n = normalise(r)
        gold[Path(str(r.get("doc"))).name, n["kind"]].append(n)
    for i, r in enumerate(predicted_rows):
        n = normalise(r)
        pred[Path(str(r.get("doc"))).name, n["kind"]].append((i, n))
    out: list[bool | None] = [None] * len(predicted_rows)
    for key, rows in pred.items():
        seen, kept = set(), []
        for i, n in rows:
            if _repeat_key(n) not in seen:
                seen.add(_repeat_key(n))
                kept.append((i, n))
                out[i] = False
        for _, pi in _match(gold.get(key, []), [n for _, n in kept], strict=False):
            out[kept[pi][0]] = True
    return out


def load_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        rows = []
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not a JSON line: {exc}") from None
    return rows
