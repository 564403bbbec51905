"""Facts: each figure linked to its flow, pair, direction, status, year and period.

The linker reads an article sentence by sentence. Each sentence's mentions
(figures, countries, time phrases, cues) are gathered once; each figure is
then linked inside its clause, falling back to the sentence, then to the
article context: the article's reporting country, the topic (flow and pair)
of the sentences just before, and the period frame ("In 2022, ..." holds for
the figures after it until another period is stated). ANNOTATION.md is the
specification; each row's `rule` column lists the rules that decided it.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace


from . import amounts as amounts_mod
from . import patterns
from . import periods as periods_mod
from .articles import Article, Sentence, split_articles
from .countries import CountryMention, find_countries
from .cues import (Cue, completed_before, country_roles, find_cues, is_absolute_change, is_exchange_rate,
                   is_part_of, is_start_point, opens_with_signing, reason_asides, signed_after)
from .documents import Document
from .periods import PeriodMention, Span

UNORDERED = ("turnover", "deal")
TOPIC_REACH = 3  # sentences a topic (flow and pair) carries over without being restated
QUOTE_MAX = 300
LEAD_SENTENCES = 3  # the report's lead: a period stated in its first sentences frames what follows

# clause breaks; a relative clause between commas (", which ended last March,") is a clause of its own
_CLAUSE_BREAK = patterns.compile(r";|,?\s+(?:while|whilst|whereas|but|meanwhile)\s+|,\s+(?=which\s+)|\s+[-–—]\s+(?=[a-z])")
_ASIDE_END = patterns.compile(r",\s+")
_PAIR_JOIN = patterns.compile(r"\A\s*(?:-|–|—|/|and|&|,?\s*and)\s*(?:the\s+)?\Z")
# countries joined into a list, perhaps across one other member: "South Korea, the European Union (EU), Japan"
_LIST_JOIN = patterns.compile(r"\A\s*(?:,|,?\s*and|&)\s*(?:(?:the\s+)?\p{Lu}[^,;.]{0,40},\s*(?:and\s+)?)?(?:the\s+)?\Z")
# what may stand between a country and a figure of its own in a list: "Turkey with $7.5 billion",
# "China ($50.8 billion)", "Uzbekistan - $122.6 million", "Russia comes in second with a $4.4 billion"
_LIST_ITEM_GAP = patterns.compile(
    r"\A\s*(?:\([^()]{1,12}\)\s*)?"
    r"(?:(?:is|was|comes|came|ranks|ranked|ranking|stands|stood)\s+(?:in\s+|at\s+)?(?:the\s+)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|last|\d+(?:st|nd|rd|th))(?:\s+place)?"
    r"(?:\s+in\s+terms\s+of\s+\w+)?\s*[-–—:,]?\s*)?"
    r"(?:with\s+(?:a\s+|an\s+)?|with\s+(?:the\s+)?(?:purchases?|imports?|exports?|sales?)\s+of\s+[\w\s-]{0,40}?\s+(?:worth|valued\s+at)\s+"
    r"|[-–—:]\s*|\(\s*|,\s*)?\Z")
# a change in brackets right after a level is that level's change: "$22.6 bln (+2.3%)",
# "Turkey with $7.459 billion (23 percent growth)"
_BRACKETED = patterns.compile(r"\A\s*[(\[]\s*\Z")
_COMPANION_GAP = patterns.compile(r"\A\s*[(\[]\s*(?:a\s+|an\s+|up\s+|down\s+|or\s+)?\Z")
_ALIAS_GAP = patterns.compile(r"\A\)?\s*(?:\(|\[|,?\s*or\s+|/)\s*(?:about\s+|around\s+|some\s+|or\s+|nearly\s+|almost\s+)?\Z")
_RESPECTIVELY = patterns.compile(r"(?i)\brespectively\b")
_COMPARISON = patterns.compile(r"(?i)\b(?:compared|than|against|versus|vs\.?|from)\b")
# words between a figure and a cue after it that still make the cue its noun: "$1 billion
# trade turnover", "$1 billion in new export agreements", "$5.2 billion turnover"
_ATTACHED_AFTER = patterns.compile(
    r"\A\s*(?:(?:in|of|worth\s+of|were|was|are|is)\s+|(?:will|would|could|is|are|was|were|has|have|had)\s+(?:also\s+)?(?:be|been)\s+"
    r"|(?:of\s+[\w-]+\s+(?:[\w-]+\s+)?)?(?:is|are|was|were)\s+(?:planned|expected|due|set)\s+to\s+be\s+)?"
    r"(?:(?:new|annual|total|bilateral|mutual|two-way|non-oil|additional)\s+)*\Z")

_AND = patterns.compile(r"(?i)\band\b|&")
# what names the source of money paid: "from the deal", "as part of the agreement"
_SOURCE_BEFORE = patterns.compile(r"(?i)\b(?:from|under|as\s+part\s+of|within)\s+(?:the|this|that|a|an)\s+(?:[\w-]+\s+){0,2}\Z")
# a flow word that completes the noun before it ("the share ... of exports")
_COMPLEMENT_BEFORE = patterns.compile(
    r"\b(?i:of|in)\s+(?:(?i:the|its|their)\s+|\p{Lu}[\w.-]*(?:['’]s)?\s+)?(?:(?i:total|overall)\s+)?(?:(?i:volume|value)\s+of\s+)?\Z")
_PREPOSITION_BEFORE = patterns.compile(r"(?i)\b(?:with|to|from|in)\s+(?:the\s+)?\Z")
_HYPHEN_JOIN = patterns.compile(r"\A\s*[-–—/]\s*\Z")
_COMMA_BEFORE = patterns.compile(r",\s*(?:the\s+)?\Z")
_COMMA = patterns.compile(r"[,;]")
_CLAUSE_TURN = patterns.compile(r",|\b(?:and|as|but|while)\b")
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


@dataclass
class _Topic:
    flow: str | None
    pair: tuple[str, str]
    sentence: int
    ordered: bool = False  # the pair is in the order of its direction (exporter first)


@dataclass
class _Context:
    published: dt.date | None
    reporter: str | None
    counts: Counter = field(default_factory=Counter)
    first_seen: dict = field(default_factory=dict)
    fiscal_country: str | None = None  # the calendar the page names ("Indian fiscal year", "Iranian year")
    lead: Span | None = None  # the period a report's lead states for the figures after it
    paragraph: Span | None = None  # the last period stated in the current paragraph
    stated: Span | None = None  # the last period stated in the article ("the period under review")
    topic: _Topic | None = None

    def note(self, mentions: list[CountryMention]):
        for m in mentions:
            self.counts[m.iso3] += 1
            self.first_seen.setdefault(m.iso3, m.start)

    def focus(self, exclude: tuple[str, ...] = ()) -> list[str]:
        ranked = sorted(self.counts, key=lambda c: (-self.counts[c], self.first_seen[c]))
        return [c for c in ranked if c not in exclude]

    def recent_topic(self, index: int) -> _Topic | None:
        if self.topic is not None and index - self.topic.sentence <= TOPIC_REACH:
            return self.topic
        return None

    def other_than(self, iso3: str) -> str | None:
        if self.reporter and self.reporter != iso3:
            return self.reporter
        focus = self.focus((iso3,))
        return focus[0] if focus else None


@dataclass
class _Mentions:
    """Everything found in one sentence, with the roles of its countries."""

    text: str
    sentence: Sentence
    index: int
    figures: list
    countries: list[CountryMention]
    periods: list[PeriodMention]
    cues: list[Cue]
    clauses: list[tuple[int, int]]
    roles: dict
    pair_phrases: list[tuple[int, int, tuple[str, str]]]
    lists: list[list[CountryMention]]
    items: set[int]  # ids of countries that head a figure of their own: "Turkey with $7.5 billion"

    def clause_of(self, position: int) -> tuple[int, int]:
        for a, b in self.clauses:
            if a <= position < b:
                return a, b
        return self.clauses[-1]

    def in_span(self, items, start, end):
        return [x for x in items if start <= x.start < end]

    def list_of(self, mention: CountryMention) -> list[CountryMention] | None:
        return next((l for l in self.lists if mention in l), None)


def extract_document(doc: Document) -> list[Fact]:
    masked, articles = split_articles(doc.text, doc.date_lines)
    facts: list[Fact] = []
    for article in articles:
        facts.extend(_extract_article(doc, masked, article))
    return _dedupe(facts)


def _extract_article(doc: Document, masked: str, article: Article) -> list[Fact]:
    amounts = [_amounts(masked, sentence) for sentence in article.sentences]
    with_figures = [i for i, found in enumerate(amounts) if _figures(found)]
    if not with_figures:
        return []  # most news holds no figure of trade: the amount scan is all such an article costs
    # context runs forward, so the sentences after the last figure decide nothing but the
    # article's reporting country and calendar: their countries are all that is read there
    last = with_figures[-1]
    gathered = [_gather(masked, sentence, i, found, full=i <= last)
                for i, (sentence, found) in enumerate(zip(article.sentences, amounts))]
    ctx = _Context(doc.published, _reporter_of(gathered), fiscal_country=_calendar_of(gathered))
    facts: list[Fact] = []
    for m in gathered[:last + 1]:
        ctx.note(m.countries)
        if m.sentence.paragraph_start:
            ctx.paragraph = None
        spans = _resolve_periods(m, ctx)
        sentence_facts, own = _link_sentence(doc, article, m, ctx, spans)
        following = gathered[m.index + 1].sentence if m.index + 1 < len(gathered) else None
        if following is not None and opens_with_signing(masked, following.start, following.end):
            sentence_facts = [_signed(f, doc) for f in sentence_facts]
        facts.extend(sentence_facts)
        _update_topic(m, sentence_facts, ctx)
        _update_frames(m, spans, own, ctx, {f.start for f in sentence_facts})
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


def _amounts(text: str, sentence: Sentence) -> list:
    s, e = sentence.start, sentence.end
    return [replace(a, start=a.start + s, end=a.end + s, number_start=a.number_start + s)
            for a in amounts_mod.find_amounts(text[s:e])]


def _figures(found: list) -> list:
    # "a euro" is a unit, not a figure of trade
    return [a for a in found if a.kind in ("money", "quantity", "change") and not a.is_rate
            and "money.article_unit" not in a.rules]


def _gather(text: str, sentence: Sentence, index: int, found: list, full: bool = True) -> _Mentions:
    """The sentence's mentions; with `full` false only its countries and their roles."""
    s, e = sentence.start, sentence.end
    figures = _figures(found)
    spans = [(a.start, a.end) for a in found if a.kind != "number"]

    def free(x):
        return not any(x.start < b and a < x.end for a, b in spans)

    countries = [c for c in find_countries(text, s, e) if free(c)]
    clauses = _clauses(text, s, e)
    roles = {}
    for c in countries:
        cs, _ = next(((a, b) for a, b in clauses if a <= c.start < b), clauses[-1])
        roles[id(c)] = country_roles(text, c, cs)
    if not full:
        return _Mentions(text, sentence, index, figures, countries, [], [], clauses, roles, [], [], set())
    return _Mentions(
        text, sentence, index, figures, countries,
        [p for p in periods_mod.find_periods(text, s, e) if free(p)],
        [c for c in find_cues(text, s, e) if free(c)],
        clauses, roles, _pair_phrases(text, countries), _country_lists(text, countries),
        _list_items(text, countries, figures),
    )


def _list_items(text: str, countries: list[CountryMention], figures) -> set[int]:
    """Countries right before a figure of their own: 'China ($50,792.83 million)', 'Turkey with
    $7.459 billion', 'Uzbekistan - 122.6 million dollars'."""
    items = set()
    for fig in figures:
        before = [c for c in countries if c.end <= fig.start]
        if before and _LIST_ITEM_GAP.match(text[before[-1].end:fig.start]):
            items.add(id(before[-1]))
    return items


def _reporter_of(gathered: list[_Mentions]) -> str | None:
    """The country whose figures the article reports: the first marked as the reporting side
    ("Nigeria's imports", "Kazakh exports") in the article's lead, else the first named that is
    no partner."""
    first = unmarked = None
    for m in gathered:
        for c in m.countries:
            roles = m.roles[id(c)]
            first = first or c.iso3
            if not roles & PARTNER_ROLES:
                unmarked = unmarked or c.iso3
                if "reporter" in roles and m.index <= LEAD_SENTENCES:
                    return c.iso3
    return unmarked or first


_CALENDAR_AFTER = patterns.compile(r"(?i)(?:[’']s)?\s+(?:calendar\s+|fiscal\s+|financial\s+)+year\b|\s+year\s+1[34]\d\d\b|\s+(?:calendar\s+)?year\b")


def _calendar_of(gathered: list[_Mentions]) -> str | None:
    """The country whose fiscal calendar the page names ("the Indian fiscal year", "the current
    Iranian year"), when that calendar does not start in January."""
    for m in gathered:
        for c in m.countries:
            if periods_mod.fiscal_start(c.iso3) not in (None, 1) and _CALENDAR_AFTER.match(m.text, c.end):
                return c.iso3
    return None


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    breaks = []
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        breaks.append((m.start(), m.end()))
        if text.startswith("which", m.end()):
            close = _ASIDE_END.search(text, m.end(), end)
            if close and ";" not in text[m.end():close.start()]:
                breaks.append((close.start(), close.end()))
    out, pos = [], start
    for b_start, b_end in sorted(breaks):
        if b_start >= pos:
            out.append((pos, b_start))
            pos = b_end
    out.append((pos, end))
    return out


def _country_lists(text: str, countries: list[CountryMention]) -> list[list[CountryMention]]:
    """Runs of countries joined by commas and 'and': 'China, Iraq, the UAE and Turkey'."""
    lists, run = [], []
    for c in countries:
        if run and _LIST_JOIN.match(text[run[-1].end:c.start]) and c.iso3 != run[-1].iso3:
            run.append(c)
        else:
            if len(run) >= 2:
                lists.append(run)
            run = [c]
    if len(run) >= 2:
        lists.append(run)
    # two countries are a list only as partners after a preposition ("with China and India");
    # "to Iran, China was ..." is a comma between clauses
    return [l for l in lists if len(l) >= 3 or _is_list_of_two(text, l)]


def _is_list_of_two(text: str, run: list[CountryMention]) -> bool:
    """'with China and India': two partners joined by "and" after a preposition are a group."""
    before = text[max(0, run[0].start - 12):run[0].start]
    joined = _AND.search(text[run[0].end:run[-1].start])
    return bool(joined and _PREPOSITION_BEFORE.search(before))


def _pair_phrases(text: str, countries: list[CountryMention]) -> list[tuple[int, int, tuple[str, str]]]:
    """'Kazakhstan and Mongolia', 'Kyrgyz-Russian', 'between A and B': two countries written as a pair."""
    out = []
    for i in range(len(countries) - 1):
        m1, m2 = countries[i], countries[i + 1]
        if m1.iso3 == m2.iso3 or not _PAIR_JOIN.match(text[m1.end:m2.start]):
            continue
        hyphen = _HYPHEN_JOIN.match(text[m1.end:m2.start]) is not None
        comma_before = _COMMA_BEFORE.search(text[max(0, m1.start - 8):m1.start])
        list_after = i + 2 < len(countries) and _LIST_JOIN.match(text[m2.end:countries[i + 2].start])
        between = "between" in text[max(0, m1.start - 12):m1.start]
        if not hyphen and (comma_before or list_after or _is_list_of_two(text, [m1, m2]) and not between):
            continue
        others = {c.iso3 for c in countries} - {m1.iso3, m2.iso3}
        if others and not (hyphen or between):
            continue  # "China and Afghanistan are the main importers of Kazakh grain": two partners of a third
        out.append((m1.start, m2.end, (m1.iso3, m2.iso3)))
    return out


def _link_sentence(doc: Document, article: Article, m: _Mentions, ctx: _Context, spans: dict) -> tuple[list[Fact], set[int]]:
    """The facts of one sentence, and the ids of the time phrases that are their own periods."""
    facts: list[Fact] = []
    own: set[int] = set()
    heads: dict[int, Fact | None] = {}
    respectively = _respectively(m)
    group_end = {}  # a figure's end, or the end of the figures in brackets or other currencies after it
    head = None
    for previous, fig in zip([None] + m.figures, m.figures):
        # a change or a second currency in brackets belongs to the figure before it; a second
        # figure of the same kind and unit in brackets is another figure ("$1.5 billion ($1.4
        # billion over the same period of 2022)")
        if previous is not None and head is not None and (
                _is_alias(m.text, previous, fig) or _BRACKETED.match(m.text[previous.end:fig.start])
                and (fig.kind, fig.unit) != (previous.kind, previous.unit)):
            group_end[id(head)] = m.text.find(")", fig.end, fig.end + 3) + 1 or fig.end
            group_end.setdefault(id(fig), fig.end)
        else:
            head = fig
            group_end[id(fig)] = fig.end
    previous = None
    for fig in m.figures:
        if previous is not None and _is_alias(m.text, previous, fig):
            head = heads.get(id(previous))
            heads[id(fig)] = head
            if head is not None:
                facts.append(_alias_fact(head, fig, m, doc))
            previous = fig
            continue
        if (previous is not None and fig.kind == "change" and previous.kind != "change"
                and heads.get(id(previous)) is not None and _COMPANION_GAP.match(m.text[previous.end:fig.start])):
            head = heads[id(previous)]
            heads[id(fig)] = None
            if _is_directed_change(fig):
                facts.append(replace(head, kind="change", value=fig.value, unit=fig.unit, approx=fig.approx,
                                     start=fig.start, end=fig.end, unit_assumed=False,
                                     rule="+".join(list(fig.rules) + ["change.companion"] + _link_rules(head))))
            previous = fig
            continue
        if (previous is not None and previous.kind == fig.kind != "change" and heads.get(id(previous)) is not None
                and is_part_of(m.text, previous.end, fig.start) and not _flow_named_after(fig, m)):
            head = heads[id(previous)]
            part = replace(head, value=fig.value, unit=fig.unit, approx=fig.approx, start=fig.start, end=fig.end,
                           unit_assumed=fig.unit_assumed, quote=_quote(m.text, m.sentence, fig),
                           rule="+".join(list(fig.rules) + ["flow.part_of"] + _link_rules(head)))
            heads[id(fig)] = part
            facts.append(part)
            previous = fig
            continue
        if previous is not None and is_exchange_rate(m.text, previous.end, fig.start):
            if facts and heads.get(id(previous)) is facts[-1]:
                facts.pop()
            heads[id(fig)] = None
            previous = fig
            continue
        fact = _link(doc, article, fig, m, ctx, respectively, spans, own, group_end[id(fig)])
        heads[id(fig)] = fact
        if fact is not None:
            facts.append(fact)
            if "pair.respectively" not in fact.rule and "pair.item" not in fact.rule:
                ctx.topic = _Topic(fact.flow, (fact.a, fact.b), m.index, fact.flow not in UNORDERED)
        previous = fig
    return facts, own


def _flow_named_after(fig, m: _Mentions) -> bool:
    """A flow word right after the figure: '$4.8 billion, of which $4.5 billion were exports'."""
    return any(c.kind == "flow" and c.start >= fig.end and _ATTACHED_AFTER.match(m.text[fig.end:c.start])
               for c in m.cues)


def _is_alias(text: str, previous, fig) -> bool:
    """One figure in a second currency: '716 billion rubles ($8.7 billion)', 'US$6.08 billion (N2.2tn)'."""
    return (previous.kind == fig.kind == "money" and previous.unit != fig.unit
            and _ALIAS_GAP.match(text[previous.end:fig.start]) is not None)


def _alias_fact(head: Fact, fig, m: _Mentions, doc: Document) -> Fact:
    approx = fig.approx if fig.approx != "exact" else head.approx
    return replace(head, value=fig.value, unit=fig.unit, approx=approx, start=fig.start, end=fig.end,
                   quote=_quote(m.text, m.sentence, fig), unit_assumed=fig.unit_assumed,
                   rule=head.rule + "+money.same_figure")


def _respectively(m: _Mentions) -> dict[int, CountryMention]:
    """'A, B and C accounted for $1, $2 and $3 respectively': the i-th country goes with the i-th figure."""
    if not _RESPECTIVELY.search(m.text, m.sentence.start, m.sentence.end):
        return {}
    out = {}
    for countries in m.lists:
        heads = []
        previous = None
        for fig in m.figures:
            if fig.start > countries[-1].end and not (previous is not None and _is_alias(m.text, previous, fig)):
                heads.append(fig)
            previous = fig
        kinds = [f for f in heads if f.kind == heads[0].kind] if heads else []
        if len(kinds) == len(countries):
            out.update({id(f): c for f, c in zip(kinds, countries)})
    return out


def _link(doc, article, fig, m: _Mentions, ctx: _Context, respectively, spans, own, group_end) -> Fact | None:
    cs, ce = m.clause_of(fig.start)
    if fig.kind in ("money", "quantity") and is_absolute_change(m.text, fig.start, fig.end, cs):
        return None
    if fig.kind == "change" and not _is_directed_change(fig):
        return None  # a percentage with no word of change is a share, not a change
    flow, flow_rule = _flow(fig, m, cs, ce, ctx)
    if flow is None:
        return None
    linked = _pair(fig, flow, m, cs, ce, ctx, respectively)
    if linked is None:
        return None
    (a, b), pair_rule = linked
    status, status_rule = _status(fig, flow_rule, m, cs, ce)
    span, period_rule, mention = _period(fig, group_end, flow, status, m, cs, ce, ctx, spans)
    if mention is not None:
        own.add(id(mention))
    rules = list(fig.rules) + [flow_rule, pair_rule, status_rule, period_rule]
    return Fact(
        doc=doc.doc, source=doc.source, doc_hash=doc.doc_hash, article=article.title, published=doc.published,
        kind=fig.kind, a=a, b=b, flow=flow, status=status,
        year=span.year if span else None, period=span.text if span else None,
        value=fig.value, unit=fig.unit, approx=fig.approx, quote=_quote(m.text, m.sentence, fig),
        start=fig.start, end=fig.end, rule="+".join(dict.fromkeys(r for r in rules if r)),
        unit_assumed=fig.unit_assumed,
    )


def _link_rules(fact: Fact) -> list[str]:
    """The rules that linked a fact (flow, pair, status, period), without those that read its figure."""
    return [r for r in fact.rule.split("+") if r.split(".")[0] in ("flow", "pair", "status", "period")]


def _is_directed_change(fig) -> bool:
    return any(r.startswith("change.direction") or r in ("change.factor_word", "change.fold") for r in fig.rules)


def _flow(fig, m: _Mentions, cs: int, ce: int, ctx: _Context):
    asides = [(a, b) for a, b in reason_asides(m.text, cs, ce) if not a <= fig.start < b]
    clause_cues = [c for c in m.in_span(m.cues, cs, ce) if not any(a <= c.start < b for a, b in asides)]
    signing = [c for c in clause_cues if c.kind == "signing"]
    targets = [c for c in clause_cues if c.kind in ("target", "infinitive")]
    for verb in signing:
        if verb.end <= fig.start and not any(verb.end <= t.start < fig.start for t in targets):
            return "deal", verb.rule
    if signed_after(m.text, fig.end, ce):
        return "deal", "flow.signing"
    flow_cues = [c for c in clause_cues if c.kind == "flow"]
    before = [c for c in flow_cues if c.end <= fig.start]
    after = [c for c in flow_cues if c.start >= fig.end]
    chosen = None
    if after and _ATTACHED_AFTER.match(m.text[fig.end:after[0].start]) and (
            not before or fig.start - before[-1].end > after[0].start - fig.end):
        chosen = after[0]
    elif before:
        chosen = before[-1]
        if _is_complement(m, cs, chosen):
            # "the share of copper in the total volume of exports decreased", "bilateral trade of
            # imports of fuel rose": the head noun is what the figure measures, not its complement
            chosen = next((c for c in reversed(before) if not _is_complement(m, cs, c)), chosen)
    elif after:
        chosen = after[0]
        topic = ctx.recent_topic(m.index)
        if (topic is not None and topic.flow not in (None, chosen.value)
                and _SOURCE_BEFORE.search(m.text, max(cs, chosen.start - 40), chosen.start)):
            # "got another $3 billion of funding from the deal": money paid under a deal goes on
            # with the flow the article was about, not the deal's signed value
            return topic.flow, "flow.topic"
    else:
        earlier = [c for c in m.cues if c.kind == "flow" and c.end <= cs]
        chosen = earlier[-1] if earlier else None
    if chosen is None:
        topic = ctx.recent_topic(m.index)
        if topic is not None and topic.flow is not None and not any(c.kind == "flow" for c in m.cues):
            return topic.flow, "flow.topic"
        return None, None
    if chosen.value == "none":
        return None, None
    return chosen.value, chosen.rule


PARTNER_ROLES = {"destination", "origin", "host", "partner"}


def _pair(fig, flow, m: _Mentions, cs, ce, ctx: _Context, respectively):
    # countries after the figure count only when they follow it closely ("$4.8 billion of Chinese
    # investment to Brazil"), not in a clause of reasons after it
    in_clause = [c for c in m.in_span(m.countries, cs, ce)
                 if c.start < fig.start or not _COMMA.search(m.text[fig.end:c.start])]
    previous_end = max([x.end for x in m.figures if x.end <= fig.start] + [cs])
    local = [c for c in in_clause if previous_end <= c.start < fig.start]
    # the countries whose roles order the pair: those of the figure's own stretch of text, up
    # to a country that starts the next statement ("... by 182 percent and India's exports ...")
    later_figures = [x.start for x in m.figures if x.start >= fig.end and x.start < ce]
    after = []
    for c in (c for c in in_clause if c.start >= fig.end):
        roles = m.roles[id(c)]
        if "reporter" in roles and not roles & PARTNER_ROLES and any(x > c.end for x in later_figures):
            break
        if local and any(x < c.start and _flow_between(m, fig.end, x) for x in later_figures):
            break  # "Georgia exported $61 million and imported $97 million of Turkish goods": the next statement's
        after.append(c)
    near = local + after or in_clause
    has_context_cue = any(c.kind == "pair_context" for c in m.cues)
    if _no_country_pair(m, fig, cs, ce, in_clause, has_context_cue):
        return None

    if id(fig) in respectively:
        partner = respectively[id(fig)].iso3
        return _ordered(flow, _reporter_for(partner, m, ctx), partner, near, m, ctx, reporter_first=False, fig_start=fig.start), "pair.respectively"
    # a pair after the figure counts as closely as a country does: not behind a comma ("..., after
    # freight costs fell due to the Iran-Iraq border reopening")
    phrase = next((p for p in m.pair_phrases if cs <= p[0] < ce and (p[1] <= fig.start or not any(
        p[1] <= x.start < fig.start for x in m.figures) and p[0] >= fig.end
        and not _COMMA.search(m.text[fig.end:p[0]]))), None)
    if phrase is not None:
        return _ordered(flow, *phrase[2], near, m, ctx, fig_start=fig.start), "pair.phrase"
    distinct = list(dict.fromkeys(c.iso3 for c in in_clause))
    if _group_item(fig, m, cs):
        return None  # "... to neighbouring countries (2.9 million tons)": a group's figure
    if len(distinct) >= 2:
        partner_mention = _partner_mention(fig, local, in_clause, m)
        if partner_mention is None or (m.list_of(partner_mention) and id(partner_mention) not in m.items):
            return None  # a group of partners: "with China, Iraq, the UAE and Turkey"
        partner = partner_mention.iso3
        reporter = _reporter_in(m.countries, m, exclude=partner)
        if reporter is None:
            others = [c.iso3 for c in in_clause if c.iso3 != partner and id(c) not in m.items]
            reporter = others[0] if others and id(partner_mention) not in m.items else ctx.other_than(partner)
        if reporter is None:
            return None
        rule = "pair.item" if id(partner_mention) in m.items else "pair.clause"
        return _ordered(flow, reporter, partner, near, m, ctx, reporter_first=False, fig_start=fig.start), rule
    sentence_distinct = list(dict.fromkeys(c.iso3 for c in m.countries if not m.list_of(c)))
    if not distinct and len(sentence_distinct) >= 2:
        if m.pair_phrases:
            return _ordered(flow, *m.pair_phrases[0][2], [], m, ctx), "pair.sentence"
        reporter = _reporter_in(m.countries, m) or (ctx.reporter if ctx.reporter in sentence_distinct else sentence_distinct[0])
        partner = next(x for x in sentence_distinct if x != reporter)
        return _ordered(flow, reporter, partner, [], m, ctx, reporter_first=False), "pair.sentence"
    single_mentions = in_clause or m.countries
    if single_mentions:
        single = single_mentions[0].iso3
        marked_partner = any(m.roles[id(c)] & PARTNER_ROLES for c in single_mentions)
        list_item = any(id(c) in m.items for c in local)
        if any(m.list_of(c) for c in single_mentions) and not list_item:
            return None
        topic = ctx.recent_topic(m.index)
        other = None
        own_flow = any(c.kind in ("flow", "signing") for c in m.cues)
        if topic is not None and single in topic.pair and topic.pair[0] != topic.pair[1] and own_flow:
            other = next(x for x in topic.pair if x != single)
        elif marked_partner or list_item or has_context_cue:
            other = ctx.other_than(single)
        if other is None or other == single:
            return None
        # a country named only in another clause ("Exports of Uzbek cement increased 1.8 times,
        # while fruit shipments rose 2.2 times") still orders the pair by its role
        near = near or single_mentions
        if list_item:
            return _ordered(flow, other, single, near, m, ctx, reporter_first=False, fig_start=fig.start), "pair.item"
        if marked_partner:
            return _ordered(flow, other, single, near, m, ctx, reporter_first=False, fig_start=fig.start), "pair.reporter"
        return _ordered(flow, single, other, near, m, ctx, fig_start=fig.start), "pair.topic"
    topic = ctx.recent_topic(m.index)
    focus = ctx.focus()
    main_pair = len(focus) >= 2 and ctx.counts[focus[1]] >= 2
    if has_context_cue and main_pair and (topic is None or set(topic.pair) != set(focus[:2])):
        # "mutual trade", "between the two countries": the article's pair, not a digression's
        return _ordered(flow, focus[0], focus[1], [], m, ctx), "pair.context"
    if topic is not None:
        same_direction = topic.ordered and topic.flow == flow
        return _ordered(flow, *topic.pair, [], m, ctx, reporter_first=not same_direction), "pair.topic"
    if has_context_cue and len(focus) >= 2:
        return _ordered(flow, focus[0], focus[1], [], m, ctx), "pair.context"
    return None


def _is_complement(m: _Mentions, cs: int, cue: Cue) -> bool:
    return _COMPLEMENT_BEFORE.search(m.text, max(cs, cue.start - 30), cue.start) is not None


def _flow_between(m: _Mentions, start: int, end: int) -> bool:
    return any(c.kind in ("flow", "signing") and start <= c.start < end for c in m.cues)


def _no_country_pair(m: _Mentions, fig, cs, ce, in_clause, has_context_cue) -> bool:
    """A clause about a region ("Minsk Oblast's trade"), a group of partners ("with its
    neighbours") or one country's total ("Malaysia's total trade") holds no pair fact."""
    cues = m.in_span(m.cues, cs, ce)
    if any(c.kind == "group" and c.value == "region" and c.end <= fig.start for c in cues):
        return True
    explicit_pair = any(cs <= p[0] < ce for p in m.pair_phrases) or has_context_cue
    partner_named = any(m.roles[id(c)] & PARTNER_ROLES or id(c) in m.items for c in in_clause)
    if explicit_pair or partner_named:
        return False
    if any(c.kind == "group" for c in cues):
        return True
    return any(c.kind == "total" for c in cues) and len({c.iso3 for c in in_clause}) == 1


def _reporter_for(partner: str, m: _Mentions, ctx: _Context) -> str | None:
    return _reporter_in(m.countries, m, exclude=partner) or ctx.other_than(partner)


def _partner_mention(fig, local, in_clause, m: _Mentions) -> CountryMention | None:
    """The country a figure is about: the last named between the figure before it and this one;
    else one named right after it with a role ("$4.8 billion ... to Brazil"); else the last
    named before it that is not another figure's list item."""
    after = [c for c in in_clause if c.start >= fig.end and m.roles[id(c)] & PARTNER_ROLES]
    if local:
        # a reporting side right before the figure ("Uzbek company to invest $1 billion in
        # Afghanistan") is not the partner when a partner follows
        if after and "reporter" in m.roles[id(local[-1])] and not m.roles[id(local[-1])] & PARTNER_ROLES:
            return after[0]
        return local[-1]
    if after:
        return after[0]
    before = [c for c in in_clause if c.end <= fig.start and id(c) not in m.items]
    return before[-1] if before else None


def _group_item(fig, m: _Mentions, cs: int) -> bool:
    """A figure right after a group of partners: 'Central Asian countries (2.9 million tons)'."""
    groups = [c for c in m.cues if c.kind == "group" and cs <= c.end <= fig.start]
    if not groups:
        return False
    close_after = [c for c in m.countries if c.start >= fig.end and m.roles[id(c)] & PARTNER_ROLES
                   and not _COMMA.search(m.text[fig.end:c.start])]
    if close_after:
        return False  # "..., 639,000 tons to China": the partner follows
    last = groups[-1]
    between = [c for c in m.countries if last.end <= c.start < fig.start]
    return not between and _LIST_ITEM_GAP.match(m.text[last.end:fig.start]) is not None


def _reporter_in(mentions: list[CountryMention], m: _Mentions, exclude: str | None = None) -> str | None:
    """The first country marked as the reporting side ("India's", "Kazakh exports") that is
    neither a partner nor an item of a list of partners."""
    for c in mentions:
        roles = m.roles[id(c)]
        if c.iso3 != exclude and "reporter" in roles and not roles & PARTNER_ROLES and id(c) not in m.items:
            return c.iso3
    return None


def _ordered(flow, a, b, near: list[CountryMention], m: _Mentions, ctx: _Context, reporter_first: bool = True,
             fig_start: int = 0):
    """The pair in ANNOTATION.md's order: exporter first, importer first, investor first. The
    roles come from the countries near the figure; with none marked, the pair keeps the order
    given, or (`reporter_first`) puts the article's reporting country first."""
    if flow in UNORDERED or a == b:
        return a, b
    marks = {}
    # the mention nearest the figure that has a role speaks for its country ("Exports of Uzbek
    # cement ... rose 2.2 times, Tashkent-based media reported": the media's city says nothing)
    for c in sorted(near, key=lambda c: abs(c.start - fig_start)):
        if c.iso3 in (a, b) and c.iso3 not in marks and m.roles[id(c)]:
            marks[c.iso3] = m.roles[id(c)]
    marks.setdefault(a, set())
    marks.setdefault(b, set())
    a_marks, b_marks = marks[a], marks[b]
    if not a_marks and not b_marks:
        return (b, a) if reporter_first and ctx.reporter == b else (a, b)
    if flow == "export":
        if ("destination" in a_marks and "destination" not in b_marks) or ("origin" in b_marks and "origin" not in a_marks):
            return b, a
    elif flow == "import":
        if ("origin" in a_marks and "origin" not in b_marks) or ("reporter" in b_marks and "reporter" not in a_marks and "origin" not in b_marks):
            return b, a
    elif flow == "investment":
        a_host = bool({"host", "destination"} & a_marks)
        b_host = bool({"host", "destination"} & b_marks)
        if (a_host and not b_host) or ("origin" in b_marks and "origin" not in a_marks):
            return b, a
    return a, b


def _status(fig, flow_rule, m: _Mentions, cs, ce):
    if flow_rule == "flow.signing":
        return "actual", None
    if is_start_point(m.text, fig.start, cs):
        return "actual", "status.start_point"
    cues = [c for c in m.in_span(m.cues, cs, ce) if c.kind in ("target", "infinitive")]
    next_figure = min([x.start for x in m.figures if x.start >= fig.end] + [ce])
    governing = [c for c in cues if c.end <= fig.start] + [
        c for c in cues if fig.end <= c.start < next_figure and c.start - fig.end <= 30
        and not _CLAUSE_TURN.search(m.text[fig.end:c.start])]
    strong = [c for c in governing if c.kind == "target"]
    if strong:
        return "target", strong[0].rule
    weak = [c for c in governing if c.kind == "infinitive" and not completed_before(m.text, cs, c.start)]
    if weak:
        return "target", weak[0].rule
    if any(p.is_target_year for p in m.in_span(m.periods, cs, ce)):
        return "target", "period.by_year"
    return "actual", None


def _fiscal_country(ctx: _Context, a: str, b: str) -> str | None:
    """Whose fiscal calendar a figure's fiscal years are in: the one the page names, else the
    article's reporting country's, else either country's."""
    for iso3 in (ctx.fiscal_country, ctx.reporter, a, b):
        if iso3 and periods_mod.fiscal_start(iso3):
            return iso3
    return None


def _resolve_periods(m: _Mentions, ctx: _Context) -> dict[int, tuple[Span | None, Span | None]]:
    """Each time phrase of the sentence resolved in order, with the sentence's running period
    (the last stated before it) as its frame: id -> (span, running period before it)."""
    # the sentence's own reporting side first ("India's exports ... in FY18-19"), then the article's
    named = [x for x in [_reporter_in(m.countries, m)] + [c.iso3 for c in m.countries] if x]
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


def _period(fig, group_end, flow, status, m: _Mentions, cs, ce, ctx: _Context, spans):
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


def _period_of(fig, group_end, status, m: _Mentions, cs, ce, ctx: _Context, spans):
    own = _own_period(fig, group_end, status, m, cs, ce)
    if own is not None:
        span = spans[id(own)][0]
        if span is not None or own.rule in ("period.relative_year", "period.first_months", "period.iranian_months", "period.years_ago", "period.month") or own.groups.get("rel"):
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


def _respective_period(fig, m: _Mentions, spans) -> Span | None:
    """'... $1.77 billion in FY25 from $1.57 billion in FY24, whereas imports stood at $9.44
    billion and $9.0 billion, respectively': the i-th figure of a run closed by "respectively"
    takes the i-th of as many periods stated before the run."""
    closing = _RESPECTIVELY.search(m.text, fig.end, m.sentence.end)
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


def _own_period(fig, group_end, status, m: _Mentions, cs, ce) -> PeriodMention | None:
    """A time phrase right after the figure ("$150 million in 2023"; after its second currency,
    "$273 million (209 million euros) last year"), or after the figure before it and before
    this one ("in 2018 - $67.4 million")."""
    in_clause = [p for p in m.in_span(m.periods, cs, ce) if status == "target" or not p.is_target_year]
    if status == "target":
        # a goal's year is the one it is set for ("by 2030", "to $5 billion in 2025"), not the
        # date of the meeting that set it
        in_clause = [p for p in in_clause if p.is_target_year or p.start >= fig.end]
    previous_end = max([x.end for x in m.figures if x.end <= fig.start] + [cs])
    end = group_end
    after = [p for p in in_clause if p.start >= end and p.start - end <= 40
             and not any(end <= x.start < p.start for x in m.figures)
             and not (p.comparative and _COMPARISON.search(m.text, end, p.start))]
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


_CONTRAST = patterns.compile(r"(?i)\b(?:while|whilst|whereas)\s*\Z")


def _update_frames(m: _Mentions, spans, own: set[int], ctx: _Context, fact_starts: set[int]):
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
        if _CONTRAST.search(m.text, max(m.sentence.start, cs - 12), cs):
            continue
        ctx.paragraph = ctx.stated = span
        opens = len(m.text[m.sentence.start:p.start].split()) <= 2
        in_lead = m.index <= LEAD_SENTENCES and ctx.lead is None
        if opens or in_lead or id(p) not in own:
            ctx.lead = span


def _dates_other_figure(p: PeriodMention, m: _Mentions, fact_starts: set[int]) -> bool:
    """The time phrase follows a figure of the sentence that gave no fact, in a clause with no
    word of trade: the date of some other figure ("54.1% of the world's copper in April 2023")."""
    before = [f for f in m.figures if f.end <= p.start]
    if not before:
        return False
    last = max(before, key=lambda f: f.end)
    cs, ce = m.clause_of(last.start)
    return (last.start not in fact_starts and p.start - last.end <= 40 and cs <= p.start < ce
            and not any(c.kind in ("flow", "signing") for c in m.in_span(m.cues, cs, ce)))


def _update_topic(m: _Mentions, facts: list[Fact], ctx: _Context):
    """The flow and pair the sentences after this one may go on about."""
    if facts:
        return  # the facts of this sentence set the topic as they were linked (lists of partners do not)
    flows = [c for c in m.cues if c.kind == "flow" and c.value != "none"]
    pair = None
    sources = [c.iso3 for c in m.countries if m.roles[id(c)] & {"origin", "reporter"} and not m.list_of(c)]
    targets = [c.iso3 for c in m.countries if m.roles[id(c)] & {"destination", "host"} and not m.list_of(c)]
    if flows and sources and targets and sources[0] != targets[0]:
        # "Uzbekistan has been exporting electricity to Afghanistan": the pair in the flow's order
        flow = flows[-1].value
        pair = (targets[0], sources[0]) if flow == "import" else (sources[0], targets[0])
        ctx.topic = _Topic(flow, pair, m.index, ordered=True)
        return
    if m.pair_phrases:
        pair = m.pair_phrases[0][2]
    elif any(c.kind == "pair_context" for c in m.cues):
        distinct = list(dict.fromkeys(c.iso3 for c in m.countries))
        if len(distinct) == 2:
            pair = (distinct[0], distinct[1])
        elif not distinct and len(ctx.focus()) >= 2:
            pair = tuple(ctx.focus()[:2])
    if pair is not None:
        ctx.topic = _Topic(flows[-1].value if flows else None, pair, m.index)


def _quote(text: str, sentence: Sentence, fig) -> str:
    quote = patterns.squeeze(text[sentence.start:sentence.end]).strip()
    if len(quote) <= QUOTE_MAX:
        return quote
    lo = max(sentence.start, fig.start - QUOTE_MAX // 2)
    hi = min(sentence.end, lo + QUOTE_MAX)
    return "…" + patterns.squeeze(text[lo:hi]).strip() + "…"


def _key(f: Fact) -> tuple:
    pair = tuple(sorted((f.a, f.b))) if f.flow in UNORDERED else (f.a, f.b)
    return f.kind, f.flow, pair, f.status, f.unit


def _dedupe(facts: list[Fact]) -> list[Fact]:
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
