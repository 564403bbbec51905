"""Blocking rules: why a figure is no fact whatever the readings on offer. tradefacts explain names them."""
from __future__ import annotations

from ..cues import Cue, lacks_scale
from .context import Context
from .evidence import COMMA, clause_countries
from .flows import flow_of
from .mentions import PARTNER_ROLES, Mentions, is_list_item_gap


def blocked(fig, m: Mentions, cs: int, ce: int, ctx: Context, preferred) -> str | None:
    """The rule that says the figure is no fact, whatever the candidates: it is money written
    without its scale ("dropped to $179.2"), a blocking cue governs it ("a $107 million
    deficit", "the share of ... fell"), its clause is about a region, a group of partners or one
    country's total, the figure is a group's item, or its sentence is about a domain that is no
    trade (sport: a transfer fee, a club's signing)."""
    if lacks_scale(fig):
        return "flow.no_scale"
    domain = next((c for c in m.cues if c.kind == "domain"), None)
    if domain is not None:
        return domain.rule
    if isinstance(preferred, Cue) and preferred.value == "none":
        return preferred.rule
    in_clause = clause_countries(fig, m, cs, ce)
    if any("company" in m.roles[id(c)] for c in in_clause) and flow_of(preferred, m, ctx) not in COMPANY_FLOWS:
        return "pair.company"
    cues = m.in_span(m.cues, cs, ce)
    if any(c.kind == "group" and c.value == "region" and c.end <= fig.start for c in cues):
        return "pair.region"
    explicit_pair = any(cs <= p[0] < ce for p in m.pair_phrases) or any(c.kind == "pair_context" for c in m.cues)
    partner_named = any(m.roles[id(c)] & PARTNER_ROLES or id(c) in m.items for c in in_clause)
    if not (explicit_pair or partner_named):
        if any(c.kind == "group" for c in cues):
            return "pair.group"
        totals = [m.text[c.start:c.end].lower() for c in cues if c.kind == "total"]
        named = len({c.iso3 for c in in_clause})
        # one country's total ("Malaysia's total trade"); with no country named, a total of exports
        # or imports is the reporting country's with the world, while "overall trade" in an article
        # about two countries is theirs
        if totals and (named == 1 or named == 0 and any("export" in t or "import" in t for t in totals)):
            return "pair.total"
    if _group_item(fig, m, cs) and not any(cs <= p[0] < ce for p in m.pair_phrases):
        return "pair.group_item"
    return None


# the flows of a company that are its home country's too: its investment abroad and the deals it
# signs (rules/pairs.toml, role.company); its exports, imports and trade are its own
COMPANY_FLOWS = ("investment", "deal")


def _group_item(fig, m: Mentions, cs: int) -> bool:
    """A figure right after a group of partners: 'Central Asian countries (2.9 million tons)'."""
    groups = [c for c in m.cues if c.kind == "group" and cs <= c.end <= fig.start]
    if not groups:
        return False
    close_after = [c for c in m.countries if c.start >= fig.end and m.roles[id(c)] & PARTNER_ROLES
                   and not COMMA.search(m.text[fig.end:c.start])]
    if close_after:
        return False  # "..., 639,000 tons to China": the partner follows
    last = groups[-1]
    between = [c for c in m.countries if last.end <= c.start < fig.start]
    return not between and is_list_item_gap(m.text, last.end, fig.start)
