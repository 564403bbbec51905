"""The words the linker tests, from rules/links.toml, compiled once per process.

The rule file holds the words (clause breaks, what joins countries into a pair or a list,
what may stand between a figure and its neighbours, words of comparison and contrast); this
module sets them into the punctuation around them, and the linker's steps hold only the code
that uses the patterns. A word list becomes a trie (rulebook.alternation), so a rule author
adds a word, not a regex.
"""
from __future__ import annotations

import functools

from .. import rulebook
from ..rulebook import Rule, RuleFile


def _list(rule: Rule, key: str = "words") -> list[str]:
    """The rule's word list `key`; a rule without one is an error that names the rule."""
    words = rule.get(key)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise rule.error(f"field '{key}' must be a non-empty list of words")
    return words


def _words(rule: Rule, key: str = "words", fold_case: bool = False) -> str:
    """The rule's list `key` as one alternation (lower-cased for a pattern that ignores case)."""
    return rulebook.alternation(_list(rule, key), fold_case=fold_case)


def _pattern(rule: Rule, key: str) -> str:
    """The rule's regex field `key`, compiled alone first so that an error names the field."""
    rule.compile(key)
    return rule.get(key)


class LinkWords:
    """One compiled pattern per use of the words (a rule's words may serve in several)."""

    def __init__(self, rules: RuleFile):
        clause = rules.rule("link.clause_break")
        relative = _words(clause, "relative")
        # a relative clause between commas (", which ended last March,") is a clause of its own
        self.clause_break = clause.compile(
            "words", pattern=rf";|,?\s+{_words(clause)}\s+|,\s+(?={relative}\s+)|\s+[-–—]\s+(?=[a-z])")
        self.relative = clause.compile("relative", pattern=relative)

        pair = rules.rule("link.pair_join")
        articles = _words(pair, "articles")
        self.pair_join = pair.compile("words", pattern=rf"\A\s*(?:[-–—/&]|,?\s*{_words(pair)})\s*(?:{articles}\s+)?\Z")
        self.comma_before = pair.compile("articles", pattern=rf",\s*(?:{articles}\s+)?\Z")
        self.between = pair.compile("between", pattern=_words(pair, "between"))

        listed = rules.rule("link.list_join")
        joins, articles = _words(listed), _words(listed, "articles")
        # perhaps across one other member: "South Korea, the European Union (EU), Japan"
        self.list_join = listed.compile("words", pattern=(
            rf"\A\s*(?:,|,?\s*{joins}|&)\s*(?:(?:{articles}\s+)?\p{{Lu}}[^,;.]{{0,40}},\s*(?:{joins}\s+)?)?(?:{articles}\s+)?\Z"))

        two = rules.rule("link.list_of_two")
        self.list_of_two_and = two.compile("and", pattern=rf"(?i)\b{_words(two, 'and', True)}\b|&")
        self.list_of_two_before = two.compile(
            "words", pattern=rf"(?i)\b{_words(two, fold_case=True)}\s+(?:{_words(two, 'articles', True)}\s+)?\Z")

        item = rules.rule("link.list_item_gap")
        # a country's own note in brackets, its rank, then what leads to the figure or a dash, colon, bracket or comma
        self.list_item_gap = item.compile("rank", pattern=(
            rf"\A\s*(?:\([^()]{{1,12}}\)\s*)?(?:(?:{_pattern(item, 'rank')})\s*[-–—:,]?\s*)?"
            rf"(?:{_pattern(item, 'with')}|[-–—:]\s*|\(\s*|,\s*)?\Z"))

        attached = rules.rule("link.attached_after")
        self.attached_after = attached.compile(
            "linking", pattern=rf"\A\s*(?:{_pattern(attached, 'linking')})?(?:{_words(attached)}\s+)*\Z")

        source = rules.rule("link.source_before")
        self.source_before = source.compile("words", pattern=(
            rf"(?i)\b{_words(source, fold_case=True)}\s+{_words(source, 'determiners', True)}\s+(?:[\w-]+\s+){{0,2}}\Z"))

        complement = rules.rule("link.complement_before")
        # case is ignored in the words only: a name before the flow word starts with a capital
        self.complement_before = complement.compile("words", pattern=(
            rf"\b(?i:{_words(complement, fold_case=True)})\s+"
            rf"(?:(?i:{_words(complement, 'determiners', True)})\s+|\p{{Lu}}[\w.-]*(?:{_words(complement, 'possessive')})?\s+)?"
            rf"(?:(?i:{_words(complement, 'totals', True)})\s+)?(?:(?i:{_words(complement, 'measures', True)})\s+)?\Z"))

        companion = rules.rule("link.companion_gap")
        self.companion_gap = companion.compile("words", pattern=rf"\A\s*[(\[]\s*(?:{_words(companion)}\s+)?\Z")

        alias = rules.rule("link.alias_gap")
        self.alias_gap = alias.compile("words", pattern=(
            rf"\A\)?\s*(?:\(|\[|,?\s*{_words(alias, 'alternatives')}\s+|/)\s*(?:{_words(alias)}\s+)?\Z"))

        respectively = rules.rule("link.respectively")
        self.respectively = respectively.compile("words", pattern=rf"(?i)\b{_words(respectively, fold_case=True)}\b")

        comparison = rules.rule("link.comparison")
        change = rules.rule("link.change_comparison")
        self.comparison = comparison.compile("words", pattern=rf"(?i)\b{_words(comparison, fold_case=True)}\b")
        # a change is compared with its base by these words and the comparison's
        self.change_comparison = change.compile("words", pattern=(
            rf"(?i)\b{rulebook.alternation(_list(comparison) + _list(change), fold_case=True)}\b"))

        contrast = rules.rule("link.contrast")
        self.contrast = contrast.compile("words", pattern=rf"(?i)\b{_words(contrast, fold_case=True)}\s*\Z")

        turn = rules.rule("link.clause_turn")
        self.clause_turn = turn.compile("words", pattern=rf",|\b{_words(turn)}\b")

        calendar = rules.rule("link.calendar_after")
        year = _words(calendar, "year", True)
        self.calendar_after = calendar.compile("words", pattern=(
            rf"(?i)(?:{_words(calendar, 'possessive', True)})?\s+(?:{_words(calendar, fold_case=True)}\s+)+{year}\b|\s+{year}\b"))


@functools.cache
def link_words() -> LinkWords:
    return LinkWords(rulebook.load("links"))
