"""Periods of facts: a figure's own time phrase, else the period running in its sentence, its
paragraph or the report's lead; and the frames a sentence leaves for those after it."""
from __future__ import annotations

from .. import periods as periods_mod
from ..periods import PeriodMention, Span
from .context import LEAD_SENTENCES, Context
from .mentions import Mentions
from .words import link_words

# phrases that a relative time phrase leaves unknown when the page has no date
_RELATIVE_RULES = ("period.relative_year", "period.first_months", "period.iranian_months", "period.years_ago", "period.month")


def _fiscal_country(ctx: Context, a: str, b: str) -> str | None:
    """Whose fiscal calendar a figure's fiscal years are in: the one the page names, else the
    article's reporting country's, else either country's."""
    for iso3 in (ctx.fiscal_country, ctx.reporter, a, b):
        if iso3 and periods_mod.fiscal_start(iso3):
            return iso3
    return None


def resolve_periods(m: Mentions, ctx: Context) -> dict[int, tuple[Span | None, Span | None]]:
    """Each time phrase of the sentence resolved in order, with the sentence's running period
    (the last stated before it) as its frame: id -> (span, running period before it)."""
    # the sentence's own reporting side first ("India's exports ... in FY18-19"), then the article's
    named = [x for x in [m.reporter_in(m.countries)] + [c.iso3 for c in m.countries] if x]
    fiscal = ctx.fiscal_country or next((x for x in named[:1] if periods_mod.fiscal_start(x)), None) or _fiscal_country(
        ctx, *(named[:2] if len(named) >= 2 else (named + [None, None])[:2]))
    running = None
    out = {}
    for p in m.periods:
        frame = running or ctx.paragraph or ctx.stated or ctx.lead
        span = periods_mod.resolve(p, ctx.published, frame, periods_mod.fiscal_start(fiscal), ctx.fiscal_country is not None)
        out[id(p)] = (span, running)
        if span is not None and not p.looks_back and not p.is_target_year:
            running = span
    return out


def period(fig, group_end, flow, status, m: Mentions, cs, ce, ctx: Context, spans):
    """The figure's period: its own time phrase, else the period stated before it in the
    sentence, in its paragraph, or in the report's lead. A deal is dated by the year it was
    signed: its own phrase's year, else the year of the page's date."""
    span, rule, mention = _period_of(fig, group_end, status, m, cs, ce, ctx, spans)
    if flow == "deal" and status == "actual":
        if mention is None:
            if ctx.published is None:
                return None, None, None
            return periods_mod.whole_year(ctx.published.year), "period.page_date", None
        if span is not None:
            return periods_mod.whole_year(span.year), rule, mention
    return span, rule, mention


def _period_of(fig, group_end, status, m: Mentions, cs, ce, ctx: Context, spans):
    own = _own_period(fig, group_end, status, m, cs, ce)
    if own is not None:
        span = spans[id(own)][0]
        if span is not None or own.rule in _RELATIVE_RULES or own.groups.get("rel"):
            return span, own.rule, own  # a relative phrase the page cannot resolve stays unknown
    if status == "target" or periods_mod.is_timeless(m.text, cs, ce):
        return None, None, None
    respective = _respective_period(fig, m, spans)
    if respective is not None:
        return respective, "period.respectively", None
    running = [spans[id(p)][0] for p in m.periods
               if p.end <= fig.start and not p.looks_back and not p.is_target_year and spans[id(p)][0] is not None]
    if running:
        return running[-1], "period.sentence", None
    later = [p for p in m.in_span(m.periods, fig.end, ce) if not p.looks_back and not p.is_target_year and spans[id(p)][0] is not None]
    if later:
        return spans[id(later[0])][0], "period.clause", later[0]
    if ctx.paragraph is not None:
        return ctx.paragraph, "period.paragraph", None
    if ctx.lead is not None:
        return ctx.lead, "period.lead", None
    return None, None, None


def _respective_period(fig, m: Mentions, spans) -> Span | None:
    """'... $1.77 billion in FY25 from $1.57 billion in FY24, whereas imports stood at $9.44
    billion and $9.0 billion, respectively': the i-th figure of a run closed by "respectively"
    takes the i-th of as many periods stated before the run."""
    closing = link_words().respectively.search(m.text, fig.end, m.sentence.end)
    if closing is None:
        return None
    stated = [p for p in m.periods if p.end <= fig.start and not p.is_target_year and spans[id(p)][0] is not None]
    if not stated:
        return None
    run = [f for f in m.figures if stated[-1].end <= f.start < closing.start() and f.kind == fig.kind]
    periods = list(dict.fromkeys(spans[id(p)][0] for p in stated))
    if len(run) < 2 or len(periods) != len(run) or fig not in run:
        return None
    return periods[run.index(fig)]


def _own_period(fig, group_end, status, m: Mentions, cs, ce) -> PeriodMention | None:
    """A time phrase right after the figure ("$150 million in 2023"; after its second currency,
    "$273 million (209 million euros) last year"), or after the figure before it and before
    this one ("in 2018 - $67.4 million")."""
    in_clause = [p for p in m.in_span(m.periods, cs, ce) if status == "target" or not p.is_target_year]
    if status == "target":
        # a goal's year is the one it is set for ("by 2030", "to $5 billion in 2025"), not the
        # date of the meeting that set it
        in_clause = [p for p in in_clause if p.is_target_year or p.start >= fig.end]
    previous_end = m.previous_end(fig, cs)
    # a change is also compared "over" or "on" its base (rules link.comparison, link.change_comparison)
    words = link_words()
    comparison = words.change_comparison if fig.kind == "change" else words.comparison
    end = group_end
    after = [p for p in in_clause if p.start >= end and p.start - end <= 40
             and not any(end <= x.start < p.start for x in m.figures)
             and not (p.comparative and comparison.search(m.text, end, p.start))]
    # a comparison ("compared to the same period in 2022") is the period of a figure right after it only
    before = [p for p in in_clause if previous_end <= p.start and p.end <= fig.start
              and (not p.comparative or fig.start - p.end <= 3)]
    in_brackets = m.text[max(cs, fig.start - 3):fig.start].rstrip().endswith("(")
    if after and in_brackets and ")" not in m.text[fig.end:after[0].start]:
        return after[0]  # "$2.1 billion in 2023 ($1.9 billion over the same period of 2022)"
    close_after = after and after[0].start - end <= 12
    if before and fig.start - before[-1].end <= 3 and (in_brackets or not close_after):
        # "in 2017-18 ($7.8 billion)", "in 2018 - $67 million"; but in "$7.4 billion in 2019-20,
        # $6.9 billion in 2018-19" or "in three months – 210.5% in June" the period just before
        # belongs to the figure before it, and this one has its own right after it
        return before[-1]
    if after and (not before or close_after):
        return after[0]
    if before:
        return before[-1]
    if after:
        return after[0]
    return None


def update_frames(m: Mentions, spans, own: set[int], ctx: Context, fact_starts: set[int]):
    """After a sentence: the last period it states becomes the paragraph's and the article's,
    unless it stands in a clause of contrast ("..., while the figure was $4.35 billion in
    2022") or dates a figure that is no fact ("54.1% of the world's copper in April 2023"); if
    it opens the sentence or belongs to no fact it is a lead for what follows."""
    for p in m.periods:
        span = spans[id(p)][0]
        if span is None or p.looks_back or p.is_target_year:
            continue
        if id(p) not in own and _dates_other_figure(p, m, fact_starts):
            continue
        cs, _ = m.clause_of(p.start)
        if link_words().contrast.search(m.text, max(m.sentence.start, cs - 12), cs):
            continue
        ctx.paragraph = ctx.stated = span
        opens = len(m.text[m.sentence.start:p.start].split()) <= 2
        in_lead = m.index <= LEAD_SENTENCES and ctx.lead is None
        if opens or in_lead or id(p) not in own:
            ctx.lead = span


def _dates_other_figure(p: PeriodMention, m: Mentions, fact_starts: set[int]) -> bool:
    """The time phrase follows a figure of the sentence that gave no fact, in a clause with no
    word of trade: the date of some other figure ("54.1% of the world's copper in April 2023")."""
    before = [f for f in m.figures if f.end <= p.start]
    if not before:
        return False
    last = max(before, key=lambda f: f.end)
    cs, ce = m.clause_of(last.start)
    return (last.start not in fact_starts and p.start - last.end <= 40 and cs <= p.start < ce
            and not any(c.kind in ("flow", "signing") and c.value != "none" for c in m.in_span(m.cues, cs, ce)))
