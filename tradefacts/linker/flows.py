"""Flows on offer for a figure: every flow and signing cue of its sentence, a passive signing
verb after it, and the flow the sentences before were about, each with its evidence; and the
flow the position rules prefer."""
from __future__ import annotations

from dataclasses import dataclass

from ..cues import Cue, reason_asides, signed_after
from .context import Context
from .mentions import Mentions
from .words import link_words


@dataclass
class FlowOption:
    flow: str  # turnover, export, import, investment or deal
    rule: str
    evidence: set[str]


def attached_after(text: str, start: int, end: int) -> bool:
    """Only words that make a flow cue the figure's noun stand between them: '$1 billion trade
    turnover', '$1 billion in new export agreements' (rule link.attached_after)."""
    return link_words().attached_after.match(text[start:end]) is not None


def flow_options(fig, m: Mentions, cs: int, ce: int, ctx: Context, preferred) -> list[FlowOption]:
    """Every flow and signing cue of the sentence, a passive signing verb after the figure, and
    the topic's flow, each with where it stands; the one the position rules prefer (the nearest
    cue before the figure, a noun right after it, a signing verb, the topic when the sentence
    names no flow) first, marked `preferred`."""
    asides = [(a, b) for a, b in reason_asides(m.text, cs, ce) if not a <= fig.start < b]
    cues = [c for c in m.cues if c.kind in ("flow", "signing")]
    same = [c for c in cues if cs <= c.start < ce]
    before = [c for c in same if c.end <= fig.start and c.kind == "flow"]
    after = [c for c in same if c.start >= fig.end and c.kind == "flow"]
    targets = [c for c in m.in_span(m.cues, cs, ce) if c.kind in ("target", "infinitive")]
    options = []
    for c in cues:
        if c.value == "none":
            continue
        side = "before" if c.end <= fig.start else "after"
        where = "same" if cs <= c.start < ce else ("earlier" if c.end <= cs else "later")
        gap = m.text[c.end:fig.start] if side == "before" else m.text[fig.end:c.start]
        evidence = {f"value:{c.value}", f"at:{where}_{side}", f"dist:{_bucket(len(gap.split()))}"}
        if c is preferred:
            evidence.add("preferred")
        if c.kind == "signing":
            evidence.add("signing")
            if side == "before" and any(c.end <= t.start < fig.start for t in targets):
                evidence.add("target_between")
        if any(a <= c.start < b for a, b in asides):
            evidence.add("in_aside")
        if before and c is before[-1]:
            evidence.add("nearest_before")
        if after and c is after[0]:
            evidence.add("nearest_after")
        if side == "after" and attached_after(m.text, fig.end, c.start):
            evidence.add("attached")
        if side == "before" and _is_complement(m, cs, c):
            evidence.add("complement")
        options.append(FlowOption(c.value, c.rule, evidence))
    if signed_after(m.text, fig.end, ce):
        options.append(FlowOption("deal", "flow.signing", {"src:passive_signing"} | ({"preferred"} if preferred is _PASSIVE else set())))
    carried = ctx.carried_flow(m.index, ranking(m))
    if carried is not None:
        evidence = {"src:topic"}
        evidence.add("sentence_has_flow" if any(c.kind == "flow" for c in m.cues) else "sentence_has_no_flow")
        if preferred is _TOPIC:
            evidence.add("preferred")
        options.append(FlowOption(carried, "flow.topic", evidence))
    options.sort(key=lambda o: "preferred" not in o.evidence)
    return options


_PASSIVE, _TOPIC = object(), object()  # the preferred flow is a passive signing verb, or the topic's


def preferred_flow(fig, m: Mentions, cs: int, ce: int, ctx: Context):
    """The flow the position rules give the figure: a signing verb before it with no goal
    between; a signing verb after it in the passive; a flow noun right after it, closer than any
    cue before; the nearest cue before it that is no complement ("the share of copper in the
    total volume of exports": the head, not its complement); a cue after it; one in an earlier
    clause; with no flow word in the sentence, the topic's. A cue, _PASSIVE, _TOPIC or None."""
    asides = [(a, b) for a, b in reason_asides(m.text, cs, ce) if not a <= fig.start < b]
    clause_cues = [c for c in m.in_span(m.cues, cs, ce) if not any(a <= c.start < b for a, b in asides)]
    targets = [c for c in clause_cues if c.kind in ("target", "infinitive")]
    for verb in (c for c in clause_cues if c.kind == "signing"):
        if verb.end <= fig.start and not any(verb.end <= t.start < fig.start for t in targets):
            return verb
    if signed_after(m.text, fig.end, ce):
        return _PASSIVE
    flow_cues = [c for c in clause_cues if c.kind == "flow"]
    before = [c for c in flow_cues if c.end <= fig.start]
    after = [c for c in flow_cues if c.start >= fig.end]
    topic = ctx.recent_topic(m.index)
    if after and attached_after(m.text, fig.end, after[0].start) and (
            not before or fig.start - before[-1].end > after[0].start - fig.end):
        return after[0]
    if before:
        return next((c for c in reversed(before) if not _is_complement(m, cs, c)), before[-1])
    if after:
        if (topic is not None and topic.flow not in (None, after[0].value)
                and link_words().source_before.search(m.text, max(cs, after[0].start - 40), after[0].start)):
            # "got another $3 billion of funding from the deal": money paid under a deal goes on
            # with the flow the article was about, not the deal's signed value
            return _TOPIC
        return after[0]
    earlier = [c for c in m.cues if c.kind == "flow" and c.end <= cs]
    if earlier:
        return earlier[-1]
    if ctx.carried_flow(m.index, ranking(m)) is not None and not any(c.kind == "flow" for c in m.cues):
        return _TOPIC
    return None


def flow_of(preferred, m: Mentions, ctx: Context) -> str | None:
    """The flow of what preferred_flow returns."""
    if isinstance(preferred, Cue):
        return preferred.value
    if preferred is _PASSIVE:
        return "deal"
    if preferred is _TOPIC:
        return ctx.carried_flow(m.index, ranking(m))
    return None


def ranking(m: Mentions) -> bool:
    """The sentence ranks partners: a rank word ("followed by", "second place") or a list item."""
    return bool(m.items) or any(c.kind == "rank" for c in m.cues)


def _is_complement(m: Mentions, cs: int, cue: Cue) -> bool:
    """A flow word that completes the noun before it: 'the share ... of exports', 'data on
    imports' (rule link.complement_before)."""
    return link_words().complement_before.search(m.text, max(cs, cue.start - 30), cue.start) is not None


def _bucket(words: int) -> str:
    for limit in (0, 1, 2, 5, 10, 20):
        if words <= limit:
            return str(limit)
    return "far"
