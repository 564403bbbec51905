"""Evidence words for a pair: where each country's mention stands from the figure, its roles,
whether it heads a list item, and what the article says of the pair (its reporting country, the
topic, the main pair, a pair phrase). General words, never a document's or a sentence's own."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import patterns
from .context import Context
from .mentions import Mentions

if TYPE_CHECKING:
    from .pairs import PairOption

COMMA = patterns.compile(r"[,;]")


def clause_countries(fig, m: Mentions, cs: int, ce: int) -> list:
    """The countries of the figure's clause, those after it only when no comma stands between
    ("$4.8 billion of Chinese investment to Brazil", not a clause of reasons after it)."""
    return [c for c in m.in_span(m.countries, cs, ce) if c.start < fig.start or not COMMA.search(m.text[fig.end:c.start])]


# where a country's mention stands from the figure, nearest first
RANK = {"local": 0, "after": 1, "before": 2, "after_comma": 3, "after_next": 4, "other_clause": 5}


def mention_locations(fig, m: Mentions, cs: int, ce: int) -> dict[int, str]:
    """Each country mention's place: between the figure before and this one (local), right after
    it (after), earlier in the clause (before), after it behind a comma, after the next figure
    of the clause (another statement's), or in another clause."""
    previous_end = m.previous_end(fig, cs)
    later_figures = [x.start for x in m.figures if fig.end <= x.start < ce]
    out = {}
    for c in m.countries:
        if not cs <= c.start < ce:
            out[id(c)] = "other_clause"
        elif c.start < fig.start:
            out[id(c)] = "local" if c.start >= previous_end else "before"
        elif any(x < c.start for x in later_figures):
            out[id(c)] = "after_next"
        elif COMMA.search(m.text[fig.end:c.start]):
            out[id(c)] = "after_comma"
        else:
            out[id(c)] = "after"
    return out


def pair_evidence(option: PairOption, fig, m: Mentions, ctx: Context, locations, respectively, topic, main, reporter) -> set[str]:
    evidence = {f"rule:{r}" for r in option.rules}
    places = []
    for iso3 in (option.a, option.b):
        mentions = sorted((c for c in m.countries if c.iso3 == iso3), key=lambda c: (RANK[locations[id(c)]], abs(c.start - fig.start)))
        if not mentions:
            places.append("unnamed")
            continue
        best = mentions[0]
        places.append(locations[id(best)])
        roles = m.roles[id(best)]
        for role in sorted(roles):
            evidence.add(f"role:{role}@{locations[id(best)]}")
        if id(best) in m.items:
            evidence.add(f"item@{locations[id(best)]}")
        elif m.list_of(best):
            evidence.add(f"listed@{locations[id(best)]}")
        if id(best) in (id(c) for c in respectively.values()):
            evidence.add("respectively")
    evidence.add("loc:" + "+".join(sorted(places)))
    evidence.add(f"named:{sum(p != 'unnamed' for p in places)}")
    left_out = {locations[id(c)] for c in m.countries if c.iso3 not in (option.a, option.b)}
    for place in left_out & {"local", "after", "before"}:
        evidence.add(f"leaves_out@{place}")
    if ctx.reporter in (option.a, option.b):
        evidence.add("article_reporter")
    if reporter in (option.a, option.b):
        evidence.add("sentence_reporter")
    if topic is not None and set(topic.pair) == {option.a, option.b}:
        evidence.add("topic_pair")
        evidence.add(f"topic_age:{m.index - topic.sentence}")
    if main is not None and set(main) == {option.a, option.b}:
        evidence.add("main_pair")
    for start, end, pair in m.pair_phrases:
        if set(pair) == {option.a, option.b}:
            cs, ce = m.clause_of(fig.start)
            if not cs <= start < ce:
                evidence.add("phrase@other_clause")
            elif end <= fig.start:
                evidence.add("phrase@before")
            elif any(fig.end <= x.start < start for x in m.figures):
                evidence.add("phrase@after_next")
            elif COMMA.search(m.text[fig.end:start]):
                evidence.add("phrase@after_comma")
            else:
                evidence.add("phrase@after")
    return evidence
