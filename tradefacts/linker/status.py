"""Status: a figure is a target when a cue of a goal, a plan or a forecast governs it, else actual."""
from __future__ import annotations

from ..cues import completed_before, is_start_point
from .mentions import Mentions
from .words import link_words


def status(fig, flow_rule, m: Mentions, cs, ce):
    if flow_rule == "flow.signing":
        return "actual", None
    if is_start_point(m.text, fig.start, cs):
        return "actual", "status.start_point"
    speech = [c for c in m.in_span(m.cues, cs, ce) if c.kind == "speech"]
    # "I would like to note that ...": the speaker's "would" is no goal
    cues = [c for c in m.in_span(m.cues, cs, ce) if c.kind in ("target", "infinitive")
            and not any(s.start <= c.start < s.end for s in speech)]
    next_figure = min([x.start for x in m.figures if x.start >= fig.end] + [ce])
    turn = link_words().clause_turn  # a cue after the figure governs it up to a comma or a turn of the clause
    governing = [c for c in cues if c.end <= fig.start] + [
        c for c in cues if fig.end <= c.start < next_figure and c.start - fig.end <= 30
        and not turn.search(m.text[fig.end:c.start])]
    strong = [c for c in governing if c.kind == "target"]
    if strong:
        return "target", strong[0].rule
    weak = [c for c in governing if c.kind == "infinitive" and not completed_before(m.text, cs, c.start)]
    if weak:
        return "target", weak[0].rule
    if any(p.is_target_year for p in m.in_span(m.periods, cs, ce)):
        return "target", "period.by_year"
    return "actual", None
