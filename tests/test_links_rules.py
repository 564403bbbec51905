"""rules/links.toml, the words the linker tests: a broken rule is an error that names the file,
the line and the rule, and every rule is shown by its examples (tests/test_rule_examples.py runs
them): with the rule's words matching nothing, one of its examples reads otherwise."""
import dataclasses

import pytest

from tradefacts import rulebook, rulecheck
from tradefacts.linker.words import LinkWords, link_words
from tradefacts.rulebook import RuleError

LINKS = rulebook.RULES_DIR / "links.toml"


def _edited(old: str, new: str) -> rulebook.RuleFile:
    text = LINKS.read_text(encoding="utf-8")
    assert old in text
    return rulebook.parse_rule_file(LINKS, text.replace(old, new, 1))


def _where(rule_id: str) -> str:
    lines = LINKS.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text == f'id = "{rule_id}"')
    return f"rules/links.toml:{line}: rule '{rule_id}'"


def test_a_missing_word_list_names_the_file_line_and_rule():
    with pytest.raises(RuleError) as err:
        LinkWords(_edited('relative = ["which"]\n', ""))
    assert str(err.value) == f"{_where('link.clause_break')}: field 'relative' must be a non-empty list of words"


def test_a_pattern_that_does_not_compile_names_the_file_line_and_rule():
    with pytest.raises(RuleError) as err:
        LinkWords(_edited("rank = '(?:is|", "rank = '(?:(?:is|"))
    assert str(err.value).startswith(f"{_where('link.list_item_gap')}: field 'rank' does not compile")


def test_a_missing_rule_names_the_file():
    with pytest.raises(RuleError, match="rules/links.toml: rule 'link.contrast' is required but missing"):
        LinkWords(_edited('id = "link.contrast"', 'id = "link.contrasts"'))


def _silenced(rules: rulebook.RuleFile, rule_id: str) -> rulebook.RuleFile:
    """The rule file with one rule's word lists and patterns matching nothing."""
    def silence(rule):
        return dataclasses.replace(rule, fields={key: ["\0"] if isinstance(value, list) else "(?!)"
                                                 for key, value in rule.fields.items()})
    return dataclasses.replace(rules, rules=tuple(silence(r) if r.id == rule_id else r for r in rules.rules))


@pytest.mark.parametrize("rule", rulebook.load("links").rules, ids=lambda rule: rule.id)
def test_every_rule_is_shown_by_its_examples(rule, monkeypatch):
    silenced = _silenced(rulebook.load("links"), rule.id)
    load = rulebook.load
    monkeypatch.setattr(rulebook, "load", lambda name: silenced if name == "links" else load(name))
    link_words.cache_clear()
    try:
        assert any(rulecheck.CHECKERS["links"](example) for example in rule.examples), \
            f"{rule.id}: every example reads the same with the rule's words matching nothing"
    finally:
        link_words.cache_clear()
