"""Candidates: for each figure, the flows and pairs the rules offer (cascade, being reworked)."""
from __future__ import annotations

from .. import patterns
from ..countries import CountryMention
from ..cues import Cue, reason_asides, signed_after
from .context import Context
from .direction import ordered
from .mentions import PARTNER_ROLES, Mentions, is_list_item_gap

# words between a figure and a cue after it that still make the cue its noun: "$1 billion
# trade turnover", "$1 billion in new export agreements", "$5.2 billion turnover"
_ATTACHED_AFTER = patterns.compile(
    r"\A\s*(?:(?:in|of|worth\s+of|were|was|are|is)\s+|(?:will|would|could|is|are|was|were|has|have|had)\s+(?:also\s+)?(?:be|been)\s+"
    r"|(?:of\s+[\w-]+\s+(?:[\w-]+\s+)?)?(?:is|are|was|were)\s+(?:planned|expected|due|set)\s+to\s+be\s+)?"
    r"(?:(?:new|annual|total|bilateral|mutual|two-way|non-oil|additional)\s+)*\Z")
# what names the source of money paid: "from the deal", "as part of the agreement"
_SOURCE_BEFORE = patterns.compile(r"(?i)\b(?:from|under|as\s+part\s+of|within)\s+(?:the|this|that|a|an)\s+(?:[\w-]+\s+){0,2}\Z")
# a flow word that completes the noun before it ("the share ... of exports")
_COMPLEMENT_BEFORE = patterns.compile(
    r"\b(?i:of|in)\s+(?:(?i:the|its|their)\s+|\p{Lu}[\w.-]*(?:['’]s)?\s+)?(?:(?i:total|overall)\s+)?(?:(?i:volume|value)\s+of\s+)?\Z")
_COMMA = patterns.compile(r"[,;]")


def attached_after(text: str, start: int, end: int) -> bool:
    """Only words that make a flow cue the figure's noun stand between them: '$1 billion trade turnover'."""
    return _ATTACHED_AFTER.match(text[start:end]) is not None


def is_directed_change(fig) -> bool:
    return any(r.startswith("change.direction") or r in ("change.factor_word", "change.fold") for r in fig.rules)


def flow_of(fig, m: Mentions, cs: int, ce: int, ctx: Context):
    asides = [(a, b) for a, b in reason_asides(m.text, cs, ce) if not a <= fig.start < b]
    clause_cues = [c for c in m.in_span(m.cues, cs, ce) if not any(a <= c.start < b for a, b in asides)]
    signing = [c for c in clause_cues if c.kind == "signing"]
    targets = [c for c in clause_cues if c.kind in ("target", "infinitive")]
    for verb in signing:
        if verb.end <= fig.start and not any(verb.end <= t.start < fig.start for t in targets):
            return "deal", verb.rule
    if signed_after(m.text, fig.end, ce):
        return "deal", "flow.signing"
    flow_cues = [c for c in clause_cues if c.kind == "flow"]
    before = [c for c in flow_cues if c.end <= fig.start]
    after = [c for c in flow_cues if c.start >= fig.end]
    chosen = None
    if after and attached_after(m.text, fig.end, after[0].start) and (
            not before or fig.start - before[-1].end > after[0].start - fig.end):
        chosen = after[0]
    elif before:
        chosen = before[-1]
        if _is_complement(m, cs, chosen):
            # "the share of copper in the total volume of exports decreased", "bilateral trade of
            # imports of fuel rose": the head noun is what the figure measures, not its complement
            chosen = next((c for c in reversed(before) if not _is_complement(m, cs, c)), chosen)
    elif after:
        chosen = after[0]
        topic = ctx.recent_topic(m.index)
        if (topic is not None and topic.flow not in (None, chosen.value)
                and _SOURCE_BEFORE.search(m.text, max(cs, chosen.start - 40), chosen.start)):
            # "got another $3 billion of funding from the deal": money paid under a deal goes on
            # with the flow the article was about, not the deal's signed value
            return topic.flow, "flow.topic"
    else:
        earlier = [c for c in m.cues if c.kind == "flow" and c.end <= cs]
        chosen = earlier[-1] if earlier else None
    if chosen is None:
        topic = ctx.recent_topic(m.index)
        if topic is not None and topic.flow is not None and not any(c.kind == "flow" for c in m.cues):
            return topic.flow, "flow.topic"
        return None, None
    if chosen.value == "none":
        return None, None
    return chosen.value, chosen.rule


PARTNER_ROLES = {"destination", "origin", "host", "partner"}


def pair_of(fig, flow, m: Mentions, cs, ce, ctx: Context, respectively):
    # countries after the figure count only when they follow it closely ("$4.8 billion of Chinese
    # investment to Brazil"), not in a clause of reasons after it
    in_clause = [c for c in m.in_span(m.countries, cs, ce)
                 if c.start < fig.start or not _COMMA.search(m.text[fig.end:c.start])]
    previous_end = max([x.end for x in m.figures if x.end <= fig.start] + [cs])
    local = [c for c in in_clause if previous_end <= c.start < fig.start]
    # the countries whose roles order the pair: those of the figure's own stretch of text, up
    # to a country that starts the next statement ("... by 182 percent and India's exports ...")
    later_figures = [x.start for x in m.figures if x.start >= fig.end and x.start < ce]
    after = []
    for c in (c for c in in_clause if c.start >= fig.end):
        roles = m.roles[id(c)]
        if "reporter" in roles and not roles & PARTNER_ROLES and any(x > c.end for x in later_figures):
            break
        if local and any(x < c.start and _flow_between(m, fig.end, x) for x in later_figures):
            break  # "Georgia exported $61 million and imported $97 million of Turkish goods": the next statement's
        after.append(c)
    near = local + after or in_clause
    has_context_cue = any(c.kind == "pair_context" for c in m.cues)
    if _no_country_pair(m, fig, cs, ce, in_clause, has_context_cue):
        return None

    if id(fig) in respectively:
        partner = respectively[id(fig)].iso3
        return ordered(flow, reporter_for(partner, m, ctx), partner, near, m, ctx, reporter_first=False, fig_start=fig.start), "pair.respectively"
    # a pair after the figure counts as closely as a country does: not behind a comma ("..., after
    # freight costs fell due to the Iran-Iraq border reopening")
    phrase = next((p for p in m.pair_phrases if cs <= p[0] < ce and (p[1] <= fig.start or not any(
        p[1] <= x.start < fig.start for x in m.figures) and p[0] >= fig.end
        and not _COMMA.search(m.text[fig.end:p[0]]))), None)
    if phrase is not None:
        return ordered(flow, *phrase[2], near, m, ctx, fig_start=fig.start), "pair.phrase"
    distinct = list(dict.fromkeys(c.iso3 for c in in_clause))
    if _group_item(fig, m, cs):
        return None  # "... to neighbouring countries (2.9 million tons)": a group's figure
    if len(distinct) >= 2:
        partner_mention = _partner_mention(fig, local, in_clause, m)
        if partner_mention is None or (m.list_of(partner_mention) and id(partner_mention) not in m.items):
            return None  # a group of partners: "with China, Iraq, the UAE and Turkey"
        partner = partner_mention.iso3
        reporter = m.reporter_in(m.countries, exclude=partner)
        if reporter is None:
            others = [c.iso3 for c in in_clause if c.iso3 != partner and id(c) not in m.items]
            reporter = others[0] if others and id(partner_mention) not in m.items else ctx.other_than(partner)
        if reporter is None:
            return None
        rule = "pair.item" if id(partner_mention) in m.items else "pair.clause"
        return ordered(flow, reporter, partner, near, m, ctx, reporter_first=False, fig_start=fig.start), rule
    sentence_distinct = list(dict.fromkeys(c.iso3 for c in m.countries if not m.list_of(c)))
    if not distinct and len(sentence_distinct) >= 2:
        if m.pair_phrases:
            return ordered(flow, *m.pair_phrases[0][2], [], m, ctx), "pair.sentence"
        reporter = m.reporter_in(m.countries) or (ctx.reporter if ctx.reporter in sentence_distinct else sentence_distinct[0])
        partner = next(x for x in sentence_distinct if x != reporter)
        return ordered(flow, reporter, partner, [], m, ctx, reporter_first=False), "pair.sentence"
    single_mentions = in_clause or m.countries
    if single_mentions:
        single = single_mentions[0].iso3
        marked_partner = any(m.roles[id(c)] & PARTNER_ROLES for c in single_mentions)
        list_item = any(id(c) in m.items for c in local)
        if any(m.list_of(c) for c in single_mentions) and not list_item:
            return None
        topic = ctx.recent_topic(m.index)
        other = None
        own_flow = any(c.kind in ("flow", "signing") for c in m.cues)
        if topic is not None and single in topic.pair and topic.pair[0] != topic.pair[1] and own_flow:
            other = next(x for x in topic.pair if x != single)
        elif marked_partner or list_item or has_context_cue:
            other = ctx.other_than(single)
        if other is None or other == single:
            return None
        # a country named only in another clause ("Exports of Uzbek cement increased 1.8 times,
        # while fruit shipments rose 2.2 times") still orders the pair by its role
        near = near or single_mentions
        if list_item:
            return ordered(flow, other, single, near, m, ctx, reporter_first=False, fig_start=fig.start), "pair.item"
        if marked_partner:
            return ordered(flow, other, single, near, m, ctx, reporter_first=False, fig_start=fig.start), "pair.reporter"
        return ordered(flow, single, other, near, m, ctx, fig_start=fig.start), "pair.topic"
    topic = ctx.recent_topic(m.index)
    focus = ctx.focus()
    main_pair = len(focus) >= 2 and ctx.counts[focus[1]] >= 2
    if has_context_cue and main_pair and (topic is None or set(topic.pair) != set(focus[:2])):
        # "mutual trade", "between the two countries": the article's pair, not a digression's
        return ordered(flow, focus[0], focus[1], [], m, ctx), "pair.context"
    if topic is not None:
        same_direction = topic.ordered and topic.flow == flow
        return ordered(flow, *topic.pair, [], m, ctx, reporter_first=not same_direction), "pair.topic"
    if has_context_cue and len(focus) >= 2:
        return ordered(flow, focus[0], focus[1], [], m, ctx), "pair.context"
    return None


def _is_complement(m: Mentions, cs: int, cue: Cue) -> bool:
    return _COMPLEMENT_BEFORE.search(m.text, max(cs, cue.start - 30), cue.start) is not None


def _flow_between(m: Mentions, start: int, end: int) -> bool:
    return any(c.kind in ("flow", "signing") and start <= c.start < end for c in m.cues)


def _no_country_pair(m: Mentions, fig, cs, ce, in_clause, has_context_cue) -> bool:
    """A clause about a region ("Minsk Oblast's trade"), a group of partners ("with its
    neighbours") or one country's total ("Malaysia's total trade") holds no pair fact."""
    cues = m.in_span(m.cues, cs, ce)
    if any(c.kind == "group" and c.value == "region" and c.end <= fig.start for c in cues):
        return True
    explicit_pair = any(cs <= p[0] < ce for p in m.pair_phrases) or has_context_cue
    partner_named = any(m.roles[id(c)] & PARTNER_ROLES or id(c) in m.items for c in in_clause)
    if explicit_pair or partner_named:
        return False
    if any(c.kind == "group" for c in cues):
        return True
    return any(c.kind == "total" for c in cues) and len({c.iso3 for c in in_clause}) == 1


def reporter_for(partner: str, m: Mentions, ctx: Context) -> str | None:
    return m.reporter_in(m.countries, exclude=partner) or ctx.other_than(partner)


def _partner_mention(fig, local, in_clause, m: Mentions) -> CountryMention | None:
    """The country a figure is about: the last named between the figure before it and this one;
    else one named right after it with a role ("$4.8 billion ... to Brazil"); else the last
    named before it that is not another figure's list item."""
    after = [c for c in in_clause if c.start >= fig.end and m.roles[id(c)] & PARTNER_ROLES]
    if local:
        # a reporting side right before the figure ("Uzbek company to invest $1 billion in
        # Afghanistan") is not the partner when a partner follows
        if after and "reporter" in m.roles[id(local[-1])] and not m.roles[id(local[-1])] & PARTNER_ROLES:
            return after[0]
        return local[-1]
    if after:
        return after[0]
    before = [c for c in in_clause if c.end <= fig.start and id(c) not in m.items]
    return before[-1] if before else None


def _group_item(fig, m: Mentions, cs: int) -> bool:
    """A figure right after a group of partners: 'Central Asian countries (2.9 million tons)'."""
    groups = [c for c in m.cues if c.kind == "group" and cs <= c.end <= fig.start]
    if not groups:
        return False
    close_after = [c for c in m.countries if c.start >= fig.end and m.roles[id(c)] & PARTNER_ROLES
                   and not _COMMA.search(m.text[fig.end:c.start])]
    if close_after:
        return False  # "..., 639,000 tons to China": the partner follows
    last = groups[-1]
    between = [c for c in m.countries if last.end <= c.start < fig.start]
    return not between and is_list_item_gap(m.text, last.end, fig.start)
