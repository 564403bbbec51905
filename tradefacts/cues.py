"""Cues: the words around a figure that say what it is, from rules/flows.toml, rules/status.toml
and rules/pairs.toml.

`find_cues(text, start, end)` returns every flow, status and pair-context cue in a span;
`country_role(text, mention)` says what the words around a country make of it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from . import patterns, rulebook
from .countries import CountryMention


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str  # flow, signing, domain, target, infinitive, speech, pair_context, rank, group, total
    value: str  # the flow name for flow cues, else the rule id
    rule: str


class _Cues:
    def __init__(self):
        table: dict[str, tuple[str, str, str]] = {}  # lower-case phrase -> kind, value, rule
        flows = rulebook.load("flows")
        for rule in flows.rules:
            flow = rule.get("flow")
            if flow not in ("turnover", "export", "import", "investment", "deal", "none"):
                raise rule.error(f"flow must be turnover, export, import, investment, deal or none (got {flow!r})")
            # a domain word (sport) blocks the figures of its whole sentence, not only those it governs
            kind = "signing" if rule.get("signing") else "domain" if rule.get("sentence") else "flow"
            for w in rule.get("words", []):
                table[w.lower()] = (kind, flow, rule.id)
        absolute = flows.rule("flow.absolute_change")
        self.absolute_before = absolute.compile("before", regex.REVERSE)
        self.absolute_after = absolute.compile("after")
        self.exchange_between = flows.rule("flow.exchange_rate").compile("between")
        self.passive_signing = flows.rule("flow.signing").compile("passive_after")
        self.signed_next = flows.rule("flow.signing").compile("signed_next")
        self.part_of = flows.rule("flow.part_of").compile("between")
        self.reason_aside = flows.rule("flow.reason_aside").compile("pattern")
        no_scale = flows.rule("flow.no_scale")
        if not isinstance(no_scale.get("below"), (int, float)):
            raise no_scale.error("field 'below' must be a number")
        self.no_scale_below = float(no_scale.get("below"))
        self.sport = flows.rule("flow.sport").compile("pattern")
        status = rulebook.load("status")
        for w in status.rule("status.target").get("words", []):
            table.setdefault(w.lower(), ("target", "target", "status.target"))
        infinitive = status.rule("status.infinitive")
        for w in infinitive.get("words", []):
            table.setdefault(w.lower(), ("infinitive", "target", "status.infinitive"))
        self.completed = infinitive.compile("completed_before")
        for w in status.rule("status.speech").get("words", []):
            table.setdefault(w.lower(), ("speech", "speech", "status.speech"))
        self.future_span = status.rule("status.future_span").compile("pattern")
        self.gerund = status.rule("status.gerund").compile("pattern")
        self.start_point = patterns.compile(
            r"(?i:\b(?:" + "|".join(rulebook.phrase(w) for w in status.rule("status.start_point").get("words", [])) + r")\s+)\Z", regex.REVERSE)
        pairs = rulebook.load("pairs")
        for w in pairs.rule("pair.context").get("words", []):
            table.setdefault(w.lower(), ("pair_context", "pair.context", "pair.context"))
        for w in pairs.rule("pair.ranked").get("words", []):
            table.setdefault(w.lower(), ("rank", "pair.ranked", "pair.ranked"))
        world = pairs.rule("pair.reporter_total")
        self.world_flows = {w.lower(): flow for flow in ("turnover", "export", "import") for w in world.get(flow, [])}
        self.world_trade = patterns.compile(r"(?i)" + rulebook.word_start(self.world_flows)
                                            + rulebook.alternation(self.world_flows, fold_case=True) + r"(?![\w])")
        group = pairs.rule("pair.group")
        self.groups = {w.lower(): "group" for w in group.get("words", [])}
        self.groups.update({w.lower(): "total" for w in group.get("totals", [])})
        self.group_pattern = group.compile(
            "words", pattern=r"(?i:" + rulebook.word_start(self.groups, "-") + rulebook.alternation(self.groups, fold_case=True) + r"(?![\w]))")
        self.region_pattern = group.compile("region")
        self.region_needs = tuple(group.get("region_needs", []))
        self.partner_position = group.compile("partner_before", regex.REVERSE)
        self.table = table
        # one pattern per kind of cue, so that phrases of different kinds may overlap
        # ("agreed to turn over" is a target cue, and "turn over" a flow cue)
        by_kind: dict[str, list[str]] = {}
        for phrase, (kind, _, _) in table.items():
            by_kind.setdefault("flow" if kind == "signing" else kind, []).append(phrase)
        self.patterns = [patterns.compile(r"(?i)" + rulebook.word_start(words, "-") + rulebook.alternation(words, fold_case=True) + r"(?![\w])")
                         for words in by_kind.values()]
        self.roles_before = {role: pairs.rule(f"role.{role}").compile("before", regex.REVERSE)
                             for role in ("destination", "origin", "host", "partner", "importer")}
        self.roles_before["partner_ranked"] = pairs.rule("role.ranked").compile("before", regex.REVERSE)
        self.origin_adjective = pairs.rule("role.origin").compile("adjective_before", regex.REVERSE)
        self.label_after = pairs.rule("role.partner").compile("label_after")
        self.host_after = pairs.rule("role.host").compile("after")
        self.destination_after = pairs.rule("role.destination").compile("after")
        self.goods_after = pairs.rule("role.goods_origin").compile("after")
        self.investor_after = pairs.rule("role.investor").compile("after")
        self.reporter_after = pairs.rule("role.reporter").compile("after")
        self.company_after = pairs.rule("role.company").compile("after")
        self.company_source = pairs.rule("role.company").compile("source_before", regex.REVERSE)


@functools.cache
def _cues() -> _Cues:
    return _Cues()


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    c = _cues()
    end = len(text) if end is None else end
    out = []
    for pattern in c.patterns:
        for m in pattern.finditer(text, start, end):
            kind, value, rule = c.table[patterns.squeeze(m.group().lower())]
            out.append(Cue(m.start(), m.end(), kind, value, rule))
    for rule, pattern in (("status.future_span", c.future_span), ("status.gerund", c.gerund)):
        for m in pattern.finditer(text, start, end):
            out.append(Cue(m.start(), m.end(), "target", "target", rule))
    for m in c.sport.finditer(text, start, end):
        out.append(Cue(m.start(), m.end(), "domain", "none", "flow.sport"))
    for m in _groups_and_regions(c, text, start, end):
        if m.re is c.region_pattern.compiled:
            out.append(Cue(m.start(), m.end(), "group", "region", "pair.group"))
            continue
        kind = c.groups[patterns.squeeze(m.group().lower())]
        if kind == "total" or c.partner_position.search(text, max(start, m.start() - 40), m.start()):
            out.append(Cue(m.start(), m.end(), kind, "pair.group", "pair.group"))
    out.sort(key=lambda cue: cue.start)
    return out


def _groups_and_regions(c: _Cues, text: str, start: int, end: int) -> list:
    """Group words ("Central Asian countries") and sub-national regions ("Minsk Oblast"), left to
    right, a group word winning where both start; regions are looked for only in text that
    holds one of their key words."""
    found = list(c.group_pattern.finditer(text, start, end))
    lowered = text[start:end].lower()
    if any(word in lowered for word in c.region_needs):
        found += c.region_pattern.finditer(text, start, end)
    found.sort(key=lambda m: (m.start(), m.re is c.region_pattern.compiled))
    kept, position = [], start
    for m in found:
        if m.start() >= position:
            kept.append(m)
            position = m.end()
    return kept


def lacks_scale(amount) -> bool:
    """Money written without a scale word and too small for trade between countries ('$179.2')."""
    return (amount.kind == "money" and not any(r.startswith("scale.") for r in amount.rules)
            and abs(amount.value) < _cues().no_scale_below)


def world_trade(text: str, start: int, end: int) -> str | None:
    """The flow of a country's trade with the world named in text[start:end] ('the foreign trade
    of Uzbekistan': turnover, "Chile's total exports": export), or None."""
    c = _cues()
    found = c.world_trade.search(text, start, end)
    return c.world_flows[patterns.squeeze(found.group().lower())] if found else None


def completed_before(text: str, start: int, end: int) -> bool:
    """A verb of completed movement in text[start:end]: 'grew by 14 percent ... to reach'."""
    return bool(_cues().completed.search(text, start, end))


def is_start_point(text: str, position: int, floor: int = 0) -> bool:
    """A figure after "from", "up from", "compared to": the base of a change, not its goal."""
    return bool(_cues().start_point.search(text, max(floor, position - 30), position))


def country_roles(text: str, mention: CountryMention, floor: int = 0) -> set[str]:
    """What the words right around a country make of it: destination, origin, host, partner,
    importer, investor, reporter, and company (the home of a company: "the Finnish phone maker")."""
    c = _cues()
    lo = max(floor, mention.start - 30)
    roles = {role.split("_")[0] for role, rx in c.roles_before.items() if rx.search(text, lo, mention.start)}
    if mention.is_adjective and c.origin_adjective.search(text, lo, mention.start):
        roles.add("origin")
    if c.host_after.match(text, mention.end):
        roles.add("host")
    if c.destination_after.match(text, mention.end):
        roles.add("destination")
    if not text[floor:mention.start].strip() and c.label_after.match(text, mention.end):
        roles.add("partner")
    if mention.is_adjective and c.investor_after.match(text, mention.end):
        roles.add("investor")
    if mention.is_adjective and c.goods_after.match(text, mention.end):
        roles.add("origin")
    elif c.reporter_after.match(text, mention.end):
        roles.add("reporter")
    if mention.is_adjective and c.company_after.match(text, mention.end) and not c.company_source.search(text, lo, mention.start):
        roles.add("company")
    return roles


def is_absolute_change(text: str, start: int, end: int, floor: int = 0) -> bool:
    """'increased by $260 million', 'a $4.7 billion rise': a difference, not a level."""
    c = _cues()
    return bool(c.absolute_before.search(text, max(floor, start - 60), start) or c.absolute_after.match(text, end))


def signed_after(text: str, start: int, end: int) -> bool:
    """'... worth $270 million were signed': a passive signing verb after the figure, in its clause."""
    return bool(_cues().passive_signing.search(text, start, end))


def opens_with_signing(text: str, start: int, end: int) -> bool:
    """'The supply contracts were signed at the fair.': text[start:end] opens by saying the
    agreements just described were signed."""
    return bool(_cues().signed_next.match(text, start, end))


def reason_asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of reasons given in passing: ', mainly due to a surge in imports from India,'."""
    return [(m.start(), m.end()) for m in _cues().reason_aside.finditer(text, start, end)]


def is_part_of(text: str, left_end: int, right_start: int) -> bool:
    """The second of two figures is a part of the first: '$2 billion, of which ... $700 million'."""
    return bool(_cues().part_of.match(text, left_end, right_start))


def is_exchange_rate(text: str, left_end: int, right_start: int) -> bool:
    """Two amounts joined by '=' or 'equals': a rate of exchange."""
    return bool(_cues().exchange_between.match(text, left_end, right_start))
