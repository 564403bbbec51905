"""Broken rule files get errors that name the file, the line and the rule."""
import pytest
import regex

from tradefacts.rulebook import RuleError, alternation, parse_rule_file

GOOD = '''about = "test rules"

[[rule]]
id = "test.one"
words = ["a"]
examples = [{ text = "a" }]
'''


def test_a_good_file_parses(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(GOOD, encoding="utf-8")
    rules = parse_rule_file(path)
    assert [r.id for r in rules.rules] == ["test.one"]
    assert rules.rules[0].line == 4


@pytest.mark.parametrize("text,message,line", [
    ('about = "x"\n[[rule]]\nid = "test.one"\n', "has no examples", 3),
    ('about = "x"\n[[rule]]\nid = "test.one"\nexamples = [{ text = "a" }]\n[[rule]]\nid = "test.one"\nexamples = [{ text = "a" }]\n', "used twice", 3),
    ('about = "x"\n[[rule]]\nid = "Bad Id"\nexamples = [{ text = "a" }]\n', "needs an id", None),
    ('[[rule]]\nid = "test.one"\nexamples = [{ text = "a" }]\n', "'about'", None),
    ('about = "x"\n[[rule]\nid = "test.one"\n', "not valid TOML", 2),
    ('about = "x"\n[[rule]]\nid = "test.one"\nexamples = [{ value = 1 }]\n', "needs a 'text'", 3),
])
def test_broken_files_name_file_line_and_rule(tmp_path, text, message, line):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as err:
        parse_rule_file(path)
    assert message in str(err.value)
    assert "broken.toml" in str(err.value)
    if line:
        assert f"broken.toml:{line}:" in str(err.value)


def test_a_pattern_that_does_not_compile_names_its_rule(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('about = "x"\n\n[[rule]]\nid = "test.bad"\npattern = "(unclosed"\nexamples = [{ text = "a" }]\n', encoding="utf-8")
    rule = parse_rule_file(path).rules[0]
    with pytest.raises(RuleError) as err:
        rule.compile("pattern")
    assert "bad.toml:4: rule 'test.bad': field 'pattern' does not compile" in str(err.value)


WORDS = ["over", "just over", "over and above", "Kazakh", "Kazakhstan", "US", "US dollar"]


@pytest.mark.parametrize("text, expected", [
    ("Kazakhstan", "Kazakhstan"),
    ("Kazakh", "Kazakh"),
    ("US  dollar", "US  dollar"),
    ("just over", "just over"),
    ("over and  above", "over and  above"),
    ("over", "over"),
])
def test_alternation_prefers_the_longest_phrase_reading_forward(text, expected):
    assert regex.match(alternation(WORDS), text).group() == expected


@pytest.mark.parametrize("text, expected", [
    ("it rose just over", "just over"),
    ("it rose over", "over"),
    ("the Kazakh", "Kazakh"),
    ("in US  dollar", "US  dollar"),
])
def test_reverse_alternation_prefers_the_longest_phrase_reading_backward(text, expected):
    pattern = regex.compile(f"(?:{alternation(WORDS, reverse=True)})\\Z", regex.REVERSE)
    assert pattern.search(text).group() == expected


def test_folded_alternation_matches_any_case_of_a_phrase():
    pattern = regex.compile(f"(?i){alternation(['Soles', 'sol'], fold_case=True)}")
    assert pattern.match("SOLES").group() == "SOLES"


def test_an_empty_alternation_matches_nothing():
    assert regex.search(alternation(["", "  "]), "anything") is None
