"""The rule files in `rules/`: loading, validation and the errors that name what is wrong.

A rule file is TOML with an `about` line and a list of `[[rule]]` tables. Every
rule has an `id` and a list of `examples`; the other fields depend on the file
(words, patterns, values). This module knows nothing about what the rules
mean: it reads them, checks the fields every file shares, and turns a problem
into a `RuleError` that names the file, the line and the rule.
"""
from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import regex

from . import patterns

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = Path(os.environ.get("TRADEFACTS_RULES", PROJECT_ROOT / "rules"))


class RuleError(ValueError):
    """A rule file that cannot be used: names the file, the line and the rule."""

    def __init__(self, path: Path | str, message: str, rule: str | None = None, line: int | None = None):
        self.path, self.rule, self.line, self.message = str(path), rule, line, message
        where = self.path + (f":{line}" if line else "")
        what = f"rule '{rule}': " if rule else ""
        super().__init__(f"{where}: {what}{message}")


@dataclass(frozen=True)
class Rule:
    id: str
    fields: dict
    examples: tuple[dict, ...]
    path: str
    line: int

    def get(self, key, default=None):
        return self.fields.get(key, default)

    def error(self, message: str) -> RuleError:
        return RuleError(self.path, message, self.id, self.line)

    def compile(self, key: str, flags: int = 0, pattern: str | None = None) -> patterns.Pattern:
        """Compile one of the rule's regex fields, blaming this rule if it does not compile."""
        source = self.fields.get(key) if pattern is None else pattern
        if not isinstance(source, str) or not source:
            raise self.error(f"field '{key}' must be a non-empty string")
        try:
            return patterns.compile(source, flags)
        except regex.error as exc:
            raise self.error(f"field '{key}' does not compile: {exc}") from None


@dataclass(frozen=True)
class RuleFile:
    path: str
    about: str
    rules: tuple[Rule, ...]
    settings: dict = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise RuleError(self.path, f"rule '{rule_id}' is required but missing")


_ID_LINE = re.compile(r'^\s*id\s*=\s*["\']([^"\']+)["\']', re.M)


def _rule_lines(text: str) -> dict[str, int]:
    lines = {}
    for m in _ID_LINE.finditer(text):
        lines.setdefault(m.group(1), text.count("\n", 0, m.start()) + 1)
    return lines


def parse_rule_file(path: Path, text: str | None = None) -> RuleFile:
    """Read one rule file and check the fields that every rule file shares."""
    shown = _shown(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(shown, f"cannot be read: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise RuleError(shown, f"is not valid TOML: {exc}", line=int(line.group(1)) if line else None) from None
    about = data.get("about")
    if not isinstance(about, str) or not about.strip():
        raise RuleError(shown, "needs an 'about' line saying what its rules match")
    raw_rules = data.get("rule")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleError(shown, "holds no [[rule]] tables")
    lines = _rule_lines(text)
    seen: set[str] = set()
    rules = []
    for index, raw in enumerate(raw_rules, 1):
        rule_id = raw.get("id")
        if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", rule_id):
            raise RuleError(shown, f"rule number {index} needs an id like 'money.symbol_before' (got {rule_id!r})")
        line = lines.get(rule_id)
        if rule_id in seen:
            raise RuleError(shown, "the id is used twice", rule_id, line)
        seen.add(rule_id)
        examples = raw.get("examples")
        if not isinstance(examples, list) or not examples:
            raise RuleError(shown, "has no examples: every rule shows what it matches", rule_id, line)
        for example in examples:
            if not isinstance(example, dict) or not isinstance(example.get("text"), str):
                raise RuleError(shown, f"example {example!r} needs a 'text' string", rule_id, line)
        fields = {k: v for k, v in raw.items() if k not in ("id", "examples")}
        rules.append(Rule(rule_id, fields, tuple(examples), shown, line or 0))
    settings = {k: v for k, v in data.items() if k not in ("about", "rule")}
    return RuleFile(shown, about.strip(), tuple(rules), settings)


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


@functools.cache
def load(name: str) -> RuleFile:
    """The rule file `rules/<name>.toml`, parsed once per process."""
    return parse_rule_file(RULES_DIR / f"{name}.toml")


@functools.cache
def rule_set_hash() -> str:
    """SHA-256 over every rule file, data table and the decision's weights, in name order: which
    rules made a table."""
    import hashlib

    digest = hashlib.sha256()
    datasets = PROJECT_ROOT / "datasets"
    for path in sorted(RULES_DIR.glob("*.toml")) + sorted(datasets.glob("*.csv")) + sorted(datasets.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def rule_file_names() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.toml"))


def phrase(words: str) -> str:
    """A literal phrase as a regex in which any run of spaces matches any whitespace."""
    return r"\s+".join(regex.escape(part) for part in words.split())


def alternation(words, fold_case: bool = False, reverse: bool = False) -> str:
    """A regex alternation of literal phrases that prefers the longest phrase at a position.

    The phrases are factored into a trie ("Kazakh(?:stan)?" rather than "Kazakhstan|Kazakh"),
    which the regex engine walks a character at a time instead of trying every phrase at every
    position: it is what makes scans over long word lists fast. With `fold_case` the trie is
    built over lower-cased phrases, for patterns compiled case-insensitively; with `reverse` it
    is built from the phrases' ends ("(?:just\\s+)?over"), for patterns compiled with
    regex.REVERSE, which read right to left and so must meet the longest phrase first that way.
    """
    trie: dict = {}
    for words_ in words:
        units = []
        for i, part in enumerate(words_.split() if words_ else []):
            if i:
                units.append(r"\s+")
            units.extend(regex.escape(char) for char in (part.lower() if fold_case else part))
        if not units:
            continue
        node = trie
        for unit in reversed(units) if reverse else units:
            node = node.setdefault(unit, {})
        node[""] = {}
    if not trie:
        return r"(?!)"
    return _trie_pattern(trie, reverse)


def word_start(words, not_after: str = "") -> str:
    """Where a phrase of `words` may start: not right after a letter or digit, nor after one of
    the characters `not_after`. Written `\\b(?<!...)` when every phrase starts with a letter or
    digit, because the engine skips ahead to word starts then, and a bare look-behind makes it
    stop at every character."""
    if all(_WORD_CHAR.match(w.strip()) for w in words if w and w.strip()):
        return r"\b" + (f"(?<![{regex.escape(not_after)}])" if not_after else "")
    return rf"(?<![\w{regex.escape(not_after)}])"


_WORD_CHAR = regex.compile(r"\w")


def _branches(node: dict) -> list[str]:
    return sorted((key for key in node if key), key=lambda key: (-_depth(node[key]), key))


def _trie_pattern(node: dict, reverse: bool = False) -> str:
    """The regex of a trie; a reversed trie (built from the phrases' ends) puts each key after
    the pattern of what precedes it."""
    branches = _branches(node)
    parts = (_trie_pattern(node[key], reverse) for key in branches)
    body = "|".join(part + key if reverse else key + part for key, part in zip(branches, parts))
    if len(branches) > 1:
        body = f"(?:{body})"
    return f"(?:{body})?" if "" in node and branches else body


def _depth(node: dict) -> int:
    return max((1 + _depth(child) for key, child in node.items() if key), default=0)
