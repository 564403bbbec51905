"""Mentions: what one sentence holds (figures, countries and their roles, time phrases, cues),
and how it is built: clauses, lists of countries, countries written as a pair, list items."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .. import amounts as amounts_mod
from .. import patterns
from .. import periods as periods_mod
from ..articles import Sentence
from ..countries import CountryMention, find_countries
from ..cues import Cue, country_roles, find_cues
from ..periods import PeriodMention
from .words import link_words

PARTNER_ROLES = {"destination", "origin", "host", "partner"}

_ASIDE_END = patterns.compile(r",\s+")
_HYPHEN_JOIN = patterns.compile(r"\A\s*[-–—/]\s*\Z")


@dataclass
class Mentions:
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

    def previous_end(self, fig, floor: int) -> int:
        """Where the figure before `fig` ends, or `floor` (its clause's start) when none does."""
        return max([x.end for x in self.figures if x.end <= fig.start] + [floor])

    def list_of(self, mention: CountryMention) -> list[CountryMention] | None:
        return next((l for l in self.lists if mention in l), None)

    def reporter_in(self, mentions: list[CountryMention], exclude: str | None = None) -> str | None:
        """The first country marked as the reporting side ("India's", "Kazakh exports") that is
        neither a partner nor an item of a list of partners."""
        for c in mentions:
            roles = self.roles[id(c)]
            if c.iso3 != exclude and "reporter" in roles and not roles & PARTNER_ROLES and id(c) not in self.items:
                return c.iso3
        return None


def sentence_amounts(text: str, sentence: Sentence) -> list:
    s, e = sentence.start, sentence.end
    return [replace(a, start=a.start + s, end=a.end + s, number_start=a.number_start + s)
            for a in amounts_mod.find_amounts(text[s:e])]


def figures_of(found: list) -> list:
    # "a euro" is a unit, not a figure of trade
    return [a for a in found if a.kind in ("money", "quantity", "change") and not a.is_rate
            and "money.article_unit" not in a.rules]


def gather(text: str, sentence: Sentence, index: int, found: list, full: bool = True) -> Mentions:
    """The sentence's mentions; with `full` false only its countries and their roles."""
    s, e = sentence.start, sentence.end
    figures = figures_of(found)
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
        return Mentions(text, sentence, index, figures, countries, [], [], clauses, roles, [], [], set())
    return Mentions(
        text, sentence, index, figures, countries,
        [p for p in periods_mod.find_periods(text, s, e) if free(p)],
        [c for c in find_cues(text, s, e) if free(c)],
        clauses, roles, _pair_phrases(text, countries), _country_lists(text, countries),
        _list_items(text, countries, figures),
    )


def is_list_item_gap(text: str, start: int, end: int) -> bool:
    """What may stand between a country and a figure of its own in a list: "Turkey with $7.5
    billion", "China ($50.8 billion)", "Uzbekistan - $122.6 million" (rule link.list_item_gap)."""
    return link_words().list_item_gap.match(text[start:end]) is not None


def _list_items(text: str, countries: list[CountryMention], figures) -> set[int]:
    """Countries right before a figure of their own: 'China ($50,792.83 million)', 'Turkey with
    $7.459 billion', 'Uzbekistan - 122.6 million dollars'."""
    items = set()
    for fig in figures:
        before = [c for c in countries if c.end <= fig.start]
        if before and is_list_item_gap(text, before[-1].end, fig.start):
            items.add(id(before[-1]))
    return items


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of text[start:end] (rule link.clause_break); a relative clause between
    commas is one of its own."""
    words = link_words()
    breaks = []
    for m in words.clause_break.finditer(text, start, end):
        breaks.append((m.start(), m.end()))
        if words.relative.match(text, m.end()):
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
    list_join = link_words().list_join
    lists, run = [], []
    for c in countries:
        if run and list_join.match(text[run[-1].end:c.start]) and c.iso3 != run[-1].iso3:
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
    words = link_words()
    before = text[max(0, run[0].start - 12):run[0].start]
    joined = words.list_of_two_and.search(text[run[0].end:run[-1].start])
    return bool(joined and words.list_of_two_before.search(before))


def _pair_phrases(text: str, countries: list[CountryMention]) -> list[tuple[int, int, tuple[str, str]]]:
    """'Kazakhstan and Mongolia', 'Kyrgyz-Russian', 'between A and B': two countries written as a
    pair (rule link.pair_join)."""
    words = link_words()
    out = []
    for i in range(len(countries) - 1):
        m1, m2 = countries[i], countries[i + 1]
        if m1.iso3 == m2.iso3 or not words.pair_join.match(text[m1.end:m2.start]):
            continue
        hyphen = _HYPHEN_JOIN.match(text[m1.end:m2.start]) is not None
        comma_before = words.comma_before.search(text[max(0, m1.start - 8):m1.start])
        list_after = i + 2 < len(countries) and words.list_join.match(text[m2.end:countries[i + 2].start])
        between = words.between.search(text, max(0, m1.start - 12), m1.start) is not None
        if not hyphen and (comma_before or list_after or _is_list_of_two(text, [m1, m2]) and not between):
            continue
        others = {c.iso3 for c in countries} - {m1.iso3, m2.iso3}
        if others and not (hyphen or between):
            continue  # "China and Afghanistan are the main importers of Kazakh grain": two partners of a third
        out.append((m1.start, m2.end, (m1.iso3, m2.iso3)))
    return out
