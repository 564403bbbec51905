"""Pairs on offer for a figure: each pair rule proposes the pair it finds (the first that applies
marks it `first`, or says there is none), then every country of the sentence is offered with
the article's reporting country and with every other country of the sentence."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..countries import CountryMention
from .context import Context
from .evidence import COMMA, RANK, clause_countries, mention_locations, pair_evidence
from .mentions import PARTNER_ROLES, Mentions


NEAREST_COUNTRIES = 6  # countries of a sentence paired with each other: the nearest to the figure


@dataclass
class PairOption:
    a: str  # the proposer's order: the reporting side first where it knows one
    b: str
    rules: list[str]
    evidence: set[str]
    reporter_first: bool = True  # with no role marked, put the article's reporting country first
    keeps_order_for: str | None = None  # a topic's pair is already in the order of this flow
    near: list = field(default_factory=list)  # the mentions whose roles order the pair

    @property
    def key(self) -> frozenset:
        return frozenset((self.a, self.b))


def pair_options(fig, m: Mentions, cs: int, ce: int, ctx: Context, respectively: dict) -> tuple[list[PairOption], set[str]]:
    """The pairs on offer for the figure, each with its evidence, and the evidence that holds for
    all of them. Each pair rule proposes the pair it finds; the first rule that finds one (in
    the order below) marks it `first`; then every country of the sentence is offered with the
    article's reporting country and with every other country of the sentence."""
    locations = mention_locations(fig, m, cs, ce)
    in_clause = clause_countries(fig, m, cs, ce)
    distinct = list(dict.fromkeys(c.iso3 for c in in_clause))
    shared = {f"kind:{fig.kind}", f"clause_countries:{min(len(distinct), 3)}",
              f"sentence_countries:{min(len({c.iso3 for c in m.countries}), 3)}"}
    clause_cues = m.in_span(m.cues, cs, ce)
    has_context_cue = any(c.kind == "pair_context" for c in m.cues)
    ranked = any(c.kind == "rank" for c in clause_cues)
    if has_context_cue:
        shared.add("context_cue")
    if any(c.kind in ("group", "total") for c in clause_cues):
        shared.add("group_in_clause")
    if ranked:
        shared.add("rank_in_clause")

    proposals: list[PairOption] = []

    def propose(a, b, rule, near, reporter_first=True, keeps_order_for=None, *flags) -> bool:
        if a and b and a != b:
            proposals.append(PairOption(a, b, [rule], set(flags), reporter_first, keeps_order_for, near))
            return True
        return False

    # The pair rules in their order; the first that applies settles what the rules say: its
    # pair (marked `first`), or no fact (`rules_say_none` for every pair)
    settled: list[int | None] = []

    def settle(proposed: bool):
        if not settled:
            settled.append(len(proposals) - 1 if proposed else None)

    previous_end = m.previous_end(fig, cs)
    local = [c for c in in_clause if previous_end <= c.start < fig.start]
    near = _near(fig, m, ce, in_clause, local)
    topic = ctx.recent_topic(m.index)
    reporter = m.reporter_in(m.countries)
    if id(fig) in respectively:
        partner = respectively[id(fig)].iso3
        settle(propose(m.reporter_in(m.countries, exclude=partner) or ctx.other_than(partner), partner, "pair.respectively", near, False))
    # a pair after the figure counts as closely as a country does: not behind a comma
    phrase = next((p for p in m.pair_phrases if cs <= p[0] < ce and (p[1] <= fig.start or not any(
        p[1] <= x.start < fig.start for x in m.figures) and p[0] >= fig.end
        and not COMMA.search(m.text[fig.end:p[0]]))), None)
    if phrase is not None:
        settle(propose(*phrase[2], "pair.phrase", near))
    if len(distinct) >= 2:
        partner_mention = _partner_mention(fig, local, in_clause, m)
        if partner_mention is None:
            settle(False)
        else:
            partner = partner_mention.iso3
            listed = m.list_of(partner_mention) and id(partner_mention) not in m.items
            other = m.reporter_in(m.countries, exclude=partner)
            if other is None:
                # in a ranking, a country named before the figure before this one is that figure's
                # partner: "Afghanistan took 318,500 tons, followed by Italy with 214,500 tons"
                others = [c.iso3 for c in in_clause if c.iso3 != partner and id(c) not in m.items
                          and not (ranked and c.start < previous_end)]
                other = others[0] if others and id(partner_mention) not in m.items else ctx.other_than(partner)
            rule = "pair.item" if id(partner_mention) in m.items else "pair.clause"
            # a partner of a list ("with China, Iraq, the UAE and Turkey") is a group's: the rules say no fact
            proposed = propose(other, partner, rule, near, False, None, "partner_listed" if listed else "partner_alone")
            settle(proposed and not listed)
    # a country that heads another figure of the sentence ("mainly to Uzbekistan (1.7 million
    # tons)") is that figure's partner, not this one's
    others_items = {id(c) for c in m.countries if id(c) in m.items and c not in local}
    sentence_distinct = list(dict.fromkeys(c.iso3 for c in m.countries if not m.list_of(c) and id(c) not in others_items))
    if not distinct and len(sentence_distinct) >= 2:
        if m.pair_phrases:
            settle(propose(*m.pair_phrases[0][2], "pair.sentence", []))
        else:
            first = reporter or (ctx.reporter if ctx.reporter in sentence_distinct else sentence_distinct[0])
            settle(propose(first, next(x for x in sentence_distinct if x != first), "pair.sentence", [], False))
    single_mentions = in_clause or [c for c in m.countries if id(c) not in others_items]
    if single_mentions and len(distinct) < 2:
        single = single_mentions[0].iso3
        marked_partner = any(m.roles[id(c)] & PARTNER_ROLES for c in single_mentions)
        list_item = any(id(c) in m.items for c in local)
        single_near = near or single_mentions
        listed = any(m.list_of(c) for c in single_mentions) and not list_item
        flag = "single_listed" if listed else "single_alone"
        own_flow = any(c.kind in ("flow", "signing") for c in m.cues)
        other = None
        ranked = ranked and single != ctx.reporter
        if topic is not None and single in topic.pair and topic.pair[0] != topic.pair[1] and own_flow:
            other = next(x for x in topic.pair if x != single)
        elif marked_partner or list_item or has_context_cue or ranked:
            other = ctx.other_than(single)
        if ranked and single not in (topic.pair if topic else ()):
            proposed = propose(other, single, "pair.ranked", single_near, False, None, flag)
        elif list_item:
            proposed = propose(other, single, "pair.item", single_near, False, None, flag)
        elif marked_partner:
            proposed = propose(other, single, "pair.reporter", single_near, False, None, flag)
        else:
            proposed = propose(single, other, "pair.topic", single_near, True, None, flag)
        settle(proposed and not listed)
    main = ctx.main_pair()
    if main is not None and has_context_cue and (topic is None or set(topic.pair) != set(main)):
        # "mutual trade", "between the two countries": the article's pair, not a digression's
        settle(propose(*main, "pair.context", []))
    if topic is not None:
        settle(propose(*topic.pair, "pair.topic", [], True, topic.flow if topic.ordered else None))
    focus = ctx.focus()
    if has_context_cue and len(focus) >= 2:
        settle(propose(focus[0], focus[1], "pair.context", []))
    settle(False)
    anywhere = near or in_clause or m.countries
    # the liberal offers: every country of the sentence with the reporting country and with every other
    nearest = sorted(m.countries, key=lambda c: RANK[locations[id(c)]] * 10_000 + abs(c.start - fig.start))
    named = list(dict.fromkeys(c.iso3 for c in nearest))[:NEAREST_COUNTRIES]
    for partner in named:
        propose(reporter if reporter != partner else None, partner, "pair.any", anywhere, False)
        propose(ctx.other_than(partner), partner, "pair.reporter", anywhere, False)
        for other in named:
            propose(other, partner, "pair.any", anywhere, False)

    merged: dict[frozenset, PairOption] = {}
    if settled[0] is None:
        shared.add("rules_say_none")
    for index, option in enumerate(proposals):
        if index == settled[0]:
            option.evidence.add("first")
        if option.key in merged:
            kept = merged[option.key]
            kept.rules += [r for r in option.rules if r not in kept.rules]
            kept.evidence |= option.evidence
            if index == settled[0]:  # the rule that settled the pair also orders it
                kept.a, kept.b, kept.near = option.a, option.b, option.near
                kept.reporter_first, kept.keeps_order_for = option.reporter_first, option.keeps_order_for
                kept.rules.insert(0, kept.rules.pop(kept.rules.index(option.rules[0])))
        else:
            merged[option.key] = option
    options = list(merged.values())
    for option in options:
        option.evidence |= pair_evidence(option, fig, m, ctx, locations, respectively, topic, main, reporter)
    return options, shared


def _near(fig, m: Mentions, ce: int, in_clause, local) -> list[CountryMention]:
    """The countries whose roles order the pair: those of the figure's own stretch of text, up
    to a country that starts the next statement ("... by 182 percent and India's exports ..."),
    else those of its clause."""
    later_figures = [x.start for x in m.figures if fig.end <= x.start < ce]
    after = []
    for c in (c for c in in_clause if c.start >= fig.end):
        roles = m.roles[id(c)]
        if "reporter" in roles and not roles & PARTNER_ROLES and any(x > c.end for x in later_figures):
            break
        if local and any(x < c.start and _flow_between(m, fig.end, x) for x in later_figures):
            break  # "Georgia exported $61 million and imported $97 million of Turkish goods": the next statement's
        after.append(c)
    return local + after or in_clause


def _flow_between(m: Mentions, start: int, end: int) -> bool:
    return any(c.kind in ("flow", "signing") and start <= c.start < end for c in m.cues)


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
