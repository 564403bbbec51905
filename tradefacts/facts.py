"""Facts: each figure linked to its flow, pair, direction, status, year and period.

The linker reads an article sentence by sentence, keeping an article context:
the countries named so far, the pair of the last fact, the flow of the last
fact and the period frame ("In 2022, ..." holds for the figures after it until
another period is stated). ANNOTATION.md is the specification; the rules that
decide are listed in each row's `rule` column.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import regex

from . import amounts as amounts_mod
from . import periods as periods_mod
from .articles import Article, Sentence, split_articles
from .countries import CountryMention, find_countries
from .cues import Cue, country_roles, find_cues, is_start_point
from .documents import Document
from .periods import PeriodMention, Span

FLOWS = ("turnover", "export", "import", "investment", "deal")
UNORDERED = ("turnover", "deal")
NEAR = 15  # characters: a cue this close after a figure ("$1 billion trade turnover") governs it
QUOTE_MAX = 300


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


@dataclass
class _Context:
    published: dt.date | None
    counts: Counter = field(default_factory=Counter)
    first_seen: dict = field(default_factory=dict)
    frame: Span | None = None
    last_pair: tuple[str, str] | None = None
    last_flow: str | None = None
    last_fact_sentence: int = -10

    def note(self, mentions: list[CountryMention], weight: int = 1):
        for m in mentions:
            self.counts[m.iso3] += weight
            self.first_seen.setdefault(m.iso3, m.start)

    def focus(self, exclude: tuple[str, ...] = ()) -> list[str]:
        ranked = sorted(self.counts, key=lambda c: (-self.counts[c], self.first_seen[c]))
        return [c for c in ranked if c not in exclude]


_CLAUSE_BREAK = regex.compile(r";|,?\s+(?:while|whereas|but|meanwhile)\s+|\s+-\s+(?=[a-z])|\.\s+")
_PAIR_JOIN = regex.compile(r"\A\s*(?:-|–|—|/|and|&|,?\s*and)\s*(?:the\s+)?\Z")
_BETWEEN = regex.compile(r"(?i)\bbetween\s+(?:the\s+)?\Z")
_LIST_ITEM = regex.compile(r"\A\s*(?:with\s+|[-–—:]\s*|\(\s*|,\s*|accounted\s+for\s+|at\s+)?\Z")


def extract_document(doc: Document) -> list[Fact]:
    masked, articles = split_articles(doc.text)
    facts: list[Fact] = []
    for article in articles:
        facts.extend(_extract_article(doc, masked, article))
    return _dedupe(facts)


def _extract_article(doc: Document, masked: str, article: Article) -> list[Fact]:
    ctx = _Context(doc.published)
    title_mentions = find_countries(masked, article.start, article.start + len(article.title))
    ctx.note(title_mentions, weight=1)
    facts: list[Fact] = []
    for index, sentence in enumerate(article.sentences):
        facts.extend(_extract_sentence(doc, masked, article, sentence, index, ctx))
    return facts


def _extract_sentence(doc, masked, article, sentence: Sentence, index: int, ctx: _Context) -> list[Fact]:
    s, e = sentence.start, sentence.end
    found = [_shift(a, s) for a in amounts_mod.find_amounts(masked[s:e])]
    spans = [(a.start, a.end) for a in found]

    def free(x):
        return not any(x.start < b and a < x.end for a, b in spans)

    countries = [c for c in find_countries(masked, s, e) if free(c)]
    if sentence.start != article.start:  # the title was counted already
        ctx.note(countries)
    figures = [a for a in found if a.kind in ("money", "quantity", "change") and not a.is_rate]
    periods = [p for p in periods_mod.find_periods(masked, s, e) if free(p)]
    facts = []
    if figures:
        cues = [c for c in find_cues(masked, s, e) if free(c)]
        clauses = _clauses(masked, s, e)
        pair_phrases = _pair_phrases(masked, countries)
        for fig in figures:
            fact = _link(doc, masked, article, sentence, fig, found, countries, cues, periods, clauses, pair_phrases, ctx, index)
            if fact is not None:
                facts.append(fact)
        if facts:
            ctx.last_fact_sentence = index
            ctx.last_flow = facts[-1].flow
            ctx.last_pair = (facts[-1].a, facts[-1].b)
    elif len({c.iso3 for c in countries}) == 2 and _pair_phrases(masked, countries):
        ctx.last_pair = _pair_phrases(masked, countries)[0][2]
    _update_frame(periods, ctx)
    return facts


def _shift(a: amounts_mod.Amount, offset: int) -> amounts_mod.Amount:
    from dataclasses import replace

    return replace(a, start=a.start + offset, end=a.end + offset, number_start=a.number_start + offset)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _clause_of(clauses, position: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= position < b or position == b:
            return a, b
    return clauses[-1]


def _pair_phrases(text: str, countries: list[CountryMention]) -> list[tuple[int, int, tuple[str, str]]]:
    """'Kazakhstan and Mongolia', 'Kyrgyz-Russian', 'between A and B': two countries written as a pair."""
    out = []
    for i in range(len(countries) - 1):
        m1, m2 = countries[i], countries[i + 1]
        if m1.iso3 == m2.iso3 or not _PAIR_JOIN.match(text[m1.end:m2.start]):
            continue
        in_list = i > 0 and regex.match(r"\A\s*,\s*\Z", text[countries[i - 1].end:m1.start])
        after_list = i + 2 < len(countries) and regex.match(r"\A\s*(?:,|and)\s*\Z", text[m2.end:countries[i + 2].start])
        if in_list or (after_list and "-" not in text[m1.end:m2.start]):
            continue
        out.append((m1.start, m2.end, (m1.iso3, m2.iso3)))
    return out


def _link(doc, text, article, sentence, fig, found, countries, cues, periods, clauses, pair_phrases, ctx, index):
    rules = list(fig.rules)
    cs, ce = _clause_of(clauses, fig.start)
    flow, flow_rule = _flow(fig, cues, cs, ce, sentence, ctx, index)
    if flow is None:
        return None
    rules.append(flow_rule)
    if fig.kind == "change" and not any(r.startswith("change.direction") or r in ("change.factor_word", "change.fold") for r in fig.rules):
        return None  # a percentage with no word of change is a share, not a change
    pair = _pair(text, fig, flow, countries, cues, cs, ce, sentence, pair_phrases, found, ctx, index)
    if pair is None:
        return None
    (a, b), pair_rule = pair
    rules.append(pair_rule)
    status, status_rule = _status(text, fig, cues, periods, cs, ce)
    if status_rule:
        rules.append(status_rule)
    span, period_rule = _period(fig, periods, cs, ce, sentence, ctx, a, b)
    if period_rule:
        rules.append(period_rule)
    quote = _quote(doc.text, sentence, fig)
    return Fact(
        doc=doc.doc, source=doc.source, article=article.title, published=doc.published,
        kind=fig.kind, a=a, b=b, flow=flow, status=status,
        year=span.year if span else None, period=span.text if span else None,
        value=fig.value, unit=fig.unit, approx=fig.approx, quote=quote,
        start=fig.number_start if fig.kind == "change" and "change.factor_word" not in fig.rules else fig.start,
        end=fig.end, rule="+".join(dict.fromkeys(r for r in rules if r)), unit_assumed=fig.unit_assumed,
    )


def _flow(fig, cues: list[Cue], cs: int, ce: int, sentence: Sentence, ctx: _Context, index: int):
    flow_cues = [c for c in cues if c.kind == "flow"]
    before = [c for c in flow_cues if cs <= c.start and c.end <= fig.start]
    after = [c for c in flow_cues if c.start >= fig.end and c.end <= ce]
    chosen = None
    if after and after[0].start - fig.end <= NEAR and (not before or fig.start - before[-1].end > after[0].start - fig.end):
        chosen = after[0]
    elif before:
        chosen = before[-1]
    elif after:
        chosen = after[0]
    else:
        earlier = [c for c in flow_cues if c.end <= cs]
        if earlier:
            chosen = earlier[-1]
    if chosen is None:
        if ctx.last_flow and ctx.last_fact_sentence == index - 1:
            return ctx.last_flow, "flow.previous_sentence"
        return None, None
    if chosen.value == "none":
        return None, None
    return chosen.value, chosen.rule


def _pair(text, fig, flow, countries, cues, cs, ce, sentence, pair_phrases, found, ctx, index):
    in_clause = [c for c in countries if cs <= c.start < ce]
    # the list item a figure belongs to: from the previous figure (or the clause start) to this one
    previous_end = max([x.end for x in found if x.end <= fig.start and x.kind in ("money", "quantity", "change")] + [cs])
    local = [c for c in in_clause if previous_end <= c.start < fig.start]
    roles = {id(c): country_roles(text, c, sentence.start) for c in countries}
    phrase = next((p for p in pair_phrases if cs <= p[0] < ce or (p[0] < fig.start and not in_clause)), None)
    has_context_cue = any(c.kind == "pair_context" for c in cues)

    if phrase is not None:
        a, b = phrase[2]
        return _direct(flow, a, b, countries, roles, fig), "pair.phrase"
    distinct = list(dict.fromkeys(c.iso3 for c in in_clause))
    sentence_distinct = list(dict.fromkeys(c.iso3 for c in countries))
    if len(distinct) >= 2:
        partner = local[-1].iso3 if local else _nearest(in_clause, fig).iso3
        reporter = _reporter([c for c in in_clause if c.iso3 != partner], roles, ctx) or next(x for x in distinct if x != partner)
        if len(distinct) > 2:
            focus = [x for x in ctx.focus((partner,)) if x in distinct or not _is_member(x, distinct)]
            reporter = _reporter([c for c in countries if c.iso3 != partner], roles, ctx) or (focus[0] if focus else reporter)
        return _direct(flow, reporter, partner, countries, roles, fig), "pair.sentence"
    single = distinct[0] if distinct else None
    if single is None and len(sentence_distinct) >= 2:
        return _direct(flow, sentence_distinct[0], sentence_distinct[1], countries, roles, fig), "pair.sentence"
    if single is None and len(sentence_distinct) == 1:
        single = sentence_distinct[0]
    if single is not None:
        mention = next(c for c in countries if c.iso3 == single)
        marked_partner = any(roles[id(c)] & {"destination", "origin", "host"} for c in countries if c.iso3 == single)
        list_item = bool(local) and _LIST_ITEM.match(text[local[-1].end:fig.start])
        other = None
        if ctx.last_pair and single in ctx.last_pair and ctx.last_fact_sentence >= index - 3:
            other = next(x for x in ctx.last_pair if x != single) if ctx.last_pair[0] != ctx.last_pair[1] else None
        if other is None and (marked_partner or list_item or has_context_cue):
            focus = ctx.focus((single,))
            other = focus[0] if focus else None
        if other is None or other == single:
            return None
        if marked_partner or list_item:
            return _direct(flow, other, single, countries, roles, fig, reporter=other), "pair.context"
        return _direct(flow, single, other, countries, roles, fig), "pair.context"
    if ctx.last_pair and (has_context_cue or ctx.last_fact_sentence >= index - 2):
        a, b = ctx.last_pair
        return _direct(flow, a, b, countries, roles, fig, reporter=a), "pair.context"
    if has_context_cue:
        focus = ctx.focus()
        if len(focus) >= 2:
            return _direct(flow, focus[0], focus[1], countries, roles, fig, reporter=focus[0]), "pair.context"
    return None


def _is_member(iso3: str, distinct: list[str]) -> bool:
    return iso3 in distinct


def _nearest(mentions: list[CountryMention], fig) -> CountryMention:
    return min(mentions, key=lambda c: abs(c.start - fig.start))


def _reporter(mentions: list[CountryMention], roles, ctx: _Context) -> str | None:
    for c in mentions:
        if "reporter" in roles[id(c)] and not roles[id(c)] & {"destination", "origin", "host"}:
            return c.iso3
    return None


def _direct(flow, a, b, countries, roles, fig, reporter=None):
    """Order the pair as ANNOTATION.md says: exporter first, importer first, investor first."""
    if flow in UNORDERED or a == b:
        return a, b
    pair = (a, b)
    marks = {}
    for c in countries:
        if c.iso3 in pair:
            marks.setdefault(c.iso3, set()).update(roles[id(c)])
    a_marks, b_marks = marks.get(a, set()), marks.get(b, set())
    if flow == "export":
        if "destination" in a_marks and "destination" not in b_marks or "origin" in b_marks and "origin" not in a_marks:
            return b, a
        return a, b
    if flow == "import":
        if "origin" in a_marks and "origin" not in b_marks:
            return b, a
        if "reporter" in b_marks and "reporter" not in a_marks and "origin" not in b_marks:
            return b, a
        return a, b
    if flow == "investment":
        if ("host" in a_marks or "destination" in a_marks) and not ({"host", "destination"} & b_marks):
            return b, a
        return a, b
    return a, b


def _status(text, fig, cues, periods, cs, ce):
    if is_start_point(text, fig.start, cs):
        return "actual", None
    target_cues = [c for c in cues if c.kind == "target" and cs <= c.start and c.end <= ce]
    if target_cues:
        return "target", target_cues[0].rule
    if any(p.is_target_year and cs <= p.start < ce for p in periods):
        return "target", "period.by_year"
    return "actual", None


def _period(fig, periods: list[PeriodMention], cs, ce, sentence, ctx: _Context, a, b):
    fiscal = periods_mod.fiscal_start(a) or periods_mod.fiscal_start(b)
    own = _own_period(fig, periods, cs, ce)
    if own is not None:
        span = periods_mod.resolve(own, ctx.published, ctx.frame, fiscal)
        return span, own.rule
    if ctx.frame is not None:
        return ctx.frame, "period.frame"
    return None, None


def _own_period(fig, periods: list[PeriodMention], cs, ce) -> PeriodMention | None:
    in_clause = [p for p in periods if cs <= p.start < ce]
    after = [p for p in in_clause if p.start >= fig.end and p.start - fig.end <= 40]
    before = [p for p in in_clause if p.end <= fig.start]
    if after and (not before or after[0].start - fig.end <= 12):
        return after[0]
    if before:
        return before[-1]
    if after:
        return after[0]
    return None


def _update_frame(periods: list[PeriodMention], ctx: _Context):
    for p in periods:
        if p.comparative or p.is_target_year:
            continue
        span = periods_mod.resolve(p, ctx.published, ctx.frame, None)
        if span is not None:
            ctx.frame = span


def _quote(text: str, sentence: Sentence, fig) -> str:
    quote = regex.sub(r"\s+", " ", text[sentence.start:sentence.end]).strip()
    if len(quote) <= QUOTE_MAX:
        return quote
    lo = max(sentence.start, fig.start - QUOTE_MAX // 2)
    hi = min(sentence.end, lo + QUOTE_MAX)
    return "…" + regex.sub(r"\s+", " ", text[lo:hi]).strip() + "…"


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """A figure repeated in one document (headline and body) is one fact: keep the more precise."""
    kept: list[Fact] = []
    for f in facts:
        key = (f.kind, f.flow, tuple(sorted((f.a, f.b))) if f.flow in UNORDERED else (f.a, f.b), f.status, f.unit)
        twin = None
        for k in kept:
            k_key = (k.kind, k.flow, tuple(sorted((k.a, k.b))) if k.flow in UNORDERED else (k.a, k.b), k.status, k.unit)
            if k_key == key and abs(k.value - f.value) <= 0.005 * max(abs(k.value), abs(f.value)) and (
                    k.year == f.year or k.year is None or f.year is None):
                twin = k
                break
        if twin is None:
            kept.append(f)
        elif _precision(f) > _precision(twin):
            kept[kept.index(twin)] = f
    return kept


def _precision(f: Fact) -> tuple[int, int]:
    digits = len(regex.sub(r"\D", "", f"{f.value:.6g}").rstrip("0"))
    return (f.year is not None, digits)
