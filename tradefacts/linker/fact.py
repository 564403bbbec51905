"""The fact: one figure linked to its flow, pair, status and period, and how a page's facts are
kept once each."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import patterns
from ..articles import Sentence

UNORDERED = ("turnover", "deal")
QUOTE_MAX = 300
_NOT_DIGIT = patterns.compile(r"\D")


@dataclass
class Fact:
    doc: str
    source: str
    article: str
    published: dt.date | None
    kind: str
    a: str
    b: str
    flow: str
    status: str
    year: int | None
    period: str | None
    value: float
    unit: str
    approx: str
    quote: str
    start: int
    end: int
    rule: str
    unit_assumed: bool = False
    doc_hash: str = ""
    value_usd: float | None = None  # filled by usd.value_in_usd, after linking
    fx_source: str | None = None
    confidence: float = 1.0  # the calibrated chance that the fact is right (decision.py)


def quote(text: str, sentence: Sentence, fig) -> str:
    whole = patterns.squeeze(text[sentence.start:sentence.end]).strip()
    if len(whole) <= QUOTE_MAX:
        return whole
    lo = max(sentence.start, fig.start - QUOTE_MAX // 2)
    hi = min(sentence.end, lo + QUOTE_MAX)
    return "…" + patterns.squeeze(text[lo:hi]).strip() + "…"


def link_rules(fact: Fact) -> list[str]:
    """The rules that linked a fact (flow, pair, status, period), without those that read its figure."""
    return [r for r in fact.rule.split("+") if r.split(".")[0] in ("flow", "pair", "status", "period")]


def _key(f: Fact) -> tuple:
    pair = tuple(sorted((f.a, f.b))) if f.flow in UNORDERED else (f.a, f.b)
    return f.kind, f.flow, pair, f.status, f.unit


def dedupe(facts: list[Fact]) -> list[Fact]:
    """A figure repeated in one document (headline and body) is one fact: keep the more precise."""
    kept: list[Fact] = []
    for f in facts:
        twin = next((k for k in kept if _key(k) == _key(f)
                     and abs(k.value - f.value) <= 0.005 * max(abs(k.value), abs(f.value))
                     and (k.year == f.year or k.year is None or f.year is None)
                     and not _same_sentence(k, f)), None)
        if twin is None:
            kept.append(f)
        elif _precision(f) > _precision(twin):
            kept[kept.index(twin)] = f
    return kept


def _same_sentence(a: Fact, b: Fact) -> bool:
    """Two figures of one sentence are two statements ("$5.076 billion, of which ... $5.058
    billion"), never one figure written twice."""
    return a.quote == b.quote and abs(a.start - b.start) < len(a.quote)


def _precision(f: Fact) -> tuple[bool, int]:
    digits = len(_NOT_DIGIT.sub("", f"{f.value:.6g}").rstrip("0"))
    return f.year is not None, digits
