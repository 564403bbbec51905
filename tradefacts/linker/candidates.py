"""Candidates: for each figure, every flow and every pair the rules offer, each with the evidence
that speaks for or against it.

The rules propose liberally: every flow cue of the sentence and the topic's flow; every pair
written as a pair, every two countries of the sentence, each country with the reporting
country, the topic's pair and the article's pair. Evidence is a set of short general words
(where a cue stands, how far, the roles of the countries, whether a country heads a list item,
...), never a document's or a sentence's own words. decision.py weighs it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import patterns
from ..countries import CountryMention
from ..cues import Cue, lacks_scale, reason_asides, signed_after
from .context import Context
from .mentions import PARTNER_ROLES, Mentions, is_list_item_gap
from .words import link_words

_COMMA = patterns.compile(r"[,;]")
NEAREST_COUNTRIES = 6  # countries of a sentence paired with each other: the nearest to the figure
# the evidence that the rules' own choice is this reading: the flow the position rules prefer
# with the pair the first applicable pair rule gives, or no fact when the rules find none (one
# word per kind of figure: how far the rules are trusted may differ between money and changes)
RULES_AGREE, RULES_SAY_NONE = "rules", "null&rules"


@dataclass
class FlowOption:
    flow: str  # turnover, export, import, investment or deal
    rule: str
    evidence: set[str]


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


def attached_after(text: str, start: int, end: int) -> bool:
    """Only words that make a flow cue the figure's noun stand between them: '$1 billion trade
    turnover', '$1 billion in new export agreements' (rule link.attached_after)."""
    return link_words().attached_after.match(text[start:end]) is not None


def is_directed_change(fig) -> bool:
    return any(r.startswith("change.direction") or r in ("change.factor_word", "change.fold") for r in fig.rules)


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


# ---- flows ------------------------------------------------------------------------------------

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
    in_clause = [c for c in m.in_span(m.countries, cs, ce) if c.start < fig.start or not _COMMA.search(m.text[fig.end:c.start])]
    if any("company" in m.roles[id(c)] for c in in_clause) and _flow_of(preferred, m, ctx) not in COMPANY_FLOWS:
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


def _flow_of(preferred, m: Mentions, ctx: Context) -> str | None:
    """The flow of what preferred_flow returns."""
    if isinstance(preferred, Cue):
        return preferred.value
    if preferred is _PASSIVE:
        return "deal"
    if preferred is _TOPIC:
        return ctx.carried_flow(m.index, _ranking(m))
    return None


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
    carried = ctx.carried_flow(m.index, _ranking(m))
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
    if ctx.carried_flow(m.index, _ranking(m)) is not None and not any(c.kind == "flow" for c in m.cues):
        return _TOPIC
    return None


def _ranking(m: Mentions) -> bool:
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


# ---- pairs ------------------------------------------------------------------------------------

def pair_options(fig, m: Mentions, cs: int, ce: int, ctx: Context, respectively: dict) -> tuple[list[PairOption], set[str]]:
    """The pairs on offer for the figure, each with its evidence, and the evidence that holds for
    all of them. Each pair rule proposes the pair it finds; the first rule that finds one (in
    the order below) marks it `first`; then every country of the sentence is offered with the
    article's reporting country and with every other country of the sentence."""
    locations = _mention_locations(fig, m, cs, ce)
    in_clause = [c for c in m.in_span(m.countries, cs, ce)
                 if c.start < fig.start or not _COMMA.search(m.text[fig.end:c.start])]
    distinct = list(dict.fromkeys(c.iso3 for c in in_clause))
    shared = {f"kind:{fig.kind}", f"clause_countries:{min(len(distinct), 3)}",
              f"sentence_countries:{min(len({c.iso3 for c in m.countries}), 3)}"}
    if any(c.kind == "pair_context" for c in m.cues):
        shared.add("context_cue")
    if any(c.kind in ("group", "total") for c in m.in_span(m.cues, cs, ce)):
        shared.add("group_in_clause")
    if any(c.kind == "rank" for c in m.in_span(m.cues, cs, ce)):
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

    previous_end = max([x.end for x in m.figures if x.end <= fig.start] + [cs])
    local = [c for c in in_clause if previous_end <= c.start < fig.start]
    near = _near(fig, m, ce, in_clause, local)
    topic = ctx.recent_topic(m.index)
    reporter = m.reporter_in(m.countries)
    has_context_cue = any(c.kind == "pair_context" for c in m.cues)
    if id(fig) in respectively:
        partner = respectively[id(fig)].iso3
        settle(propose(m.reporter_in(m.countries, exclude=partner) or ctx.other_than(partner), partner, "pair.respectively", near, False))
    # a pair after the figure counts as closely as a country does: not behind a comma
    phrase = next((p for p in m.pair_phrases if cs <= p[0] < ce and (p[1] <= fig.start or not any(
        p[1] <= x.start < fig.start for x in m.figures) and p[0] >= fig.end
        and not _COMMA.search(m.text[fig.end:p[0]]))), None)
    if phrase is not None:
        settle(propose(*phrase[2], "pair.phrase", near))
    ranked = any(c.kind == "rank" for c in m.in_span(m.cues, cs, ce))
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
    nearest = sorted(m.countries, key=lambda c: _RANK[locations[id(c)]] * 10_000 + abs(c.start - fig.start))
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
        option.evidence |= _pair_evidence(option, fig, m, ctx, locations, respectively, topic, main, reporter)
    return options, shared


# where a country's mention stands from the figure, nearest first
_RANK = {"local": 0, "after": 1, "before": 2, "after_comma": 3, "after_next": 4, "other_clause": 5}


def _mention_locations(fig, m: Mentions, cs: int, ce: int) -> dict[int, str]:
    """Each country mention's place: between the figure before and this one (local), right after
    it (after), earlier in the clause (before), after it behind a comma, after the next figure
    of the clause (another statement's), or in another clause."""
    previous_end = max([x.end for x in m.figures if x.end <= fig.start] + [cs])
    later_figures = [x.start for x in m.figures if fig.end <= x.start < ce]
    out = {}
    for c in m.countries:
        if not cs <= c.start < ce:
            out[id(c)] = "other_clause"
        elif c.start < fig.start:
            out[id(c)] = "local" if c.start >= previous_end else "before"
        elif any(x < c.start for x in later_figures):
            out[id(c)] = "after_next"
        elif _COMMA.search(m.text[fig.end:c.start]):
            out[id(c)] = "after_comma"
        else:
            out[id(c)] = "after"
    return out


def _pair_evidence(option: PairOption, fig, m: Mentions, ctx: Context, locations, respectively, topic, main, reporter) -> set[str]:
    evidence = {f"rule:{r}" for r in option.rules}
    places = []
    for iso3 in (option.a, option.b):
        mentions = sorted((c for c in m.countries if c.iso3 == iso3), key=lambda c: (_RANK[locations[id(c)]], abs(c.start - fig.start)))
        if not mentions:
            places.append("unnamed")
            continue
        best = mentions[0]
        places.append(locations[id(best)])
        roles = m.roles[id(best)]
        for role in sorted(roles):
            evidence.add(f"role:{role}@{locations[id(best)]}")
        if id(best) in m.items:
            evidence.add(f"item@{locations[id(best)]}")
        elif m.list_of(best):
            evidence.add(f"listed@{locations[id(best)]}")
        if id(best) in (id(c) for c in respectively.values()):
            evidence.add("respectively")
    evidence.add("loc:" + "+".join(sorted(places)))
    evidence.add(f"named:{sum(p != 'unnamed' for p in places)}")
    left_out = {locations[id(c)] for c in m.countries if c.iso3 not in (option.a, option.b)}
    for place in left_out & {"local", "after", "before"}:
        evidence.add(f"leaves_out@{place}")
    if ctx.reporter in (option.a, option.b):
        evidence.add("article_reporter")
    if reporter in (option.a, option.b):
        evidence.add("sentence_reporter")
    if topic is not None and set(topic.pair) == {option.a, option.b}:
        evidence.add("topic_pair")
        evidence.add(f"topic_age:{m.index - topic.sentence}")
    if main is not None and set(main) == {option.a, option.b}:
        evidence.add("main_pair")
    for start, end, pair in m.pair_phrases:
        if set(pair) == {option.a, option.b}:
            cs, ce = m.clause_of(fig.start)
            if not cs <= start < ce:
                evidence.add("phrase@other_clause")
            elif end <= fig.start:
                evidence.add("phrase@before")
            elif any(fig.end <= x.start < start for x in m.figures):
                evidence.add("phrase@after_next")
            elif _COMMA.search(m.text[fig.end:start]):
                evidence.add("phrase@after_comma")
            else:
                evidence.add("phrase@after")
    return evidence


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
