"""Linking: an article read sentence by sentence, each figure made a fact or left out.

Figures that belong to the figure before them (a second currency, a change in brackets, a part
"of which", the other side of an exchange rate) take its links; every other figure gets the
flow and pair the candidates offer (candidates.py), then its status and period.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import patterns
from .. import periods as periods_mod
from ..articles import Article, split_articles
from ..cues import is_absolute_change, is_exchange_rate, is_part_of, opens_with_signing
from ..documents import Document
from .blocking import blocked
from .candidates import Candidate, candidates
from .context import Context, calendar_of, reporter_of, set_topic, update_reporter, update_topic
from .currency import RULE as REPORTER_CURRENCY, reported_unit, unit_rules
from .decision import Choice, Decision, shipped
from .direction import ordered
from .fact import Fact, dedupe, link_rules, quote
from .flows import attached_after, preferred_flow
from .mentions import Mentions, gather, sentence_amounts, figures_of
from .periods import period, resolve_periods, update_frames
from .status import status as status_of
from .words import link_words

# a change in brackets right after a level is that level's change: "$22.6 bln (+2.3%)",
# "Turkey with $7.459 billion (23 percent growth)"
_BRACKETED = patterns.compile(r"\A\s*[(\[]\s*\Z")


@dataclass
class Reading:
    """What became of one figure: the candidates weighed and the choice, or the rule that settled
    it before any weighing (a second currency of the figure before, an absolute change, ...)."""

    doc: str
    article: str
    sentence: str
    figure: object  # the Amount
    figure_text: str
    candidates: list[Candidate] = field(default_factory=list)
    choice: Choice | None = None
    settled_by: str | None = None
    fact: Fact | None = None


@dataclass
class _Run:
    doc: Document
    decision: Decision
    readings: list[Reading] | None  # filled when the caller asks why (explain, training)
    article: str = ""

    def read(self, m: Mentions, fig, **what) -> Reading | None:
        if self.readings is None:
            return None
        sentence = patterns.squeeze(m.text[m.sentence.start:m.sentence.end]).strip()
        reading = Reading(self.doc.doc, self.article, sentence, fig, m.text[fig.start:fig.end], **what)
        self.readings.append(reading)
        return reading


def extract_document(doc: Document, decision: Decision | None = None, readings: list[Reading] | None = None) -> list[Fact]:
    """The document's facts; `decision` weighs the candidates (the shipped weights by default),
    and `readings`, when given, receives what became of every figure."""
    run = _Run(doc, decision or shipped(), readings)
    masked, articles = split_articles(doc.text, doc.date_lines)
    facts: list[Fact] = []
    for article in articles:
        facts.extend(_extract_article(run, masked, article))
    return dedupe(facts)


def _extract_article(run: _Run, masked: str, article: Article) -> list[Fact]:
    doc = run.doc
    run.article = article.title
    amounts = [sentence_amounts(masked, sentence) for sentence in article.sentences]
    with_figures = [i for i, found in enumerate(amounts) if figures_of(found)]
    if not with_figures:
        return []  # most news holds no figure of trade: the amount scan is all such an article costs
    # context runs forward, so the sentences after the last figure decide nothing but the
    # article's reporting country and calendar: their countries are all that is read there
    last = with_figures[-1]
    gathered = [gather(masked, sentence, i, found, full=i <= last)
                for i, (sentence, found) in enumerate(zip(article.sentences, amounts))]
    ctx = Context(doc.published, reporter_of(gathered), fiscal_country=calendar_of(gathered))
    facts: list[Fact] = []
    for m in gathered[:last + 1]:
        ctx.note(m.countries)
        if m.sentence.paragraph_start:
            ctx.paragraph = None
        spans = resolve_periods(m, ctx)
        sentence_facts, own = _link_sentence(run, article, m, ctx, spans)
        following = gathered[m.index + 1].sentence if m.index + 1 < len(gathered) else None
        if following is not None and opens_with_signing(masked, following.start, following.end):
            sentence_facts = [_signed(f, doc) for f in sentence_facts]
        facts.extend(sentence_facts)
        update_reporter(m, ctx)
        update_topic(m, sentence_facts, ctx)
        update_frames(m, spans, own, ctx, {f.start for f in sentence_facts})
    return facts


def _signed(fact: Fact, doc: Document) -> Fact:
    """A figure promised in a sentence whose agreements the next sentence says were signed: a
    signed deal, dated by the page."""
    if fact.status != "target" or fact.flow == "deal":
        return fact
    span = periods_mod.whole_year(doc.published.year) if doc.published else None
    return replace(fact, flow="deal", status="actual", year=span.year if span else None,
                   period=span.text if span else None,
                   rule="+".join(r for r in fact.rule.split("+") if not r.startswith(("flow.", "status.", "period.")))
                   + "+flow.signed_next" + ("+period.page_date" if span else ""))


def _link_sentence(run: _Run, article: Article, m: Mentions, ctx: Context, spans: dict) -> tuple[list[Fact], set[int]]:
    """The facts of one sentence, and the ids of the time phrases that are their own periods."""
    facts: list[Fact] = []
    own: set[int] = set()
    heads: dict[int, Fact | None] = {}
    respectively = _respectively(m, ctx.reporter)
    group_end = {}  # a figure's end, or the end of the figures in brackets or other currencies after it
    head = None
    for previous, fig in zip([None] + m.figures, m.figures):
        # a change or a second currency in brackets belongs to the figure before it; a second
        # figure of the same kind and unit in brackets is another figure ("$1.5 billion ($1.4
        # billion over the same period of 2022)")
        if previous is not None and head is not None and (
                _is_alias(m.text, previous, fig, ctx.reporter) or _BRACKETED.match(m.text[previous.end:fig.start])
                and (fig.kind, fig.unit) != (previous.kind, previous.unit)):
            group_end[id(head)] = m.text.find(")", fig.end, fig.end + 3) + 1 or fig.end
            group_end.setdefault(id(fig), fig.end)
        else:
            head = fig
            group_end[id(fig)] = fig.end
    previous = None
    for fig in m.figures:
        if previous is not None and _is_alias(m.text, previous, fig, ctx.reporter):
            head = heads.get(id(previous))
            heads[id(fig)] = head
            if head is not None:
                facts.append(_alias_fact(head, fig, m, ctx.reporter))
            run.read(m, fig, settled_by="money.same_figure", fact=facts[-1] if head is not None else None)
            previous = fig
            continue
        if (previous is not None and fig.kind == "change" and previous.kind != "change"
                and heads.get(id(previous)) is not None and link_words().companion_gap.match(m.text[previous.end:fig.start])):
            head = heads[id(previous)]
            heads[id(fig)] = None
            companion = None
            if is_directed_change(fig):
                companion = replace(head, kind="change", value=fig.value, unit=fig.unit, approx=fig.approx,
                                    start=fig.start, end=fig.end, unit_assumed=False,
                                    rule="+".join(list(fig.rules) + ["change.companion"] + link_rules(head)))
                facts.append(companion)
            run.read(m, fig, settled_by="change.companion", fact=companion)
            previous = fig
            continue
        if (previous is not None and previous.kind == fig.kind != "change" and heads.get(id(previous)) is not None
                and is_part_of(m.text, previous.end, fig.start) and not _flow_named_after(fig, m)):
            head = heads[id(previous)]
            unit = reported_unit(fig, ctx.reporter, (head.a, head.b))
            part = replace(head, value=fig.value, unit=unit, approx=fig.approx, start=fig.start, end=fig.end,
                           unit_assumed=fig.unit_assumed, quote=quote(m.text, m.sentence, fig),
                           rule="+".join(list(fig.rules) + unit_rules(fig, unit) + ["flow.part_of"] + link_rules(head)))
            heads[id(fig)] = part
            facts.append(part)
            run.read(m, fig, settled_by="flow.part_of", fact=part)
            previous = fig
            continue
        if previous is not None and is_exchange_rate(m.text, previous.end, fig.start):
            if facts and heads.get(id(previous)) is facts[-1]:
                facts.pop()
            heads[id(fig)] = None
            run.read(m, fig, settled_by="flow.exchange_rate")
            previous = fig
            continue
        fact = _link(run, article, fig, m, ctx, respectively, spans, own, group_end[id(fig)])
        heads[id(fig)] = fact
        if fact is not None:
            facts.append(fact)
            ctx.last_flow = (fact.flow, m.index)
            if not _is_list_item(fact):
                set_topic(ctx, fact, m.index)
        previous = fig
    return facts, own


def _flow_named_after(fig, m: Mentions) -> bool:
    """A flow word right after the figure: '$4.8 billion, of which $4.5 billion were exports'."""
    return any(c.kind == "flow" and c.start >= fig.end and attached_after(m.text, fig.end, c.start)
               for c in m.cues)


def _is_alias(text: str, previous, fig, reporter: str | None) -> bool:
    """One figure in a second currency: '716 billion rubles ($8.7 billion)', 'US$6.08 billion (N2.2tn)',
    and in a Canadian report '$5.2 billion (US$3.8 billion)': the currencies differ as read or as
    the article reports them."""
    return (previous.kind == fig.kind == "money"
            and (previous.unit != fig.unit or reported_unit(previous, reporter) != reported_unit(fig, reporter))
            and link_words().alias_gap.match(text[previous.end:fig.start]) is not None)


def _alias_fact(head: Fact, fig, m: Mentions, reporter: str | None) -> Fact:
    approx = fig.approx if fig.approx != "exact" else head.approx
    # its own currency, never the head's: in a Canadian report "C$5.2 billion ($3.8 billion)" is CAD and USD
    unit = reported_unit(fig, reporter, (head.a, head.b), other_than=head.unit)
    rules = [r for r in head.rule.split("+") if r != REPORTER_CURRENCY] + ["money.same_figure"] + unit_rules(fig, unit)
    return replace(head, value=fig.value, unit=unit, approx=approx, start=fig.start, end=fig.end,
                   quote=quote(m.text, m.sentence, fig), unit_assumed=fig.unit_assumed, rule="+".join(rules))


def _respectively(m: Mentions, reporter: str | None) -> dict:
    """'A, B and C accounted for $1, $2 and $3 respectively': the i-th country goes with the i-th figure."""
    if not link_words().respectively.search(m.text, m.sentence.start, m.sentence.end):
        return {}
    out = {}
    for countries in m.lists:
        heads = []
        previous = None
        for fig in m.figures:
            if fig.start > countries[-1].end and not (previous is not None and _is_alias(m.text, previous, fig, reporter)):
                heads.append(fig)
            previous = fig
        kinds = [f for f in heads if f.kind == heads[0].kind] if heads else []
        if len(kinds) == len(countries):
            out.update({id(f): c for f, c in zip(kinds, countries)})
    return out


def is_directed_change(fig) -> bool:
    """A change with a word of direction ("rose", "doubled"); without one a percentage is a share."""
    return any(r.startswith("change.direction") or r in ("change.factor_word", "change.fold") for r in fig.rules)


def _is_list_item(fact: Fact) -> bool:
    """A partner of a list ("China ($50.8 billion) and the UAE ($36.8 billion)") sets no topic."""
    return "pair.respectively" in fact.rule or "pair.item" in fact.rule


def _link(run: _Run, article, fig, m: Mentions, ctx: Context, respectively, spans, own, group_end) -> Fact | None:
    doc = run.doc
    cs, ce = m.clause_of(fig.start)
    if fig.kind in ("money", "quantity") and is_absolute_change(m.text, fig.start, fig.end, cs):
        run.read(m, fig, settled_by="flow.absolute_change")
        return None
    if fig.kind == "change" and not is_directed_change(fig):
        run.read(m, fig, settled_by="change.no_direction")  # a percentage with no word of change is a share
        return None
    preferred = preferred_flow(fig, m, cs, ce, ctx)
    block = blocked(fig, m, cs, ce, ctx, preferred)
    if block is not None:
        run.read(m, fig, settled_by=block)
        return None
    offered = candidates(fig, m, cs, ce, ctx, respectively, preferred)
    choice = run.decision.choose(offered)
    reading = run.read(m, fig, candidates=offered, choice=choice)
    if choice.candidate is None:
        return None
    flow_option, pair_option = choice.candidate.flow, choice.candidate.pair
    flow, flow_rule = flow_option.flow, flow_option.rule
    if pair_option.keeps_order_for == flow:
        a, b = pair_option.a, pair_option.b
    else:
        a, b = ordered(flow, pair_option.a, pair_option.b, pair_option.near, m, ctx,
                       reporter_first=pair_option.reporter_first, fig_start=fig.start)
    pair_rule = "pair.item" if any(e.startswith("item@") for e in pair_option.evidence) else pair_option.rules[0]
    status, status_rule = status_of(fig, flow_rule, m, cs, ce)
    span, period_rule, mention = period(fig, group_end, flow, status, m, cs, ce, ctx, spans)
    if mention is not None:
        own.add(id(mention))
    unit = reported_unit(fig, ctx.reporter, (a, b))
    rules = list(fig.rules) + unit_rules(fig, unit) + [flow_rule, pair_rule, status_rule, period_rule]
    fact = Fact(
        doc=doc.doc, source=doc.source, doc_hash=doc.doc_hash, article=article.title, published=doc.published,
        kind=fig.kind, a=a, b=b, flow=flow, status=status,
        year=span.year if span else None, period=span.text if span else None,
        value=fig.value, unit=unit, approx=fig.approx, quote=quote(m.text, m.sentence, fig),
        start=fig.start, end=fig.end, rule="+".join(dict.fromkeys(r for r in rules if r)),
        unit_assumed=fig.unit_assumed,
    )
    fact.confidence = run.decision.confidence(choice.probability, fact)
    if reading is not None:
        reading.fact = fact
    return fact
