"""Numerals: numbers written in digits or words, with their scale words, read to a value.

`find_numerals(text)` finds every numeral ("74.8 million", "one billion", "half a
billion", "1 thousand 78 crore 3.2 lakh") with its character span, its value as a
Decimal and the ids of the rules in `rules/numerals.toml` that read it. The words
and the digit pattern are data; this module holds the grammar that joins them:

    numeral := [sign] part (["and"] part)*        parts of falling magnitude
    part    := number [scale ...] | fraction scale | "a" (scale | "hundred" | "dozen")
    number  := digits [attached scale] | words ("two hundred and five", "twenty-one")
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from . import rulebook

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Numeral:
    start: int
    end: int
    value: Decimal
    rules: tuple[str, ...]
    scaled: bool  # a scale word ("million", "bn", "lakh") is part of it
    digits: bool  # written at least partly in digits
    plain_integer: bool  # digits only, no separators, decimals or scale: a year candidate
    digit_text: str | None = None  # the digits as written, when the numeral is one digit group


@dataclass(frozen=True)
class _Token:
    kind: str  # digits, unit, tens, hundred, scale, article, dozen, fraction, point, and
    text: str
    start: int
    end: int
    value: Decimal
    rule: str


class _Grammar:
    """The compiled numeral vocabulary of rules/numerals.toml."""

    def __init__(self):
        rules = rulebook.load("numerals")
        self.digits_rule = rules.rule("numeral.digits")
        self.digits = self.digits_rule.compile("pattern", regex.VERBOSE)
        self.words: dict[str, tuple[str, Decimal, str]] = {}  # lowercase word -> kind, value, rule
        kinds = {
            "numeral.units": "unit", "numeral.tens": "tens", "numeral.hundred": "hundred",
            "numeral.article": "article", "numeral.dozen": "dozen", "numeral.fraction": "fraction",
            "numeral.point": "point",
        }
        for rule_id, kind in kinds.items():
            rule = rules.rule(rule_id)
            words = rule.get("words")
            if not isinstance(words, dict) or not words:
                raise rule.error("field 'words' must be a table of word = value")
            for word, value in words.items():
                self.words[word.lower()] = (kind, Decimal(str(value)), rule_id)
        self.attached: dict[str, tuple[Decimal, str]] = {}  # case-sensitive
        self.spaced: dict[str, tuple[Decimal, str]] = {}  # case-sensitive abbreviations
        for rule in rules.rules:
            if not rule.id.startswith("scale."):
                continue
            value = rule.get("value")
            if not isinstance(value, (int, float)) or value <= 0:
                raise rule.error("field 'value' must be a positive number")
            value = Decimal(str(value)).normalize()
            for word in rule.get("words", []):
                self.words[word.lower()] = ("scale", value, rule.id)
            for word in rule.get("spaced", []):
                self.spaced[word] = (value, rule.id)
            for word in rule.get("attached", []):
                self.attached[word] = (value, rule.id)
        self.negative = [w.lower() for w in rules.rule("numeral.sign").get("negative", [])]
        word_alt = rulebook.alternation(self.words, flags_word_boundary=False)
        spaced_alt = rulebook.alternation(self.spaced, flags_word_boundary=False)
        attached_alt = rulebook.alternation(self.attached, flags_word_boundary=False)
        digits = self.digits_rule.get("pattern")
        token = (
            rf"(?P<digits>{digits})(?P<attached>(?-i:{attached_alt})(?![\w]))?"
            rf"|(?<![\w])(?P<word>{word_alt})(?![\w])"
            rf"|(?<![\w])(?P<spaced>(?-i:{spaced_alt}))(?![\w])"
        )
        # an arithmetic aside between a number and its scale word: "USD 191 (141+50) million"
        self.aside = regex.compile(r"\s*\([\d\s.,]+(?:[-+−=][\d\s.,]+)+\)\s*(?=[a-zA-Z])")
        separator = (r"(?:\s*-\s*|[\s\u00a0]+(?:and[\s\u00a0]+|of[\s\u00a0]+(?=an?\s))?|(?<=[\d])(?=[\w])"
                     r"|\s*\([\d\s.,]+(?:[-+−=][\d\s.,]+)+\)\s*(?=[a-zA-Z]))")
        self.token = regex.compile(token, regex.VERBOSE | regex.IGNORECASE)
        self.run = regex.compile(
            rf"(?:{token})(?:{separator}(?:{token}))*", regex.VERBOSE | regex.IGNORECASE
        )
        self.negative_before = regex.compile(
            r"(?:(?<![\w\d.,])[-−–]|(?<!\w)(?:" + "|".join(map(regex.escape, self.negative)) + r")\s+)\Z",
            regex.IGNORECASE,
        )


@functools.cache
def grammar() -> _Grammar:
    return _Grammar()


def read_digits(text: str, before_scale: Decimal | None = None, whole_units: bool = False) -> Decimal:
    """The value of a digit string, by the grouping rules documented in rules/numerals.toml."""
    s = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ").replace("’", "'")
    s = s.replace(" ", "").replace("'", "")
    whole = s[-1:] in "-–—" and len(s) > 1
    if whole:
        s = s[:-2]
    commas, dots = s.count(","), s.count(".")
    if commas and dots:
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        s = s.replace(group_mark, "").replace(decimal_mark, ".")
    elif commas > 1 or dots > 1:
        s = s.replace("," if commas else ".", "")
    elif commas == 1:
        head, tail = s.split(",")
        is_grouping = len(tail) == 3 and head != "0" and head != ""
        if is_grouping and before_scale is not None and before_scale >= Decimal("1e9") and len(head) <= 3:
            is_grouping = False
        s = head + tail if is_grouping else head + "." + tail
    elif dots == 1:
        head, tail = s.split(".")
        if len(tail) == 3 and head and (whole or whole_units or (2 <= len(head) <= 3 and before_scale is None)):
            s = head + tail
    if s.startswith("."):
        s = "0" + s
    return Decimal(s)


def find_numerals(text: str, start: int = 0, end: int | None = None) -> list[Numeral]:
    """Every numeral in text[start:end], in order."""
    g = grammar()
    found: list[Numeral] = []
    for run in g.run.finditer(text, start, len(text) if end is None else end):
        tokens = _tokens(g, text, run.start(), run.end())
        found.extend(_parse(g, text, tokens))
    return found


def _tokens(g: _Grammar, text: str, start: int, end: int) -> list[_Token]:
    tokens = []
    asides = [(a.start(), a.end()) for a in g.aside.finditer(text, start, end)]
    for m in g.token.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in asides):
            continue
        if m.group("digits") is not None:
            attached = m.group("attached")
            tokens.append(_Token("digits", m.group("digits"), m.start("digits"), m.end("digits"), Decimal(0), g.digits_rule.id))
            if attached:
                value, rule_id = g.attached[attached]
                tokens.append(_Token("scale", attached, m.start("attached"), m.end("attached"), value, rule_id))
        elif m.group("word") is not None:
            kind, value, rule_id = g.words[m.group("word").lower()]
            tokens.append(_Token(kind, m.group("word"), m.start(), m.end(), value, rule_id))
        else:
            value, rule_id = g.spaced[m.group("spaced")]
            tokens.append(_Token("scale", m.group("spaced"), m.start(), m.end(), value, rule_id))
    # "and" joins parts; the run regex allows it between tokens, and it matters to the parser
    marked = []
    for prev, tok in zip([None] + tokens, tokens):
        if prev is not None and regex.search(r"\band\b", text[prev.end:tok.start], regex.IGNORECASE):
            marked.append(_Token("and", "and", prev.end, tok.start, Decimal(0), ""))
        marked.append(tok)
    return marked


def _parse(g: _Grammar, text: str, tokens: list[_Token]) -> list[Numeral]:
    """Split a run of number tokens into numerals and read each one."""
    out = []
    i = 0
    while i < len(tokens):
        parsed = _parse_one(g, text, tokens, i)
        if parsed is None:
            i += 1
            continue
        numeral, i = parsed
        out.append(numeral)
    return out


class _Reading:
    """The running state of one numeral: total of closed parts, the open part, and the last scale."""

    def __init__(self):
        self.total = Decimal(0)
        self.current: Decimal | None = None
        self.last_scale: Decimal | None = None  # smallest scale closed so far
        self.fraction: Decimal | None = None
        self.decimals: str | None = None  # digits after "point"


def _parse_one(g: _Grammar, text: str, tokens: list[_Token], i: int):
    """Read the longest numeral that starts at tokens[i]; None if no numeral starts there."""
    total = Decimal(0)
    current: Decimal | None = None  # the open part, not yet multiplied by a scale
    decimals: str | None = None  # digits after a spoken "point"
    last_scale: Decimal | None = None  # the smallest scale closed so far
    after_and = False
    rules: list[str] = []
    scaled = digits_seen = False
    prev: _Token | None = None
    best = None  # (index after the last token that ends a complete numeral, value)

    def nxt_kind(k):
        return tokens[k + 1].kind if k + 1 < len(tokens) else None

    j = i
    while j < len(tokens):
        tok, kind = tokens[j], tokens[j].kind
        if kind == "and":
            following = nxt_kind(j)
            joins_smaller = prev is not None and prev.kind in ("scale", "hundred") and following in ("unit", "tens", "digits", "article")
            joins_fraction = prev is not None and prev.kind in ("unit", "tens", "digits", "scale") and following == "article"
            if not (joins_smaller or joins_fraction):
                break
            after_and = True
            prev = tok
            j += 1
            continue
        if kind == "digits":
            if prev is not None and prev.kind == "point":
                if not tok.text.isdigit():
                    break
                decimals = tok.text
            elif prev is None or prev.kind in ("scale", "and"):
                scale = tokens[j + 1].value if nxt_kind(j) == "scale" else None
                try:
                    value = read_digits(tok.text, scale)
                except InvalidOperation:
                    break
                if last_scale is not None and value >= last_scale:
                    break
                if prev is not None and prev.kind == "and" and current is not None:
                    if value >= 100:
                        break
                    current += value  # "3 hundred and 21"
                else:
                    current = value
            else:
                break
            digits_seen = True
        elif kind in ("unit", "tens"):
            if decimals is not None:
                if tok.value >= 10:
                    break
                decimals += str(int(tok.value))
            elif prev is None or prev.kind in ("scale", "and"):
                if last_scale is not None and tok.value >= last_scale:
                    break
                current = tok.value if current is None or prev.kind == "scale" else current + tok.value
            elif prev.kind == "tens" and kind == "unit" and 0 < tok.value < 10 and decimals is None:
                current += tok.value
            elif prev.kind == "hundred" and tok.value < 100:
                current += tok.value
            else:
                break
        elif kind == "hundred":
            if prev is None or prev.kind not in ("unit", "tens", "digits", "article") or (current or 0) >= 1000:
                break
            current = (current if current is not None else Decimal(1)) * HUNDRED
        elif kind == "point":
            if decimals is not None or (prev is not None and prev.kind not in ("unit", "tens", "digits", "hundred")):
                break
            if nxt_kind(j) not in ("digits", "unit"):
                break
            current = current if current is not None else Decimal(0)
            decimals = ""
        elif kind == "article":
            following = nxt_kind(j)
            if prev is None:
                if following not in ("scale", "hundred", "dozen", "fraction"):
                    return None
                current = Decimal(1)
            elif prev.kind == "fraction" and following == "scale":
                pass  # "half a billion": the fraction is the multiplier
            elif not (prev.kind == "and" and following == "fraction"):
                break
        elif kind == "fraction":
            if prev is not None and prev.kind == "article" and after_and:
                if current is None and last_scale is not None:
                    total += tok.value * last_scale  # "3 million and a half"
                else:
                    current = (current or Decimal(0)) + tok.value  # "one and a half"
            elif prev is not None and prev.kind in ("unit", "tens"):
                current = current * tok.value  # "three quarters"
            elif prev is None or prev.kind == "article":
                current = tok.value  # "half", "a quarter"
            else:
                break
        elif kind == "dozen":
            if current is None:
                break
            current *= 12
        elif kind == "scale":
            if current is None and prev is not None and prev.kind == "scale" and tok.value > last_scale:
                total *= tok.value  # "three thousand millions", "3.2 lakh crore"
                last_scale = tok.value
                current = None
                if tok.rule not in rules:
                    rules.append(tok.rule)
                prev = tok
                j += 1
                best = (j, total, list(rules), True)
                continue
            if current is None:
                break
            open_part = current + (Decimal("0." + decimals) if decimals else 0)
            if last_scale is not None and tok.value > last_scale:
                total = (total + open_part) * tok.value  # "1 thousand 78 crore"
                last_scale = tok.value
            else:
                total += open_part * tok.value
                last_scale = tok.value if last_scale is None else min(last_scale, tok.value)
            current, decimals, scaled = None, None, True
        else:
            break
        if tok.rule and tok.rule not in rules:
            rules.append(tok.rule)
        after_and = after_and and kind in ("article",)
        prev = tok
        j += 1
        complete = kind not in ("point", "article") and not (kind == "fraction" and nxt_kind(j - 1) == "article")
        if complete and (current is not None or scaled):
            value = total + (current or 0) + (Decimal("0." + decimals) if decimals else 0)
            best = (j, value, list(rules), scaled)
    if best is None:
        return None
    j, value, rules, scaled = best
    only = tokens[i:j]
    if all(t.kind == "fraction" for t in only):
        return None  # a bare "half" or "quarter" is not a numeral
    start, end = tokens[i].start, tokens[j - 1].end
    negative = g.negative_before.search(text, max(0, start - 10), start)
    if negative:
        start, value = negative.start(), -value
        rules.append("numeral.sign")
    plain = len(only) == 1 and only[0].kind == "digits" and only[0].text.isdigit()
    digit_text = only[0].text if len(only) == 1 and only[0].kind == "digits" else None
    return Numeral(start, end, value, tuple(rules), scaled, digits_seen, plain, digit_text), j
