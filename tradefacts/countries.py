"""Countries named in text: names, aliases, demonyms and adjectives, capitals.

One compiled alternation over datasets/countries.csv (case-sensitive, longest
first), with the phrases of rules/countries.toml that hold a country word but
are no country ("Latin America", "Indian Ocean", "US dollars") in it too, so the
longer phrase wins and yields nothing. A capital that is part of a proper name ("Real Madrid",
"Moscow Exchange") is no government and yields nothing either (`country.capital_in_name`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from . import patterns, reference, rulebook


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    iso3: str
    form: str  # name, alias, demonym, capital

    @property
    def is_adjective(self) -> bool:
        return self.form == "demonym"


@functools.cache
def _matcher():
    table: dict[str, tuple[str, str] | None] = {}
    for c in reference.countries():
        for form, words in (("capital", c.capitals), ("demonym", c.demonyms), ("alias", c.aliases), ("name", (c.name,))):
            for w in words:
                table[w] = (c.iso3, form)
    for w in rulebook.load("countries").rule("country.not_a_country").get("words", []):
        table[w] = None
    rules = rulebook.load("countries")
    alt = rulebook.alternation(table)
    region = rulebook.alternation(rules.rule("country.region").get("words", []))
    return patterns.compile(rf"{rulebook.word_start(table, '$')}{alt}(?![\w$])(?!\s+{region}(?![\w]))"), table


@functools.cache
def _name_rule():
    rule = rulebook.load("countries").rule("country.capital_in_name")
    return rule.compile("before", regex.REVERSE), rule.compile("after"), frozenset(rule.get("words", []))


_WORD = patterns.compile(r"\p{L}[\p{L}’'-]*")


def _in_a_name(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """The capital at text[start:end] is part of a proper name: a capitalised word stands right
    before or after it that is no sentence-opening word or date, and its line is no title-case
    headline, where every word is capitalised ("Real Madrid", not "Beijing Says ...")."""
    before, after, words = _name_rule()
    near = [m.group(1) for m in (before.search(text, max(lo, start - 40), start), after.match(text, end, hi)) if m]
    if not any(word.lower() not in words for word in near):
        return False
    line_start = max(lo, text.rfind("\n", lo, start) + 1)
    line_end = text.find("\n", end, hi)
    line = [w for w in _WORD.findall(text, line_start, hi if line_end < 0 else line_end) if w.lower() not in words]
    return not all(w[0].isupper() for w in line)


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
    pattern, table = _matcher()
    end = len(text) if end is None else end
    out = []
    for m in pattern.finditer(text, start, end):
        entry = table.get(m.group()) or table.get(patterns.squeeze(m.group()))
        if entry and not (entry[1] == "capital" and _in_a_name(text, m.start(), m.end(), start, end)):
            out.append(CountryMention(m.start(), m.end(), entry[0], entry[1]))
    return out
