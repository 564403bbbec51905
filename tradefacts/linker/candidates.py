"""Candidates: the readings of a figure, each flow on offer (flows.py) with each pair on offer
(pairs.py), and the reading that it is no fact, with all their evidence.

The rules propose liberally: every flow cue of the sentence and the topic's flow; every pair
written as a pair, every two countries of the sentence, each country with the reporting
country, the topic's pair and the article's pair. Evidence is a set of short general words
(where a cue stands, how far, the roles of the countries, whether a country heads a list item,
...; evidence.py), never a document's or a sentence's own words. decision.py weighs it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .context import Context
from .flows import FlowOption, flow_options
from .mentions import Mentions
from .pairs import PairOption, pair_options


# the evidence that the rules' own choice is this reading: the flow the position rules prefer
# with the pair the first applicable pair rule gives, or no fact when the rules find none (one
# word per kind of figure: how far the rules are trusted may differ between money and changes)
RULES_AGREE, RULES_SAY_NONE = "rules", "null&rules"


@dataclass
class Candidate:
    """One reading of a figure: a flow and a pair, or none (no fact)."""

    flow: FlowOption | None
    pair: PairOption | None
    features: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> tuple | None:
        if self.flow is None or self.pair is None:
            return None
        return self.flow.flow, self.pair.key


def candidates(fig, m: Mentions, cs: int, ce: int, ctx: Context, respectively: dict, preferred) -> list[Candidate]:
    """Every reading of the figure, the rules' preferred flow (`preferred_flow`) and pair first,
    and last the reading that it is no fact."""
    flows = flow_options(fig, m, cs, ce, ctx, preferred)
    pairs, shared = pair_options(fig, m, cs, ce, ctx, respectively)
    out = []
    for flow in flows:
        for pair in pairs:
            features = ([f"F:{e}" for e in sorted(flow.evidence)] + [f"P:{e}" for e in sorted(pair.evidence)]
                        + [f"G:{e}" for e in sorted(shared)]
                        + [f"X:{flow.flow}&{rule}" for rule in pair.rules]
                        + [f"X:{fig.kind}&{flow.flow}", f"X:{_where(flow)}&{_locations(pair)}"])
            if "preferred" in flow.evidence and "first" in pair.evidence:
                features.append(f"{RULES_AGREE}&{fig.kind}")
            out.append(Candidate(flow, pair, features))
    no_fact = ["null", f"null&{fig.kind}"]
    if "rules_say_none" in shared or not any("preferred" in f.evidence for f in flows):
        no_fact.append(f"{RULES_SAY_NONE}&{fig.kind}")
    out.append(Candidate(None, None, no_fact))
    return out


def _where(flow: FlowOption) -> str:
    return next((e for e in flow.evidence if e.startswith(("at:", "src:"))), "at:?")


def _locations(pair: PairOption) -> str:
    return next((e for e in pair.evidence if e.startswith("loc:")), "loc:?")
