"""Amounts: money, physical quantities, relative changes and bare numbers, read from text.

`find_amounts(text)` is the one reader of amounts in the project. It finds the
numerals (numerals.py), then tries the affix rules of rules/money.toml,
rules/quantities.toml and rules/changes.toml around each one, and the bound
cues of rules/bounds.toml before it; words that are amounts by themselves
("doubled", "sixfold", "by a quarter") come from their own rules.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from decimal import Decimal

import pint
import regex

from . import numerals, patterns, reference, rulebook

WINDOW = 48  # characters looked at before a numeral for a currency or a bound cue
# letters that make a number part of a word; other scripts write units and currencies glued on
_LATIN_OR_DIGIT = patterns.compile(r"[\p{Latin}\d_]")
CONTEXT = 200  # characters either side searched to resolve a shared currency symbol


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: float
    unit: str | None
    kind: str  # money, quantity, change, number
    approx: str = "exact"  # exact, approx, min, max
    rules: tuple[str, ...] = ()
    unit_assumed: bool = False
    per: str | None = None  # a rate's denominator ("ton" in "$300 per ton")
    number_start: int = -1  # where the numeral itself starts, inside [start, end)
    # when the currency was assumed: the other currencies the sign or word may stand for ("$": AUD, CAD, ...),
    # for the linker to choose by the reporting country
    alternatives: tuple[str, ...] = ()

    @property
    def is_rate(self) -> bool:
        return self.per is not None


@dataclass(eq=False)  # hashed by identity: its lookups are cached
class _Currencies:
    symbols: dict[str, tuple[list[str], str | None]]  # symbol -> (codes, default code)
    codes: dict[str, str]  # upper-case code -> code
    names: dict[str, str]  # lower-case name -> code
    indicators: tuple[patterns.Pattern, ...]  # the words that name one currency unambiguously in context
    indicated: dict[str, str]  # that word, lower-case -> the currency's code
    # a shared sign ("$", "Rs") or bare currency word ("dollars", "rupees") and the code read for it -> the
    # other codes it may stand for; one table for both, since no bare word is spelt like a shared sign
    others: dict[tuple[str, str], tuple[str, ...]]

    def named_near(self, text: str, start: int, end: int) -> set[str]:
        """The currencies named unambiguously in text[start:end]."""
        return {code for position, code in self._named_in(text) if start <= position < end}

    @functools.lru_cache(maxsize=8)
    def _named_in(self, text: str) -> tuple[tuple[int, str], ...]:
        # once per text, not once per figure: a list of "$" figures would scan the same words again and again
        return tuple(sorted((m.start(), self.indicated[patterns.squeeze(m.group().lower())])
                            for indicator in self.indicators for m in indicator.finditer(text)))

_LETTERS_DOLLAR = patterns.compile(r"([A-Z]{1,3})\$")
_WORD_START = patterns.compile(r"\w")
_PLACEHOLDER = patterns.compile(r"\{([a-z_]+)\}")
_SENTENCE_END = patterns.compile(r"[.;!?]\s")
_CLOSES = patterns.compile(r"\s*(?:[.,;:!?)]|\Z)")


class _Reader:
    """Every rule the reader uses, compiled once."""

    def __init__(self):
        money = rulebook.load("money")
        self.currencies = self._currencies(money)
        g = numerals.grammar()
        scale_words = [w for w, (kind, _, _) in g.words.items() if kind == "scale"] + list(g.spaced)
        word_codes = set(money.settings.get("word_codes", []))
        plain_codes = [c for c in self.currencies.codes if c not in word_codes]
        self.letters = money.rule("money.letter_before").get("letters", {})
        # a letter that is also a symbol ("R") is read by money.letter_before alone, not beside a plain integer
        symbols = [s for s in self.currencies.symbols if s not in self.letters]
        quantities = rulebook.load("quantities")
        self.units = _Units(quantities)
        # after a number a code is read in any case ("500 usd"), but a unit word wins: "3.1 mnt" is tonnes
        unit_spellings = {w.upper() for w in self.units.words}
        folded_codes = [c for c in plain_codes if c not in unit_spellings]

        def fillers(reverse: bool) -> dict[str, str]:
            def alt(words, fold_case=False):
                return rulebook.alternation(words, fold_case, reverse)
            return {
                "symbol": "(?P<symbol>" + alt(symbols) + ")",
                "code": "(?P<code>(?-i:" + alt(plain_codes) + "))",
                "name": "(?i:(?P<name>" + alt(self.currencies.names, True) + "))",
                "scale": "(?i:" + alt(scale_words, True) + ")",
                "code_any_case": "(?P<code>(?i:" + alt(plain_codes, True) + "))",
            }
        forward, backward = fillers(False), fillers(True)
        after_codes = ("(?P<code>(?-i:" + rulebook.alternation(self.currencies.codes) + ")|(?i:"
                       + rulebook.alternation(folded_codes, fold_case=True) + "))")
        self.scale_words = {w.lower(): v for w, (kind, v, _) in g.words.items() if kind == "scale"}
        self.scale_words.update({w.lower(): v for w, (v, _) in g.spaced.items()})
        self.money_before: list[tuple[rulebook.Rule, regex.Pattern]] = []
        self.money_after: list[tuple[rulebook.Rule, regex.Pattern]] = []
        self.whole_units = set(money.settings.get("whole_unit_currencies", []))
        self.unless_after = {rule.id: rule.compile("unless_after") for rule in money.rules if rule.get("unless_after")}
        for rule in money.rules:
            if rule.id == "money.continuation":
                self.joiner = rule.compile("joiner")
                self.minor = rule.compile("minor", regex.IGNORECASE)
                continue
            if rule.id == "money.carried":
                self.carried = rule.compile("before", regex.REVERSE)
                continue
            if rule.id == "money.product_code":
                self.code_before = rule.compile("before", regex.REVERSE)
                self.code_after = rule.compile("after")
                continue
            if rule.id == "money.counted":
                self.counted = rule.compile("after")
                continue
            if rule.id == "money.exchange_rate":
                self.rate_between = rule.compile("between")
                self.rate_units = {float(v) for v in rule.get("units")}
                continue
            if rule.id == "money.alternatives":
                continue  # read with the currency table (_currencies)
            if rule.id == "money.article_unit":
                self.article_unit = rule.compile("pattern", pattern=_fill(rule, rule.get("pattern"), forward))
                continue
            pattern = rule.get("pattern")
            if not isinstance(pattern, str):
                raise rule.error("field 'pattern' must be a string")
            if rule.get("side") == "after":
                filled = _fill(rule, pattern, dict(forward, code=after_codes))
                self.money_after.append((rule, rule.compile("pattern", pattern=filled)))
            elif rule.get("side") == "before":
                filled = _fill(rule, pattern, backward)
                # matched backwards from the numeral: one attempt, not one per position of the window
                self.money_before.append((rule, rule.compile("pattern", regex.REVERSE, pattern=f"(?:{filled})\\Z")))
            else:
                raise rule.error("field 'side' must be 'before' or 'after'")

        bounds = rulebook.load("bounds")
        self.bounds = []
        range_rule = bounds.rule("bound.range")
        self.range_between = range_rule.compile("between")
        self.range_before = range_rule.compile("needs_before", regex.REVERSE)
        for rule in bounds.rules:
            if rule.id in ("bound.range", "bound.respectively"):
                continue
            words = rule.get("words")
            if not words or rule.get("approx") not in ("min", "max", "approx"):
                raise rule.error("needs 'words' and an 'approx' of min, max or approx")
            cue = rule.compile("words", regex.REVERSE, pattern=rf"(?i:(?<![\w]){rulebook.alternation(words, fold_case=True, reverse=True)})[ \u00a0]*\Z")
            unless = rule.compile("unless_before", regex.REVERSE) if rule.get("unless_before") else None
            self.bounds.append((rule, cue, unless))

        self.per = quantities.rule("quantity.per").compile("pattern", regex.IGNORECASE)

        changes = rulebook.load("changes")
        self.percent = changes.rule("change.percent").compile("pattern", regex.IGNORECASE)
        self.share_of = changes.rule("change.share_of").compile("after", regex.IGNORECASE)
        self.fold = changes.rule("change.fold").compile("pattern", regex.IGNORECASE)
        factor = changes.rule("change.factor_word")
        self.factor_words = {w.lower(): Decimal(str(v)) for w, v in factor.get("words").items()}
        self.factor = factor.compile("words", regex.IGNORECASE, rulebook.word_start(self.factor_words, "-") + rulebook.alternation(self.factor_words, fold_case=True) + r"(?![\w])")
        self.factor_unless = factor.compile("unless_after")
        share = changes.rule("change.share_word")
        self.share = share.compile("pattern")
        self.shares = {k: Decimal(str(v)) for k, v in share.get("shares").items()}
        up, down = changes.rule("change.direction_up"), changes.rule("change.direction_down")
        self.direction_words = {w.lower(): 1 for w in up.get("words")}
        self.direction_words.update({w.lower(): -1 for w in down.get("words")})
        self.direction_words.update({w.lower(): 0 for w in changes.rule("change.direction_none").get("words")})
        direction_alt = rulebook.alternation(self.direction_words, fold_case=True)
        self.direction = patterns.compile(rf"(?i){rulebook.word_start(self.direction_words)}{direction_alt}(?![\w])")
        self.direction_after = patterns.compile(rf"(?i)[ \u00a0]*(?:[\w-]+[ \u00a0]+)?(?P<word>(?<![\w]){direction_alt})(?![\w])")

    @staticmethod
    def _currencies(money: rulebook.RuleFile) -> _Currencies:
        symbols: dict[str, tuple[list[str], str | None]] = {}
        codes, names = {}, {}
        for cur in reference.currencies():
            codes[cur.code] = cur.code
            for name in cur.names:
                names.setdefault(name, cur.code)
            for sym in cur.symbols:
                entry = symbols.setdefault(sym, ([], None))
                entry[0].append(cur.code)
            for sym in cur.default_for:
                symbols[sym] = (symbols.get(sym, ([], None))[0], cur.code)
        for sym, (cands, default) in list(symbols.items()):
            if default is None:
                symbols[sym] = (cands, cands[0])
        for sym, entry in list(symbols.items()):
            if len(sym) >= 3 and sym.isalpha() and sym.isupper():
                symbols.setdefault(sym.lower(), entry)  # "rmb"
        # "HK$" is also written "hk $", "HK $"; not "A$", whose variants are the article "a $"
        for sym, entry in list(symbols.items()):
            letters = _LETTERS_DOLLAR.fullmatch(sym)
            if letters and letters.group(1) != "A":
                for variant in (sym.lower(), letters.group(1) + " $", letters.group(1).lower() + " $"):
                    symbols.setdefault(variant, entry)
        # indicators are matched in any case, so a symbol names its currency only when no other currency
        # writes it in another case ("DH" is Morocco's, but "Dh" is also the UAE's)
        spellings: dict[str, set[str]] = {}
        for sym, (cands, _) in symbols.items():
            spellings.setdefault(sym.lower(), set()).update(cands)
        indicated = {}
        for cur in reference.currencies():
            own = [s for s in cur.symbols if len(s) > 1 and spellings[s.lower()] == {cur.code}]
            own_names = [n for n in cur.names if names.get(n) == cur.code and " " in n or n in ("yen", "yuan", "renminbi")]
            for word in own + [cur.code] + own_names:
                indicated.setdefault(patterns.squeeze(word.lower()), cur.code)
        # words and symbols ("$mn", "£e") apart: a word list that starts at \b is scanned several
        # times faster than one that must try its look-behind at every character
        by_start = ([w for w in indicated if _WORD_START.match(w)], [w for w in indicated if not _WORD_START.match(w)])
        indicators = tuple(patterns.compile(rf"(?i:{rulebook.word_start(words, '$')}{rulebook.alternation(words, fold_case=True)}(?![\w]))")
                           for words in by_start if words)
        word_users: dict[str, list[str]] = {}  # "rupees" -> INR, LKR, NPR, ... (every name it ends)
        for cur in reference.currencies():
            for name in cur.names:
                users = word_users.setdefault(name.split()[-1], [])
                if cur.code not in users:
                    users.append(cur.code)
        not_offered = _not_offered(money.rule("money.alternatives"), codes)
        others = {(key, code): tuple(c for c in users if c != code and c not in not_offered.get(key, ()))
                  for table in ({s: cands for s, (cands, _) in symbols.items()}, word_users)
                  for key, users in table.items() if len(users) > 1 for code in users}
        return _Currencies(symbols, codes, names, indicators, indicated, others)


def _not_offered(rule: rulebook.Rule, codes: dict[str, str]) -> dict[str, set[str]]:
    """money.alternatives: a shared sign -> the currencies it is not offered as."""
    table = rule.get("not_offered")
    if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
        raise rule.error("field 'not_offered' must map a symbol to a list of currency codes")
    for sign, listed in table.items():
        unknown = [c for c in listed if c not in codes]
        if unknown:
            raise rule.error(f"not_offered for {sign!r}: {', '.join(map(str, unknown))} not in datasets/currencies.csv")
    return {sign: set(listed) for sign, listed in table.items()}


def _fill(rule: rulebook.Rule, pattern: str, fillers: dict[str, str]) -> str:
    def sub(m):
        key = m.group(1)
        if key not in fillers:
            raise rule.error(f"unknown placeholder {{{key}}}; known: {', '.join(sorted(fillers))}")
        return fillers[key]

    return _PLACEHOLDER.sub(sub, pattern)


class _Units:
    """Quantity unit words and their factors to the reported unit, computed once through pint."""

    def __init__(self, quantities: rulebook.RuleFile):
        registry = pint.UnitRegistry()
        for line in quantities.settings.get("define", []):
            try:
                registry.define(line)
            except Exception as exc:  # pint raises several kinds for a bad definition
                raise rulebook.RuleError(quantities.path, f"'define' line {line!r} is not a pint definition: {exc}") from None
        self.words: dict[str, tuple[rulebook.Rule, Decimal]] = {}
        for rule in quantities.rules:
            if rule.get("words") is None:
                continue
            canonical = rule.get("canonical")
            try:
                source = registry.Quantity(1, rule.get("unit"))
                target = {"t": "metric_ton", "m3": "meter ** 3", "bbl": "oil_barrel", "kWh": "kilowatt_hour"}.get(canonical, canonical)
                factor = Decimal(str(source.to(target).magnitude))
            except Exception as exc:
                raise rule.error(f"unit {rule.get('unit')!r} -> {canonical!r} does not convert in pint: {exc}") from None
            for word in rule.get("words"):
                self.words[word] = (rule, factor.normalize())
        self.pattern = patterns.compile(r"[ \u00a0]?(?P<unit>" + rulebook.alternation(self.words) + r")(?![\w])")


@functools.cache
def reader() -> _Reader:
    return _Reader()


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, in order of position."""
    r = reader()
    found: list[Amount] = []
    all_numerals = numerals.find_numerals(text)
    taken_until = -1
    for index, num in enumerate(all_numerals):
        if num.start < taken_until:
            continue
        amount = _read_around(r, text, num, all_numerals, index)
        if amount is not None:
            found.append(amount)
            taken_until = amount.end
    words = _word_amounts(r, text, all_numerals)
    found = [a for a in found if a.kind != "number" or not any(_overlap(a, w) for w in words)]
    found.extend(w for w in words if not any(_overlap(a, w) for a in found))
    found.sort(key=lambda a: a.start)
    return _carry_units(r, text, _exchange_rates(r, text, found))


def _exchange_rates(r: _Reader, text: str, found: list[Amount]) -> list[Amount]:
    """Both sides of an exchange rate as rates, each per the other's currency: 'one Canadian dollar
    equals 0.73 US dollar', '$1 = 5.67 reais'."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.kind == b.kind == "money" and a.unit != b.unit and not a.is_rate and not b.is_rate
                and any(x.value in r.rate_units and "scale." not in "".join(x.rules) for x in (a, b))
                and r.rate_between.fullmatch(text, a.end, b.start)):
            out[i] = replace(a, per=b.unit, rules=a.rules + ("money.exchange_rate",))
            out[i + 1] = replace(b, per=a.unit, rules=b.rules + ("money.exchange_rate",))
    return out


def _carry_units(r: _Reader, text: str, found: list[Amount]) -> list[Amount]:
    """Bare numbers that take the unit of an amount beside them: the lower end of a range
    ("between 30 and 45 million dollars"), a comparison ("to $1.09 billion from 1.37 billion");
    and money without a scale word that takes the scale of the same currency's amount after it
    ("€40 and €55 million")."""
    out = list(found)
    for i, a in enumerate(list(out)):
        nxt = out[i + 1] if i + 1 < len(out) else None
        if a.kind == "money" and "scale." not in "".join(a.rules) and not a.is_rate:
            upper = _dash_upper(r, text, a)
            if upper is not None:  # "$10-20 billion"
                scale = _scale_of(Decimal(str(upper.value)), Decimal(str(a.value)))
                out[i] = replace(a, value=a.value * float(scale), approx="min" if a.approx == "exact" else a.approx,
                                 rules=a.rules + ("bound.range",))
                out.insert(i + 1, upper)
                continue
            if not (nxt is not None and nxt.kind == "money" and nxt.unit == a.unit and "scale." in "".join(nxt.rules)):
                continue
        elif a.kind != "number":
            continue
        if nxt is not None and nxt.unit and nxt.kind != "number" and not nxt.is_rate:
            m = r.range_between.fullmatch(text, a.end, nxt.number_start if nxt.start == nxt.number_start else nxt.start)
            joined_by_dash = m is not None and m.group("dash") is not None
            if m and (joined_by_dash or r.range_before.search(text, max(0, a.start - 30), a.start)):
                value = Decimal(str(a.value))
                if nxt.kind == "money" and value < 1000 and nxt.value >= 1000:
                    value *= _scale_of(Decimal(str(nxt.value)), value)  # "$10-20 billion"
                as_range = joined_by_dash or m.group("and") is not None
                out[i] = replace(a, value=float(value), unit=nxt.unit, kind=nxt.kind, unit_assumed=nxt.unit_assumed,
                                 alternatives=nxt.alternatives, approx="min" if as_range and a.approx == "exact" else a.approx,
                                 rules=a.rules + ("bound.range",))
                if as_range and nxt.approx == "exact":
                    out[i + 1] = replace(nxt, approx="max", rules=nxt.rules + ("bound.range",))
                continue
            if m and m.group("and") is not None:
                out[i] = _sharing_unit(a, nxt)
                continue
        previous = next((x for x in reversed(out[:i]) if x.kind == "money"), None)
        if (previous is not None and "scale." in "".join(a.rules) and a.start - previous.end <= 120
                and not _SENTENCE_END.search(text[previous.end:a.start])
                and r.carried.search(text, max(0, a.start - 40), a.number_start)):
            out[i] = replace(a, unit=previous.unit, kind="money", unit_assumed=previous.unit_assumed,
                             alternatives=previous.alternatives, rules=a.rules + ("money.carried",))
    return out


def _sharing_unit(a: Amount, nxt: Amount) -> Amount:
    """The first of 'A and B <unit>' ('..., respectively'), with B's unit, scale and direction."""
    value = Decimal(str(a.value))
    if "scale." in "".join(nxt.rules):  # "44 and 26 million": the scale word is shared too
        value *= _magnitude(Decimal(str(nxt.value)))
    direction = tuple(rule for rule in nxt.rules if rule.startswith("change.direction"))
    if nxt.kind == "change" and "change.direction_down" in direction:
        value = -value if nxt.unit == "%" else 1 / value
    return replace(a, value=float(value), unit=nxt.unit, kind=nxt.kind, unit_assumed=nxt.unit_assumed,
                   alternatives=nxt.alternatives, rules=a.rules + ("bound.respectively",) + direction)


def _dash_upper(r: _Reader, text: str, a: Amount) -> Amount | None:
    """The upper end of '$10-20 billion': a scaled numeral right after a dash."""
    if a.end >= len(text) or text[a.end] not in "-–" or a.end + 1 >= len(text) or not text[a.end + 1].isdigit():
        return None
    # read apart from the dash, which otherwise marks a code ("COVID-19")
    upper = next((n for n in numerals.find_numerals(text[a.end + 1:a.end + 40]) if n.start == 0), None)
    if upper is None or not upper.scaled:
        return None
    start = a.end + 1
    return Amount(start, start + upper.end, float(upper.value), a.unit, "money", "max",
                  upper.rules + ("bound.range",), a.unit_assumed, None, start, a.alternatives)


def _scale_of(upper: Decimal, lower: Decimal) -> Decimal:
    """The scale word the upper end of a range carries, for the lower: 20 billion over 10 -> 1e9."""
    scale = Decimal(1)
    while upper / (scale * 1000) >= 1 and upper / (scale * 1000) > lower:
        scale *= 1000
    return scale


def _overlap(a: Amount, b: Amount) -> bool:
    return a.start < b.end and b.start < a.end


def _read_around(r: _Reader, text: str, num: numerals.Numeral, all_numerals, index) -> Amount | None:
    value = num.value
    rules = list(num.rules)
    start, end = num.start, num.end
    kind, unit, assumed, alternatives = "number", None, False, ()

    before = _match_before(r, text, num)
    after = _match_after(r, text, end)
    if before and after and before[0].id == "money.name_before":
        before = None  # "30 dollar 25 rmb": the 25 is yuan; the word before belongs to the 30
    elif before:
        after = None
        if r.counted.match(text, end):
            before = None  # "marks 75 years": a count of years, not an amount
        elif num.plain_integer and text[num.start - 1].isalpha() and (
                r.code_before.search(text, max(0, before[1].start() - WINDOW), before[1].start())
                or r.code_after.match(text, end)):
            return None  # "the KD15 variety": a product code
    if before or after:
        rule, m, side = before or after
        code, assumed, alternatives = _currency_of(r, text, m, rule.get("currency"))
        if code is None:
            return None
        kind, unit = "money", code
        rules.append(rule.id)
        if code in r.whole_units and num.digit_text and not num.scaled:
            value = numerals.read_digits(num.digit_text, whole_units=True)  # "Rp 45.800"
        if rule.get("multiplier"):
            value *= Decimal(str(rule.get("multiplier")))
        if side == "before":
            start = m.start()
            after_scale = _match_scale_after_code(r, text, end, code)
            if after_scale:
                end = after_scale.end()
        else:
            end = m.end()
            scale_word = m.groupdict().get("scale")
            if scale_word:
                value *= r.scale_words[scale_word.lower()]
            if m.groupdict().get("mega"):
                value *= Decimal(1_000_000)
        extra = _continuation(r, text, end, value, num, all_numerals, index, side, m)
        if extra is not None:
            added, end = extra
            value += added
            rules.append("money.continuation")
    else:
        q = r.units.pattern.match(text, end)
        p = r.percent.match(text, end)
        f = r.fold.match(text, end)
        if q:
            rule, factor = r.units.words[q.group("unit")]
            kind, unit, value, end = "quantity", rule.get("canonical"), value * factor, q.end()
            rules.append(rule.id)
        elif p:
            kind, unit, end = "change", "%", p.end()
            rules.append("change.percent")
        elif f:
            kind, unit, end = "change", "x", f.end()
            rules.append("change.fold")
        elif num.plain_integer and 1800 <= value <= 2199:
            return None  # a year: periods.py reads it
    if end < len(text) and _LATIN_OR_DIGIT.match(text[end]):
        return None  # glued to Latin letters: an ordinal ("4th"), a code ("11a"), an unknown unit
    if start == num.start and start > 0 and _LATIN_OR_DIGIT.match(text[start - 1]):
        return None  # glued to letters before: a code ("G20", "A4")
    if kind != "money" and num.money_only_scale:
        return None  # "1m" is a metre unless it is money ("$1m")
    per = None
    if kind in ("money", "quantity"):
        rate = r.per.match(text, end)
        if rate:
            per, end = rate.group("per"), rate.end()
            rules.append("quantity.per")
    approx, start, bound_rule = _bound(r, text, start)
    if bound_rule:
        rules.append(bound_rule)
    if kind == "change":
        value, direction_rule = _directed(r, text, start, end, value, unit, num)
        if direction_rule:
            rules.append(direction_rule)
    return Amount(start, end, float(value), unit, kind, approx, tuple(rules), assumed, per, num.start, alternatives)


def _match_before(r: _Reader, text: str, num: numerals.Numeral):
    for rule, rx in r.money_before:
        if rule.get("plain_integer_is_code") and num.plain_integer:
            continue
        m = rx.search(text, max(0, num.start - WINDOW), num.start)
        if m:
            return rule, m, "before"
    return None


def _match_after(r: _Reader, text: str, end: int):
    for rule, rx in r.money_after:
        m = rx.match(text, end)
        if m and not (rule.id in r.unless_after and r.unless_after[rule.id].match(text, m.end())):
            return rule, m, "after"
    return None


def _match_scale_after_code(r: _Reader, text: str, end: int, code: str):
    """'USD 75 million USD' style repetitions are rare; a code after a prefixed amount is absorbed."""
    m = r.money_after[0][1].match(text, end) if r.money_after else None
    return m if m and m.groupdict().get("code") == code else None


def _currency_of(r: _Reader, text: str, m, fixed: str | None = None) -> tuple[str | None, bool, tuple[str, ...]]:
    """The currency a match names, whether it was assumed (a shared symbol or word), and the other
    currencies that symbol or word may stand for when it was."""
    groups = m.groupdict()
    if fixed:
        return fixed, False, ()
    if groups.get("letter"):
        return r.letters.get(groups["letter"]), False, ()
    if groups.get("symbol"):
        symbol = groups["symbol"]
        candidates, default = r.currencies.symbols[symbol]
        prefix = groups.get("code")
        if prefix:  # "usd$", "AUD$"
            return r.currencies.codes.get(prefix.upper(), default), False, ()
        if len(candidates) == 1:
            return candidates[0], False, ()
        lo, hi = max(0, m.start() - CONTEXT), min(len(text), m.end() + CONTEXT)
        near = r.currencies.named_near(text, lo, hi)
        named = [c for c in candidates if c != default and c in near]
        code = named[0] if len(named) == 1 and default not in near else default
        return code, True, r.currencies.others[symbol, code]
    if groups.get("code"):
        return r.currencies.codes.get(groups["code"].upper()), False, ()
    if groups.get("name"):
        name = patterns.squeeze(groups["name"].lower())
        code = r.currencies.names.get(name)
        others = r.currencies.others.get((name, code))
        return code, others is not None, others or ()
    return None, False, ()


def _continuation(r, text, end, value, num, all_numerals, index, side, m):
    """A smaller part after the currency: '1 billion dollar 477 million', '$35 and 12c'."""
    j = r.joiner.match(text, end)
    if not j:
        return None
    nxt = next((n for n in all_numerals[index + 1:] if n.start >= j.end()), None)
    if nxt is None or nxt.start != j.end() or nxt.value <= 0:
        return None
    if num.scaled and nxt.scaled and nxt.value < _magnitude(num.value):
        return nxt.value, nxt.end
    if num.scaled:
        return None
    return _minor_part(r, text, j, nxt, side == "after")


def _minor_part(r, text, joiner, nxt, after_currency_word: bool):
    """Hundredths after a whole amount: '43 cents', 'and fourteen' closing the sentence."""
    if nxt.value >= 100 or nxt.scaled:
        return None
    minor = r.minor.match(text, nxt.end)
    if minor:
        return nxt.value / 100, minor.end()
    closes = _CLOSES.match(text[nxt.end:nxt.end + 3])
    if closes and (after_currency_word or "and" in joiner.group()):
        return nxt.value / 100, nxt.end
    return None


def _magnitude(value: Decimal) -> Decimal:
    """The largest power of a thousand not above the value: the scale a scaled figure was written in."""
    magnitude = Decimal(1)
    while magnitude * 1000 <= abs(value):
        magnitude *= 1000
    return magnitude


def _bound(r: _Reader, text: str, start: int) -> tuple[str, int, str | None]:
    for rule, cue, unless in r.bounds:
        m = cue.search(text, max(0, start - WINDOW), start)
        if not m:
            continue
        if unless is not None and unless.search(text, max(0, m.start() - 120), m.start()):
            return "exact", start, None
        return rule.get("approx"), m.start(), rule.id
    return "exact", start, None


_CLAUSE_END = patterns.compile(r"\.(?!\d)|[;:!?\n]|\b(?:while|whereas|but)\b")  # a decimal point ends no clause


_LAST_WORD = patterns.compile(r"(\w+)\W*\Z")


def _after_a_noun(r: _Reader, text: str) -> bool:
    """text ends with a word that is no part of a figure ('products', not 'billion' or 'tons')."""
    last = _LAST_WORD.search(text)
    word = last.group(1).lower() if last else ""
    return word.isalpha() and word not in r.scale_words and word not in r.units.words


def _directed(r: _Reader, text: str, start: int, end: int, value: Decimal, unit: str, num) -> tuple[Decimal, str | None]:
    """The change with its direction: negative (or inverted) after a falling word. A written
    sign ("+2.3%", "-1.1%") is a direction of its own."""
    if value < 0:
        return value, "change.direction_down"
    if unit == "%" and r.share_of.match(text, end):
        return value, None  # a share: "20 percent of exports"
    number_start = num.start if num is not None else start
    if text[max(0, number_start - 2):number_start].strip().endswith("+"):
        return value, "change.direction_up"
    sign = None
    after = r.direction_after.match(text, end)
    if after:
        sign = r.direction_words[patterns.squeeze(after.group("word").lower())]
    if sign is None:
        lo = max(0, start - 120)
        window = text[lo:start]
        cut = max((m.end() for m in _CLAUSE_END.finditer(window)), default=0)
        bracket = window.rfind("(", cut)
        if bracket >= 0 and ")" not in window[bracket:] and _after_a_noun(r, window[:bracket]):
            cut = bracket  # "more fish products (28.3%)": a share in brackets after a noun, no change
        last = None
        for m in r.direction.finditer(text, lo + cut, start):
            last = m
        if last is not None:
            sign = r.direction_words[patterns.squeeze(last.group().lower())]
    if sign == -1:
        rule = "change.direction_down"
        if unit == "%":
            return -value, rule
        return (Decimal(1) / value if value > 1 else value), rule
    return value, ("change.direction_up" if sign == 1 else None)


def _word_amounts(r: _Reader, text: str, all_numerals) -> list[Amount]:
    """Amounts written as one word or phrase: 'a euro', 'doubled', 'sixfold', 'by a quarter'."""
    out = []
    for m in r.article_unit.finditer(text):
        code, assumed, alternatives = _currency_of(r, text, m)
        if code is None:
            continue
        value, end, rules = Decimal(1), m.end(), ["money.article_unit"]
        j = r.joiner.match(text, end)
        nxt = next((n for n in all_numerals if n.start >= end), None) if j else None
        part = _minor_part(r, text, j, nxt, True) if nxt is not None and nxt.start == j.end() else None
        if part is not None:
            value, end = value + part[0], part[1]
            rules.append("money.continuation")
        approx, start, bound_rule = _bound(r, text, m.start())
        rules += [bound_rule] if bound_rule else []
        out.append(Amount(start, end, float(value), code, "money", approx, tuple(rules), assumed, None, m.start(),
                          alternatives))
    for m in r.factor.finditer(text):
        if r.factor_unless.match(text, m.end()):
            continue
        approx, start, bound_rule = _bound(r, text, m.start())
        rules = ("change.factor_word",) + ((bound_rule,) if bound_rule else ())
        out.append(Amount(start, m.end(), float(r.factor_words[m.group().lower()]), "x", "change", approx, rules, False, None, m.start()))
    for m in r.share.finditer(text):
        value = r.shares[m.group("share").lower()]
        approx, start, bound_rule = _bound(r, text, m.start("amount"))
        value, direction = _directed(r, text, start, m.end(), value, "%", None)
        rules = tuple(x for x in ("change.share_word", bound_rule, direction) if x)
        out.append(Amount(start, m.end(), float(value), "%", "change", approx, rules, False, None, m.start("amount")))
    return out
