"""Cues: the words around a figure that say what it is, from rules/flows.toml, rules/status.toml
and rules/pairs.toml.

`find_cues(text, start, end)` returns every flow, status and pair-context cue in a span;
`country_role(text, mention)` says what the words around a country make of it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from . import rulebook
from .countries import CountryMention


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # flow, target, start_point, pair_context
    value: str  # the flow name for flow cues, else the rule id
    rule: str


class _Cues:
    def __init__(self):
        table: dict[str, tuple[str, str, str]] = {}  # lower-case phrase -> kind, value, rule
        for rule in rulebook.load("flows").rules:
            flow = rule.get("flow")
            if flow not in ("turnover", "export", "import", "investment", "deal", "none"):
                raise rule.error(f"flow must be turnover, export, import, investment, deal or none (got {flow!r})")
            for w in rule.get("words", []):
                table[w.lower()] = ("flow", flow, rule.id)
        status = rulebook.load("status")
        for w in status.rule("status.target").get("words", []):
            table.setdefault(w.lower(), ("target", "target", "status.target"))
        self.start_point = regex.compile(
            r"(?i:\b(?:" + "|".join(rulebook.phrase(w) for w in status.rule("status.start_point").get("words", [])) + r")\s+)\Z")
        pairs = rulebook.load("pairs")
        for w in pairs.rule("pair.context").get("words", []):
            table.setdefault(w.lower(), ("pair_context", "pair.context", "pair.context"))
        self.table = table
        self.pattern = regex.compile(r"(?i)(?<![\w-])" + rulebook.alternation(table, False) + r"(?![\w])")
        self.roles = {}
        for role in ("destination", "origin", "host"):
            self.roles[role] = pairs.rule(f"role.{role}").compile("before")
        self.reporter_after = pairs.rule("role.reporter").compile("after")


@functools.cache
def _cues() -> _Cues:
    return _Cues()


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    c = _cues()
    out = []
    for m in c.pattern.finditer(text, start, len(text) if end is None else end):
        kind, value, rule = c.table[regex.sub(r"\s+", " ", m.group().lower())]
        out.append(Cue(m.start(), m.end(), kind, value, rule))
    return out


def is_start_point(text: str, position: int, floor: int = 0) -> bool:
    """A figure after "from", "up from", "compared to": the base of a change, not its goal."""
    return bool(_cues().start_point.search(text, max(floor, position - 30), position))


def country_roles(text: str, mention: CountryMention, floor: int = 0) -> set[str]:
    """What the words right around a country make of it: destination, origin, host, reporter."""
    c = _cues()
    roles = {role for role, rx in c.roles.items() if rx.search(text, max(floor, mention.start - 30), mention.start)}
    if c.reporter_after.match(text, mention.end) or mention.is_adjective:
        roles.add("reporter")
    return roles
