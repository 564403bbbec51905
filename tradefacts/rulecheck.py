"""`tradefacts rules check`: every rule file compiles, and every rule's examples read as shown.

Each rule file's examples are checked by the part of the extractor that uses
the file: amounts for numerals/money/bounds/changes/quantities, the period
resolver for periods, the page-date reader for dates, and so on. A failure
names the file, the line of the rule, the rule and what came out instead.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import rulebook
from .rulebook import Rule, RuleError


@dataclass
class Failure:
    path: str
    line: int
    rule: str
    text: str
    problem: str

    def __str__(self):
        return f"{self.path}:{self.line}: rule '{self.rule}': example {self.text!r}: {self.problem}"


def _close(x, y) -> bool:
    return abs(float(x) - float(y)) <= 1e-9 * max(1.0, abs(float(y)))


def _check_amount(example: dict) -> str | None:
    from .amounts import find_amounts

    found = find_amounts(example["text"])
    if "nothing" in example:  # the text holds no amount of this kind
        kinds = [a for a in found if a.kind == example["nothing"]]
        return None if not kinds else f"expected no {example['nothing']}, found {[example['text'][a.start:a.end] for a in kinds]}"
    for a in found:
        if "value" in example and not _close(a.value, example["value"]):
            continue
        if "unit" in example and a.unit != example["unit"]:
            continue
        if "approx" in example and a.approx != example["approx"]:
            continue
        if "per" in example and a.per != example["per"]:
            continue
        if "assumed" in example and a.unit_assumed != example["assumed"]:
            continue
        # what else a shared sign may stand for: `offered` among the alternatives, `not_offered` none of them
        if not set(example.get("offered", ())) <= set(a.alternatives) or set(example.get("not_offered", ())) & set(a.alternatives):
            continue
        return None
    asked = "offered" in example or "not_offered" in example
    shown = [(example["text"][a.start:a.end], a.value, a.unit, a.approx) + ((a.alternatives,) if asked else ()) for a in found]
    return f"expected {_expected(example, ('value', 'unit', 'approx', 'per', 'assumed', 'offered', 'not_offered'))}, found {shown}"


def _expected(example: dict, keys) -> str:
    return ", ".join(f"{k}={example[k]!r}" for k in keys if k in example)


def _check_period(example: dict) -> str | None:
    from . import periods

    published = dt.date.fromisoformat(example["published"]) if example.get("published") else None
    spans = [periods.resolve(m, published, None, periods.fiscal_start(example.get("country")))
             for m in periods.find_periods(example["text"])]
    got = [(s.year, s.text) if s else ("", "") for s in spans]
    want = (example.get("year", ""), example.get("period", ""))
    return None if want in got else f"expected year/period {want}, found {got}"


def _check_date(example: dict) -> str | None:
    from .documents import find_page_date

    date, _ = find_page_date(example["text"])
    got = date.isoformat() if date else ""
    return None if got == example.get("published", "") else f"expected page date {example.get('published')!r}, found {got!r}"


def _check_furniture(example: dict) -> str | None:
    from .articles import mask_furniture

    text, want = example["text"], example.get("masked", "")
    masked, _ = mask_furniture(text)
    at = text.find(want)
    if at < 0:
        return f"'masked' {want!r} is not part of the text"
    inside = masked[at:at + len(want)]
    if inside.strip():
        return f"{want!r} was not masked (left: {inside.strip()!r})"
    outside = masked[:at] + masked[at + len(want):]
    if outside != text[:at] + text[at + len(want):]:
        return "more than the expected span was masked"
    return None


def _check_sentences(example: dict) -> str | None:
    from .articles import find_sentences

    text = example["text"]
    got = [text[s.start:s.end] for s in find_sentences(text)]
    return None if got == example.get("sentences") else f"expected {example.get('sentences')}, found {got}"


def _check_countries(example: dict) -> str | None:
    from .countries import find_countries

    got = [c.iso3 for c in find_countries(example["text"])]
    return None if got == example.get("countries") else f"expected {example.get('countries')}, found {got}"


def _check_rates(example: dict) -> str | None:
    from .usd import page_rates

    got = {code: rate for code, (rate, _) in page_rates(example["text"]).items()}
    want = example.get("rates", {})
    if got.keys() == want.keys() and all(_close(got[c], want[c]) for c in want):
        return None
    return f"expected rates {want}, found {got}"


def _facts(example: dict):
    from .api import extract_text

    frame = extract_text(example["text"], doc="example", published=example.get("published"))
    if example.get("figure"):
        at = example["text"].find(example["figure"])
        frame = frame[(frame["start"] <= at) & (frame["end"] > at)]
    return frame


def _check_flow(example: dict) -> str | None:
    facts = _facts(example)
    want = example.get("flow", "")
    got = facts["flow"].iloc[0] if len(facts) else ""
    return None if got == want else f"expected flow {want!r}, found {got!r} ({len(facts)} facts)"


def _check_status(example: dict) -> str | None:
    facts = _facts(example)
    got = list(facts[facts["kind"] == "money"]["status"])
    return None if got == example.get("statuses") else f"expected statuses {example.get('statuses')}, found {got}"


_FACT_FIELDS = ("flow", "status", "year", "period")


def _check_pair(example: dict) -> str | None:
    """A fact of the example's figure with the pair (a, b) and the flow, status, year and period
    the example names; with a = b = "" no fact with those."""
    facts = _facts(example)
    named = [key for key in _FACT_FIELDS if key in example]
    chosen = facts
    for key in named:
        chosen = chosen[(chosen[key] == example[key]).fillna(False)]
    want = (example.get("a", ""), example.get("b", ""))
    got = list(zip(chosen["a"], chosen["b"]))
    if want in got or want == ("", "") and not got:
        return None
    found = list(facts[["a", "b", *named]].astype(object).itertuples(index=False, name=None))
    wanted = "no fact" if want == ("", "") else f"pair {want}"
    return f"expected {wanted}{' with ' + _expected(example, named) if named else ''}, found {found}"


CHECKERS = {
    "numerals": _check_amount, "money": _check_amount, "bounds": _check_amount,
    "changes": _check_amount, "quantities": _check_amount, "periods": _check_period,
    "dates": _check_date, "furniture": _check_furniture, "sentences": _check_sentences,
    "countries": _check_countries, "rates": _check_rates, "flows": _check_flow, "status": _check_status, "pairs": _check_pair,
    "links": _check_pair,
}


def compile_all() -> None:
    """Build every compiled form of the rules; raises RuleError on the first broken rule."""
    from . import amounts, articles, countries, cues, documents, periods, usd
    from .linker.words import link_words

    amounts.reader()
    cues._cues()
    periods._periods()
    countries._matcher()
    countries._name_rule()
    documents._date_rules()
    articles._furniture()
    articles._sentence_rules()
    usd._ticker()
    link_words()


def check(names: list[str] | None = None) -> tuple[dict[str, int], list[Failure], list[RuleError]]:
    """Examples checked per file, the examples that fail, and files that do not load."""
    counts: dict[str, int] = {}
    failures: list[Failure] = []
    errors: list[RuleError] = []
    names = names or rulebook.rule_file_names()
    for name in names:
        try:
            rulebook.load(name)
        except RuleError as exc:
            errors.append(exc)
    if errors:
        return counts, failures, errors
    try:
        compile_all()
    except RuleError as exc:
        return counts, failures, [exc]
    for name in names:
        rules = rulebook.load(name)
        checker = CHECKERS.get(name)
        if checker is None:
            errors.append(RuleError(rules.path, f"no checker for rule file '{name}': add it to tradefacts/rulecheck.py"))
            continue
        counts[rules.path] = 0
        for rule in rules.rules:
            for example in rule.examples:
                counts[rules.path] += 1
                problem = _run(checker, rule, example)
                if problem:
                    failures.append(Failure(rules.path, rule.line, rule.id, example["text"], problem))
    return counts, failures, errors


def _run(checker, rule: Rule, example: dict) -> str | None:
    try:
        return checker(example)
    except RuleError:
        raise
    except Exception as exc:  # an example that crashes the reader is a failure, not a crash of the check
        return f"raised {type(exc).__name__}: {exc}"
