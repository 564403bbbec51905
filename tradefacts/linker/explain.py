"""Explain: for every figure of a text, the readings the linker weighed, the evidence for each,
what it chose and, where it made no fact, what dropped it. For rule authors, and for an
economist who wonders why a figure is missing."""
from __future__ import annotations

from .currency import RULE as REPORTER_CURRENCY
from .decision import Decision
from .link import Reading

SHOWN = 5  # candidates listed per figure, best first
EVIDENCE = 6  # evidence words listed per candidate, largest weights first

# what each settling rule means, for a reader who does not know the rule ids
SETTLED = {
    "money.same_figure": "the same figure in another currency: it takes the links of the figure before it",
    "change.companion": "a change in brackets after a figure: it takes that figure's links",
    "flow.part_of": "a part of the figure before it ('of which ...'): it takes that figure's links",
    "flow.exchange_rate": "one side of an exchange rate: no fact",
    "flow.absolute_change": "an absolute change ('increased by $260 million'): no fact",
    "change.no_direction": "a percentage with no word of change (a share): no fact",
    "flow.no_scale": "money written without its scale and too small for trade between countries: no fact",
    "pair.region": "its clause is about a province or region, not a country: no fact",
    "pair.group": "its partner is a group of countries ('Central Asia', 'the EU'): no fact",
    "pair.total": "it is one country's total trade: no fact",
    "pair.group_item": "it is the figure of a group of partners in a list: no fact",
    "pair.company": "its flow is a company's (the country word names the company's home), not its country's: no fact",
    "flow.sport": "its sentence is about sport (a transfer fee, a player, a club), not trade between countries: no fact",
}


def describe(readings: list[Reading], decision: Decision) -> list[str]:
    lines = []
    for r in readings:
        fig = r.figure
        unit = f" {fig.unit}" if fig.unit else ""
        lines.append(f'figure "{r.figure_text}" ({fig.kind}, {fig.value:,.10g}{unit}) in: {r.sentence}')
        if r.settled_by is not None:
            reason = SETTLED.get(r.settled_by) or f"a blocking cue governs it (rule {r.settled_by}): no fact"
            lines.append(f"  settled by rule {r.settled_by}: {reason}")
        else:
            lines.extend(_candidates(r, decision))
        if r.fact is not None:
            f = r.fact
            if REPORTER_CURRENCY in f.rule.split("+"):
                lines.append(f"  currency: {f.unit}, the reporting country's, which its sign may stand for "
                             f"(read as {fig.unit} by default; rule {REPORTER_CURRENCY})")
            lines.append(f"  fact: {f.kind} {f.flow} {f.a}→{f.b} {f.status} year {f.year} period {f.period} "
                         f"{f.value:,.10g} {f.unit} {f.approx}, confidence {f.confidence:.2f}, rules {f.rule}")
        elif r.settled_by is None:
            lines.append("  no fact: the decision found no reading more likely than 'no fact'")
        lines.append("")
    return lines


def _candidates(r: Reading, decision: Decision) -> list[str]:
    order = sorted(range(len(r.candidates)), key=lambda i: -r.choice.probabilities[i])
    lines = [f"  {len(r.candidates)} readings weighed; the best {min(SHOWN, len(order))}:"]
    chosen = r.choice.candidate
    for i in order[:SHOWN]:
        c = r.candidates[i]
        if c.outcome is None:
            what = "no fact"
        else:
            what = f"{c.flow.flow} {c.pair.a}–{c.pair.b} (flow by {c.flow.rule}, pair by {', '.join(c.pair.rules)})"
        mark = "→" if c is chosen or (chosen is None and c.outcome is None and i == order[0]) else " "
        weights = decision.weights or {}
        evidence = sorted((f for f in c.features if weights.get(f)), key=lambda f: -abs(weights[f]))[:EVIDENCE]
        shown = ", ".join(f"{weights[f]:+.2f} {f}" for f in evidence)
        lines.append(f"  {mark} {r.choice.probabilities[i]:.2f}  {what}" + (f"  [{shown}]" if shown else ""))
    return lines
