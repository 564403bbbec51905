"""Countries named in text: names, aliases, demonyms and adjectives, capitals.

One compiled alternation over datasets/countries.csv (case-sensitive, longest
first), with the phrases of rules/countries.toml that hold a country word but
are no country ("Latin America", "Indian Ocean", "US dollars") in it too, so the
longer phrase wins and yields nothing.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass


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


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
    pattern, table = _matcher()
    out = []
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        entry = table.get(m.group()) or table.get(patterns.squeeze(m.group()))
        if entry:
            out.append(CountryMention(m.start(), m.end(), entry[0], entry[1]))
    return out
