"""Context: what an article has said so far that a sentence may lean on: the countries named
and how often, the reporting country, the fiscal calendar, the topic (flow and pair) of the
sentences just before, and the period frames."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .. import periods as periods_mod
from ..countries import CountryMention
from ..cues import world_trade
from ..periods import Span
from .fact import UNORDERED, Fact
from .mentions import PARTNER_ROLES, Mentions
from .words import link_words

TOPIC_REACH = 3  # sentences a topic (flow and pair) carries over without being restated
LEAD_SENTENCES = 3  # the report's lead: a period stated in its first sentences frames what follows


@dataclass
class Topic:
    flow: str | None
    pair: tuple[str, str]
    sentence: int
    ordered: bool = False  # the pair is in the order of its direction (exporter first)


@dataclass
class Context:
    published: dt.date | None
    reporter: str | None
    counts: Counter = field(default_factory=Counter)
    first_seen: dict = field(default_factory=dict)
    fiscal_country: str | None = None  # the calendar the page names ("Indian fiscal year", "Iranian year")
    lead: Span | None = None  # the period a report's lead states for the figures after it
    paragraph: Span | None = None  # the last period stated in the current paragraph
    stated: Span | None = None  # the last period stated in the article ("the period under review")
    topic: Topic | None = None
    last_flow: tuple[str, int] | None = None  # the flow of the last fact made, and its sentence, lists included

    def note(self, mentions: list[CountryMention]):
        for m in mentions:
            self.counts[m.iso3] += 1
            self.first_seen.setdefault(m.iso3, m.start)

    def focus(self, exclude: tuple[str, ...] = ()) -> list[str]:
        ranked = sorted(self.counts, key=lambda c: (-self.counts[c], self.first_seen[c]))
        return [c for c in ranked if c not in exclude]

    def recent_topic(self, index: int) -> Topic | None:
        if self.topic is not None and index - self.topic.sentence <= TOPIC_REACH:
            return self.topic
        return None

    def carried_flow(self, index: int, ranking: bool) -> str | None:
        """The flow the sentences just before were about: the topic's; in a sentence that goes
        on with a ranking (`ranking`: a rank word or a list item in it), else the last fact's (a
        list of partners sets no topic, but "followed by Italy with 214,500 tons" goes on with
        its flow)."""
        topic = self.recent_topic(index)
        if topic is not None and topic.flow is not None:
            return topic.flow
        if ranking and self.last_flow is not None and index - self.last_flow[1] <= TOPIC_REACH:
            return self.last_flow[0]
        return None

    def other_than(self, iso3: str) -> str | None:
        if self.reporter and self.reporter != iso3:
            return self.reporter
        focus = self.focus((iso3,))
        return focus[0] if focus else None

    def main_pair(self) -> tuple[str, str] | None:
        """The two countries the article names most, when the second is named at least twice."""
        focus = self.focus()
        return (focus[0], focus[1]) if len(focus) >= 2 and self.counts[focus[1]] >= 2 else None


def reporter_of(gathered: list[Mentions]) -> str | None:
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


def calendar_of(gathered: list[Mentions]) -> str | None:
    """The country whose fiscal calendar the page names ("the Indian fiscal year", "the current
    Iranian year"), when that calendar does not start in January."""
    for m in gathered:
        for c in m.countries:
            if periods_mod.fiscal_start(c.iso3) not in (None, 1) and link_words().calendar_after.match(m.text, c.end):
                return c.iso3
    return None


def update_reporter(m: Mentions, ctx: Context):
    """A sentence about one country's trade with the world ("the foreign trade of Uzbekistan
    reached $35 billion") makes it the reporting country of what follows, and that trade's flow
    the one a ranking after it goes on with."""
    named = {c.iso3 for c in m.countries if not m.list_of(c)}
    partner = any(m.roles[id(c)] & PARTNER_ROLES for c in m.countries)
    flow = world_trade(m.text, m.sentence.start, m.sentence.end) if len(named) == 1 and not partner else None
    if flow is not None:
        ctx.reporter = named.pop()
        ctx.last_flow = (flow, m.index)


def set_topic(ctx: Context, fact: Fact, index: int):
    ctx.topic = Topic(fact.flow, (fact.a, fact.b), index, fact.flow not in UNORDERED)


def update_topic(m: Mentions, facts: list[Fact], ctx: Context):
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
        ctx.topic = Topic(flow, pair, m.index, ordered=True)
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
        ctx.topic = Topic(flows[-1].value if flows else None, pair, m.index)
