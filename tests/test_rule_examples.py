"""Every example of every rule file reads as the rule file says (the rules' own tests)."""
import pytest

from tradefacts import rulebook, rulecheck


def _examples():
    for name in rulebook.rule_file_names():
        rules = rulebook.load(name)
        for rule in rules.rules:
            for i, example in enumerate(rule.examples):
                yield pytest.param(name, rule, example, id=f"{rule.id}[{i}]")


@pytest.mark.parametrize("name,rule,example", list(_examples()))
def test_rule_example(name, rule, example):
    problem = rulecheck.CHECKERS[name](example)
    assert problem is None, f"{rule.path}:{rule.line}: {rule.id}: {problem}"


def test_every_rule_file_has_a_checker_and_examples():
    counts, failures, errors = rulecheck.check()
    assert not errors
    assert set(counts) == {f"rules/{n}.toml" for n in rulebook.rule_file_names()}
    assert all(n > 0 for n in counts.values())
