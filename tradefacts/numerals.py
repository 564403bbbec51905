"""Numerals: numbers written in digits or words, with their scale words, read to a value.

`find_numerals(text)` finds every numeral ("74.8 million", "one billion", "half a
billion", "1 thousand 78 crore 3.2 lakh", "three eighths", "5/8") with its character
span, its value as a Decimal and the ids of the rules in `rules/numerals.toml`
that read it. The words and the digit pattern are data; this module holds the
grammar that joins them:

    numeral  := [sign] whole [fraction] ["and" fraction] | whole ("over" | "out of") whole
    whole    := part (["and"] part)*            parts of falling magnitude
    part     := number [scale ...] | fraction scale | "a" (scale | "hundred" | "dozen")
    number   := digits [power] [attached scale] | words ("two hundred and five", "twenty-one")
    fraction := [number] ordinal ("three eighths", "a tenth", "one thirty-second")
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

import regex

from . import patterns, rulebook

HUNDRED = Decimal(100)
_AND = patterns.compile(r"(?i)\band\b")
DECIMAL_DENOMINATORS = {Decimal(10), Decimal(100), Decimal(1000)}


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
    last_scale: Decimal | None = None  # the smallest scale word in it
    ends_with_scale: bool = False  # "two million", not "two million five"
    fraction: bool = False  # read with an ordinal or a fraction word: "half", "three eighths"
    money_only_scale: bool = False  # its scale is a letter that is money only beside a currency ("1m")


@dataclass(frozen=True)
class _Token:
    kind: str  # digits, unit, tens, hundred, scale, article, dozen, fraction, count, point, compound, and
    text: str
    start: int
    end: int
    value: Decimal  # for a fraction: its denominator
    rule: str
    compound: Decimal | None = None  # a fraction word that is also a unit ordinal ("fifth")


class _Grammar:
    """The compiled numeral vocabulary of rules/numerals.toml."""

    def __init__(self):
        rules = rulebook.load("numerals")
        self.digits_rule = rules.rule("numeral.digits")
        self.decimal_point = self.digits_rule.compile("decimal_point")
        self.decimal_comma = self.digits_rule.compile("decimal_comma")
        self.words: dict[str, tuple[str, Decimal, str]] = {}  # lowercase word -> kind, value, rule
        kinds = {
            "numeral.units": "unit", "numeral.tens": "tens", "numeral.hundred": "hundred",
            "numeral.article": "article", "numeral.dozen": "dozen", "numeral.point": "point",
            "numeral.count_words": "count",
        }
        for rule_id, kind in kinds.items():
            rule = rules.rule(rule_id)
            words = rule.get("words")
            if not isinstance(words, dict) or not words:
                raise rule.error("field 'words' must be a table of word = value")
            for word, value in words.items():
                self.words[word.lower()] = (kind, Decimal(str(value)), rule_id)
        fraction = rules.rule("numeral.fraction")
        for word, denominator in fraction.get("denominators", {}).items():
            self.words[word.lower()] = ("fraction", Decimal(str(denominator)), fraction.id)
        self.compound = {w.lower(): Decimal(str(v)) for w, v in fraction.get("compound", {}).items()}
        for word, value in self.compound.items():
            self.words.setdefault(word, ("compound", value, fraction.id))
        self.attached: dict[str, tuple[Decimal, str]] = {}  # case-sensitive
        self.spaced: dict[str, tuple[Decimal, str]] = {}  # case-sensitive abbreviations
        self.money_only: set[str] = set()
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
            self.money_only.update(rule.get("attached_money_only", []))
        self.negative = [w.lower() for w in rules.rule("numeral.sign").get("negative", [])]
        power = rules.rule("numeral.power")
        word_alt = rulebook.alternation(self.words, fold_case=True)
        spaced_alt = rulebook.alternation(self.spaced)
        attached_alt = rulebook.alternation(self.attached)
        digits = self.digits_rule.get("pattern")
        token = (
            rf"(?P<digits>{digits})(?P<power>{power.get('pattern')})?(?P<attached>(?-i:{attached_alt})(?![\w]))?"
            rf"|{rulebook.word_start(self.words)}(?P<word>{word_alt})(?![\w])"
            rf"|{rulebook.word_start(self.spaced)}(?P<spaced>(?-i:{spaced_alt}))(?![\w])"
        )
        # an arithmetic aside between a number and its scale word: "USD 191 (141+50) million"
        self.aside = patterns.compile(r"\s*\([\d\s.,]+(?:[-+−=][\d\s.,]+)+\)\s*(?=[a-zA-Z])")
        separator = (r"(?:\s*-\s*|[\s\u00a0]+(?:and[\s\u00a0]+|of[\s\u00a0]+(?=an?\s))?|(?<=[\d])(?=[\w])"
                     r"|\s*\([\d\s.,]+(?:[-+−=][\d\s.,]+)+\)\s*(?=[a-zA-Z]))")
        self.token = patterns.compile(token, regex.VERBOSE | regex.IGNORECASE)
        self.power = power.compile("pattern")
        self.run = patterns.compile(rf"(?:{token})(?:{separator}(?:{token}))*", regex.VERBOSE | regex.IGNORECASE)
        # where a run may start; three quick scans instead of trying the whole run at every character
        self.run_starts = [
            patterns.compile(r"(?:(?<!\p{L})\.)?\d"),  # as numeral.digits: "Ksh.47" starts at the 4
            patterns.compile(rf"(?i){rulebook.word_start(self.words)}(?:{word_alt})(?![\w])"),
            patterns.compile(rf"{rulebook.word_start(self.spaced)}(?:{spaced_alt})(?![\w])"),
        ]
        self.negative_before = patterns.compile(
            r"(?:(?<![\w\d.,])[-−–]|(?:\A|(?<=\())\s*[-−–]\s|(?<!\w)(?:"
            + "|".join(map(regex.escape, self.negative)) + r")\s+)\Z",
            regex.IGNORECASE | regex.REVERSE,
        )
        self.pronoun_one = rules.rule("numeral.pronoun_one").compile("pattern", regex.REVERSE)
        ratio = rules.rule("numeral.ratio")
        self.ratio = ratio.compile("pattern")
        self.ratio_end = patterns.compile(r"\s*(?:[.?!,;:)]|\Z)")
        slash = rules.rule("numeral.slash_fraction")
        self.slash = slash.compile("pattern")
        self.vulgar = {k: Decimal(str(v)) for k, v in slash.get("vulgar", {}).items()}
        self.vulgar_pattern = patterns.compile("|".join(map(regex.escape, self.vulgar)) or r"(?!)")


@functools.cache
def grammar() -> _Grammar:
    return _Grammar()


def read_digits(text: str, before_scale: Decimal | None = None, whole_units: bool = False,
                point_text: bool = False) -> Decimal:
    """The value of a digit string, by the grouping rules documented in rules/numerals.toml;
    `point_text`: the text around it writes its decimals with a point, never with a comma."""
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
        if (is_grouping and before_scale is not None and before_scale >= Decimal("1e9") and len(head) <= 3
                and not (point_text and len(head) == 1)):
            is_grouping = False
        s = head + tail if is_grouping else head + "." + tail
    elif dots == 1:
        head, tail = s.split(".")
        if len(tail) == 3 and head and (whole or whole_units or (2 <= len(head) <= 3 and before_scale is None)):
            s = head + tail
    if s.startswith("."):
        s = "0" + s
    return Decimal(s)


def _powered(value: Decimal, power: str | None) -> Decimal:
    """A value with its written power: 'e10', 'x10^6', '^23'."""
    if not power:
        return value
    m = grammar().power.match(power)
    if m.group("e"):
        return value * Decimal(10) ** int(m.group("e")[1:])
    if m.group("ten"):
        return value * Decimal(10) ** int(m.group("ten"))
    return value ** int(m.group("pow"))


def find_numerals(text: str, start: int = 0, end: int | None = None) -> list[Numeral]:
    """Every numeral in text[start:end], in order."""
    g = grammar()
    end = len(text) if end is None else end
    found: list[Numeral] = []
    for m in g.slash.finditer(text, start, end):
        den = Decimal(m.group("den"))
        if den != 0:
            found.append(Numeral(m.start(), m.end(), Decimal(m.group("num")) / den, ("numeral.slash_fraction",),
                                 False, True, False, fraction=True))
    for m in g.vulgar_pattern.finditer(text, start, end):
        found.append(Numeral(m.start(), m.end(), g.vulgar[m.group()], ("numeral.slash_fraction",), False, True, False,
                             fraction=True))
    taken = [(n.start, n.end) for n in found]
    point_text = bool(g.decimal_point.search(text, start, end)) and not g.decimal_comma.search(text, start, end)
    for run in _runs(g, text, start, end):
        tokens = _tokens(g, text, run.start(), run.end())
        for numeral in _parse(g, text, tokens, point_text):
            if not any(a < numeral.end and numeral.start < b for a, b in taken):
                found.append(numeral)
    found.sort(key=lambda n: n.start)
    return _ratios(g, text, found)


def _runs(g: _Grammar, text: str, start: int, end: int):
    """What g.run.finditer(text, start, end) finds, trying the run only where one may start."""
    starts = sorted({m.start() for scan in g.run_starts for m in scan.finditer(text, start, end)})
    position = start
    for candidate in starts:
        if candidate < position:
            continue
        m = g.run.match(text, candidate, end)
        if m:
            yield m
            position = m.end()


def _ratios(g: _Grammar, text: str, numerals: list[Numeral]) -> list[Numeral]:
    """'2 over seven', 'three out of two hundred': one numeral, the ratio."""
    out: list[Numeral] = []
    i = 0
    while i < len(numerals):
        a = numerals[i]
        if i + 1 < len(numerals):
            b = numerals[i + 1]
            m = g.ratio.fullmatch(text, a.end, b.start)
            if m and b.value != 0 and (m.group("out") and a.value <= b.value or not m.group("out") and g.ratio_end.match(text, b.end)):
                out.append(replace(a, end=b.end, value=a.value / b.value, rules=a.rules + ("numeral.ratio",),
                                   scaled=False, plain_integer=False, digit_text=None, fraction=True))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _tokens(g: _Grammar, text: str, start: int, end: int) -> list[_Token]:
    tokens = []
    asides = [(a.start(), a.end()) for a in g.aside.finditer(text, start, end)]
    for m in g.token.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in asides):
            continue
        if m.group("digits") is not None:
            tokens.append(_Token("digits", m.group("digits") + (m.group("power") or ""), m.start("digits"),
                                 m.end("power") if m.group("power") else m.end("digits"), Decimal(0),
                                 g.digits_rule.id))
            attached = m.group("attached")
            if attached:
                value, rule_id = g.attached[attached]
                tokens.append(_Token("scale", attached, m.start("attached"), m.end("attached"), value, rule_id))
        elif m.group("word") is not None:
            word = m.group("word").lower()
            kind, value, rule_id = g.words[word]
            if word == "one" and g.pronoun_one.search(text, max(0, m.start() - 12), m.start()):
                continue  # "the one you mentioned"
            tokens.append(_Token(kind, m.group("word"), m.start(), m.end(), value, rule_id, g.compound.get(word)))
        else:
            value, rule_id = g.spaced[m.group("spaced")]
            tokens.append(_Token("scale", m.group("spaced"), m.start(), m.end(), value, rule_id))
    # "and" joins parts; the run regex allows it between tokens, and it matters to the parser
    marked = []
    for prev, tok in zip([None] + tokens, tokens):
        if prev is not None and _AND.search(text[prev.end:tok.start]):
            marked.append(_Token("and", "and", prev.end, tok.start, Decimal(0), ""))
        marked.append(tok)
    return marked


def _parse(g: _Grammar, text: str, tokens: list[_Token], point_text: bool) -> list[Numeral]:
    """Split a run of number tokens into numerals and read each one, joining the pieces that
    make one number: 'one thirty-second', 'two hundred and six and one third'."""
    out: list[Numeral] = []
    i = 0
    while i < len(tokens):
        if (tokens[i].kind == "article" and i + 2 < len(tokens) and tokens[i + 1].kind == "tens"
                and _compound_ordinal(tokens[i + 2])):
            numeral, i = _over_compound(text, Numeral(tokens[i].start, tokens[i].end, Decimal(1), (), False, False, False),
                                        tokens, i + 1)
            out.append(numeral)
            continue
        parsed = _parse_one(g, text, tokens, i, point_text)
        if parsed is None:
            i += 1
            continue
        numeral, i = parsed
        if i + 1 < len(tokens) and tokens[i].kind == "tens" and _compound_ordinal(tokens[i + 1]):
            numeral, i = _over_compound(text, numeral, tokens, i)  # "one thirty-second"
        if i < len(tokens) and tokens[i].kind == "and":
            nxt = _parse_one(g, text, tokens, i + 1, point_text)
            if nxt is not None and nxt[0].fraction:
                numeral, i = _and_fraction(numeral, nxt[0]), nxt[1]
        out.append(numeral)
    return out


def _compound_ordinal(tok: _Token) -> bool:
    return tok.kind in ("fraction", "compound") and tok.compound is not None


def _over_compound(text: str, numerator: Numeral, tokens: list[_Token], i: int) -> tuple[Numeral, int]:
    """A numerator over a tens word and a unit ordinal: 'one thirty-second' is 1/32."""
    denominator = tokens[i].value + tokens[i + 1].compound
    value = numerator.value / denominator
    return replace(numerator, end=tokens[i + 1].end, value=value, rules=numerator.rules + (tokens[i + 1].rule,),
                   scaled=False, plain_integer=False, digit_text=None, fraction=True), i + 2


def _and_fraction(whole: Numeral, fraction: Numeral) -> Numeral:
    """'two and a half', 'four million and two fifths', 'two billion and a half million'."""
    if fraction.scaled:
        part = fraction.value / fraction.last_scale  # the fraction before its scale
        if whole.scaled and whole.last_scale > fraction.last_scale:
            value = whole.value + fraction.value
        else:
            value = (whole.value + part) * fraction.last_scale
    elif whole.ends_with_scale:
        value = whole.value + fraction.value * whole.last_scale
    else:
        value = whole.value + fraction.value
    return replace(whole, end=fraction.end, value=value, rules=whole.rules + fraction.rules,
                   scaled=whole.scaled or fraction.scaled, plain_integer=False, digit_text=None, fraction=True,
                   ends_with_scale=fraction.ends_with_scale)


def _parse_one(g: _Grammar, text: str, tokens: list[_Token], i: int, point_text: bool):
    """Read the longest numeral that starts at tokens[i]; None if no numeral starts there.
    `point_text`: the text writes its decimals with a point (read_digits)."""
    total = Decimal(0)
    current: Decimal | None = None  # the open part, not yet multiplied by a scale
    decimals: str | None = None  # digits after a spoken "point"
    last_scale: Decimal | None = None  # the smallest scale closed so far
    at_last_and: Decimal | None = None  # the value before the last "and" ("three hundred and twenty-seven")
    and_after_scale = False  # that "and" follows a scale word ("four million and two fifths")
    rules: list[str] = []
    scaled = digits_seen = is_fraction = False
    prev: _Token | None = None
    best = None  # (index after the last token that ends a complete numeral, value, rules, scaled, ...)

    def nxt(k, offset=1):
        return tokens[k + offset] if k + offset < len(tokens) else None

    def nxt_kind(k, offset=1):
        t = nxt(k, offset)
        return t.kind if t is not None else None

    j = i
    while j < len(tokens):
        tok, kind = tokens[j], tokens[j].kind
        if kind == "and":
            following = nxt_kind(j)
            if not (prev is not None and prev.kind in ("scale", "hundred") and following in ("unit", "tens", "digits")):
                break  # a fraction after "and" is joined by _parse
            if (prev.kind == "hundred" and nxt_kind(j, 2) == "hundred") or (
                    nxt_kind(j, 2) == "scale" and last_scale is not None and nxt(j, 2).value >= last_scale):
                break  # "3 hundred and 2 hundred": two numbers
            at_last_and = total + (current or 0)
            and_after_scale = prev.kind == "scale"
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
                digit_part = g.power.split(tok.text, maxsplit=1)[0] if g.power.search(tok.text) else tok.text
                try:
                    value = _powered(read_digits(digit_part, scale, point_text=point_text), tok.text[len(digit_part):])
                except (InvalidOperation, ArithmeticError):
                    break
                if last_scale is not None and value >= last_scale:
                    break
                if prev is not None and prev.kind == "and" and current is not None:
                    if value >= 100:
                        break
                    current += value  # "4 hundred and 35"
                else:
                    current = value
            else:
                break
            digits_seen = True
        elif kind in ("unit", "tens", "count"):
            if kind == "tens" and prev is not None and nxt(j) is not None and _compound_ordinal(nxt(j)):
                break  # "one hundred thirty-fifths": the tens word belongs to the denominator
            if decimals is not None:  # spoken decimals: "point zero three", "point seventy-one"
                decimals += str(int(tok.value) // 10) if kind == "tens" else str(int(tok.value))
            elif kind == "count":
                if prev is not None and prev.kind != "article":
                    break
                current = tok.value  # "a couple of ports", "a pair of ships", "few"
            elif prev is None or prev.kind in ("scale", "and"):
                if last_scale is not None and tok.value >= last_scale:
                    break
                current = tok.value if current is None or prev.kind == "scale" else current + tok.value
            elif prev.kind == "tens" and kind == "unit" and 0 < tok.value < 10:
                current += tok.value
            elif prev.kind == "hundred" and tok.value < 100:
                current += tok.value
            elif (prev.kind == "unit" and kind == "tens" and current is not None and 0 < current < 10
                  and total == 0 and nxt_kind(j) == "unit" and nxt(j).value < 10):
                current = current * HUNDRED + tok.value  # "two forty five" is 245
            else:
                break
        elif kind == "hundred":
            if prev is None or prev.kind not in ("unit", "tens", "digits", "article") or (current or 0) >= 1000:
                break
            current = (current if current is not None else Decimal(1)) * HUNDRED
        elif kind == "point":
            if decimals is not None or (prev is not None and prev.kind not in ("unit", "tens", "digits", "hundred")):
                break
            if nxt_kind(j) not in ("digits", "unit", "tens"):
                break
            current = current if current is not None else Decimal(0)
            decimals = ""
        elif kind == "article":
            following = nxt_kind(j)
            if prev is None:
                if following not in ("scale", "hundred", "dozen", "fraction", "count"):
                    return None
                current = Decimal(1)
            elif prev.kind == "fraction" and following == "scale":
                pass  # "half a billion": the fraction is the multiplier
            else:
                break
        elif kind == "fraction":
            if prev is None or prev.kind == "article":
                current = Decimal(1) / tok.value  # "half", "a tenth"
            elif prev.kind in ("unit", "tens", "digits", "hundred", "dozen", "count"):
                numerator = total + (current or 0) + (Decimal("0." + decimals) if decimals else 0)
                if and_after_scale:
                    # "four million and two fifths": a fraction of the scale (or of the next one:
                    # "two billion and a quarter million")
                    current = (numerator - at_last_and) / tok.value
                    if nxt_kind(j) != "scale":
                        current *= last_scale
                elif tok.value in DECIMAL_DENOMINATORS and at_last_and is not None:
                    # "three hundred and twenty-seven hundredths": the part after "and" over the denominator
                    current, total = at_last_and + (numerator - at_last_and) / tok.value, Decimal(0)
                else:
                    current, total = numerator / tok.value, Decimal(0)
                    last_scale, scaled = None, False
                decimals = None
            else:
                break
            is_fraction = True
        elif kind == "dozen":
            if current is None:
                break
            base = at_last_and - total if at_last_and is not None and at_last_and > total else Decimal(0)
            current = base + (current - base) * 12  # "four hundred and three dozens" is 436
        elif kind == "scale":
            if current is None and prev is not None and prev.kind == "scale" and tok.value > last_scale:
                total *= tok.value  # "five thousand millions", "3.2 lakh crore"
                last_scale = tok.value
                if tok.rule not in rules:
                    rules.append(tok.rule)
                prev = tok
                j += 1
                best = (j, total, list(rules), True, last_scale, True, is_fraction, digits_seen)
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
            break  # a unit ordinal alone ("first") ends a numeral
        if tok.rule and tok.rule not in rules:
            rules.append(tok.rule)
        prev = tok
        j += 1
        complete = kind not in ("point", "article") and not (kind == "fraction" and nxt_kind(j - 1) == "article")
        if complete and (current is not None or scaled):
            value = total + (current or 0) + (Decimal("0." + decimals) if decimals else 0)
            best = (j, value, list(rules), scaled, last_scale, kind == "scale", is_fraction, digits_seen)
    if best is None:
        return None
    j, value, rules, scaled, last_scale, ends_with_scale, is_fraction, digits_seen = best
    only = tokens[i:j]
    if all(t.kind == "fraction" for t in only) and not (j < len(tokens) and tokens[j].kind == "scale"):
        return None  # a bare fraction word ("half") is not a numeral
    if only[-1].kind == "count" and only[0].kind != "article" and only[-1].text.lower() in ("pair", "couple"):
        return None  # "pair" and "couple" count only after "a"
    start, end = tokens[i].start, tokens[j - 1].end
    negative = g.negative_before.search(text, max(0, start - 10), start)
    if negative:
        start, value = negative.start(), -value
        rules.append("numeral.sign")
    plain = len(only) == 1 and only[0].kind == "digits" and only[0].text.isdigit()
    digit_text = only[0].text if len(only) == 1 and only[0].kind == "digits" else None
    money_only = len(only) == 2 and only[0].kind == "digits" and only[1].text in g.money_only
    return Numeral(start, end, value, tuple(rules), scaled, digits_seen, plain, digit_text, last_scale,
                   ends_with_scale, is_fraction, money_only), j
