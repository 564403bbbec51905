"""Periods: years, months, quarters, fiscal and Iranian years, relative years, found and resolved.

`find_periods(text, start, end)` finds the time phrases of rules/periods.toml.
`resolve(mention, published, frame, fiscal_start)` turns one into a `Span`: the
calendar year the figure refers to and the months it covers. A relative phrase
resolves only against a publication date or a frame stated on the page; with
neither it stays unknown (ANNOTATION.md: years are never guessed). A mention's
`comparative` flag marks the period of a comparison's base ("compared with 2021",
"$4.1 billion a year earlier"): the linker decides what to do with it.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import regex

from . import patterns, rulebook

YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
RELATIVE = {"this": 0, "current": 0, "last": -1, "previous": -1, "preceding": -1, "past": -1, "next": 1, "a": -1}


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    rule: str
    groups: dict
    # the period of a comparison's base, not of the figure a clause is about: written after words
    # of comparison ("compared to 2022", "up from $1.9bn in 2022", "twice as high as in 2022"), or
    # a look-back phrase right after the base figure ("$1.9bn a year earlier", "12% year-on-year")
    comparative: bool
    looks_back: bool  # counts back from another period ("the same period last year", "the previous year")

    @property
    def is_target_year(self) -> bool:
        return self.rule == "period.by_year"


@dataclass(frozen=True)
class Span:
    """A resolved period: first and last month as (year, month); `year` is the year of the last."""

    first: tuple[int, int]
    last: tuple[int, int]

    @property
    def year(self) -> int:
        return self.last[0]

    @property
    def text(self) -> str:
        (y1, m1), (y2, m2) = self.first, self.last
        if y1 == y2 and m1 == 1 and m2 == 12:
            return str(y1)
        if (y1, m1) == (y2, m2):
            return f"{y1}-{m1:02d}"
        return f"{y1}-{m1:02d}/{y2}-{m2:02d}"

    def shifted(self, years: int) -> "Span":
        return Span((self.first[0] + years, self.first[1]), (self.last[0] + years, self.last[1]))

    def with_year(self, year: int) -> "Span":
        return self.shifted(year - self.last[0])


def whole_year(year: int) -> Span:
    return Span((year, 1), (year, 12))


def months(year: int, first: int, last: int) -> Span:
    """Months first..last ending in `year`; a range that wraps (April-March) starts the year before."""
    return Span((year - (1 if last < first else 0), first), (year, last))


def _add_months(month: tuple[int, int], n: int) -> tuple[int, int]:
    y, m = month
    return y + (m - 1 + n) // 12, (m - 1 + n) % 12 + 1


class FiscalCalendar(int):
    """The month a country's fiscal year starts in, with the fiscal years that did not start
    then, by the year they end in (Myanmar moved its year twice). It is an int, the month, so
    that callers compare it and pass it on as one."""

    exceptions: dict[int, Span]

    def __new__(cls, month: int, exceptions: dict[int, Span]):
        calendar = super().__new__(cls, month)
        calendar.exceptions = exceptions
        return calendar


def _span(text: str) -> Span:
    """'2018-10/2019-09' as a Span."""
    first, last = (tuple(int(x) for x in part.split("-")) for part in text.split("/"))
    return Span(first, last)


class _Periods:
    def __init__(self):
        rules = rulebook.load("periods")
        dates = rulebook.load("dates")
        self.months = {k.lower(): int(v) for k, v in dates.settings["months"].items()}
        month_alt = rulebook.alternation(self.months, fold_case=True)
        count_alt = r"(?:\d{1,2}|" + "|".join(COUNTS) + ")"
        # the file's own placeholders first: they may hold the built-in ones ({year})
        fillers = {**rules.settings.get("placeholders", {}),
                   "month": rf"(?P<month>{month_alt})\.?", "month2": rf"(?P<month2>{month_alt})\.?",
                   "year": YEAR, "count": count_alt}
        self.rules = []
        for rule in rules.rules:
            pattern = rule.get("pattern", "")
            for key, value in fillers.items():
                pattern = pattern.replace("{" + key + "}", value)
            needs = rule.get("needs", [])
            if not isinstance(needs, list) or not all(isinstance(w, str) and w == w.lower() and w for w in needs):
                raise rule.error("field 'needs' must be a list of lower-case words")
            self.rules.append((rule, rule.compile("pattern", pattern=pattern), tuple(needs)))
        exceptions = rules.settings.get("fiscal_year_exceptions", {})
        self.fiscal_start = {
            iso3: FiscalCalendar(int(month), {int(end): _span(text) for end, text in exceptions.get(iso3, {}).items()})
            for iso3, month in rules.settings.get("fiscal_year_start", {}).items()}
        self.fiscal_eras = rules.settings.get("fiscal_year_eras", [])
        self.comparative = patterns.compile(rules.settings["comparative_before"], regex.REVERSE)
        self.figure_before = patterns.compile(rules.settings["figure_before"], regex.REVERSE)
        self.comparative_rules = set(rules.settings.get("comparative_rules", []))
        timeless = rules.settings.get("timeless", [])
        self.timeless = patterns.compile(r"(?i)" + rulebook.word_start(timeless, "-") + rulebook.alternation(timeless, fold_case=True) + r"(?![\w-])")
        self.frame_relative = set(rules.settings.get("frame_relative", []))


@functools.cache
def _periods() -> _Periods:
    return _Periods()


def is_timeless(text: str, start: int, end: int) -> bool:
    """'annual', 'currently': words that leave a figure with no year of its own."""
    return bool(_periods().timeless.search(text, start, end))


def fiscal_start(iso3: str | None) -> FiscalCalendar | None:
    return _periods().fiscal_start.get(iso3 or "")


def find_periods(text: str, start: int = 0, end: int | None = None) -> list[PeriodMention]:
    """Time phrases in text[start:end], in order, the more specific rule winning an overlap."""
    p = _periods()
    end = len(text) if end is None else end
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    lowered = text[start:end].lower()
    for rule, rx, needs in p.rules:
        if needs and not any(word in lowered for word in needs):
            continue
        for m in rx.finditer(text, start, end):
            if m.end() == m.start() or any(m.start() < b and a < m.end() for a, b in taken):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v}
            rel = (groups.get("rel") or "").lower()
            counts_back = rule.id in p.comparative_rules or rel in p.frame_relative
            window = max(start, m.start() - 60)
            # the words before it make it a comparison ("compared with 2021"), or it counts back
            # right after a figure, which it dates as the base ("$4.1 billion a year earlier")
            comparative = bool(p.comparative.search(text, window, m.start())
                               or counts_back and p.figure_before.search(text, window, m.start()))
            looks_back = comparative or counts_back
            found.append(PeriodMention(m.start(), m.end(), rule.id, groups, comparative, looks_back))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda x: x.start)
    return found


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _count(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else COUNTS.get(text.lower())


def resolve(mention: PeriodMention, published: dt.date | None, frame: Span | None,
            fiscal_start_month: int | None, fiscal_calendar: bool = False) -> Span | None:
    """The span a time phrase stands for, or None when the page does not give its year.

    `frame` is the period of the figures around the phrase: relative words that look back from
    them ("the previous year", "the same period") count from it. `fiscal_start_month` is the
    reporting country's `fiscal_start`, the first month of its fiscal year (with the years that
    began in another month); with `fiscal_calendar` (the page speaks of that calendar) "the first
    five months of this year" counts in it too."""
    p = _periods()
    g = mention.groups
    rule = mention.rule
    rel_word = (g.get("rel") or "").lower().split()[-1] if g.get("rel") else None
    from_frame = rel_word in p.frame_relative and frame is not None
    year = _year(g.get("year"))
    if year is None and rel_word is not None:
        if from_frame:
            year = frame.year + RELATIVE[rel_word]
        elif published is not None:
            year = published.year + RELATIVE[rel_word]
    if rule == "period.iranian_year":
        start = int(g["iranian"]) + 621
        return Span((start, 4), (start + 1, 3))
    if rule == "period.iranian_months":
        return _first_months_of_fiscal(published, 4, rel_word, _count(g.get("count")) or 1, iranian=True)
    if g.get("fy"):
        span = _fiscal(g, fiscal_start_month)
        if rule == "period.first_months":
            return _months_of(span, 0, _count(g["count"]))
        if rule == "period.quarter":
            q1, q2 = _quarters(g)
            return _months_of(span, 3 * (q1 - 1), 3 * (q2 - q1 + 1))
        if rule == "period.half":
            return _months_of(span, _half_start(g) - 1, 6)
        return span
    if rule == "period.anaphoric":
        return frame
    if rule == "period.years_ago":
        n = _count(g.get("count"))
        return whole_year(published.year - n) if published is not None and n else None
    if rule == "period.month_range":
        first, last = p.months[g["month"].lower()], p.months[g["month2"].lower()]
        if year is None and not rel_word:
            year = frame.year if frame else _latest_year_of(last, published)
        if year is None:
            return None
        if g.get("year1"):
            return Span((_year(g["year1"]), first), (year, last))
        return months(year, first, last)
    if rule == "period.first_months":
        n = _count(g.get("count"))
        if not n or n > 12:
            return None
        if fiscal_calendar and fiscal_start_month not in (None, 1) and g.get("year") is None:
            if rel_word in ("this", "current", "last", "previous", "past"):
                return _first_months_of_fiscal(published, fiscal_start_month, rel_word, n)
            return _months_of(frame, 0, n) if frame is not None else None
        year = year if (year or rel_word) else (frame.year if frame else None)
        if year is None:
            return None
        return months(year, 1, n)
    if rule == "period.half":
        year = year if (year or rel_word) else (frame.year if frame else None)
        if year is None:
            return None
        first = _half_start(g)
        return months(year, first, first + 5)
    if rule == "period.quarter":
        year = year if (year or rel_word) else (frame.year if frame else None)
        if year is None:
            return None
        q1, q2 = _quarters(g)
        return months(year, 3 * q1 - 2, 3 * q2)
    if rule == "period.year_span":
        return Span((int(g["year1"]), 1), (year, 12))
    if rule == "period.month_year":
        month = p.months[g["month"].lower()]
        return Span((year, month), (year, month))
    if rule == "period.months_to":
        last = p.months[g["month"].lower()]
        if year is None and rel_word is None:
            year = _latest_year_of(last, published)
        if year is None:
            return None
        n = _count(g.get("count")) or (3 if g.get("qtr") else 12)
        return Span(_add_months((year, last), 1 - n), (year, last))
    if rule == "period.month_to_date":
        month = p.months[g["month"].lower()]
        year = year or (frame.year if frame else _latest_year_of(month, published))
        return months(year, 1, month) if year is not None else None
    if rule == "period.month":
        month = p.months[g["month"].lower()]
        if rel_word is None:
            year = frame.year if frame else _latest_year_of(month, published)
        elif published is not None:
            year = _latest_year_of(month, published) - (1 if rel_word == "last" and month >= published.month else 0)
        if year is None:
            return None
        return Span((year, month), (year, month))
    if rule == "period.same_period":
        if frame is None:
            return whole_year(year) if year is not None else None
        if year is None and rel_word is None:
            return frame  # "in the same period": the period just stated
        if rel_word is not None:
            return frame.shifted(RELATIVE[rel_word])
        return frame.with_year(year)
    if year is None:
        return None
    if rule == "period.relative_year" and from_frame:
        return frame.shifted(RELATIVE[rel_word])  # "the preceding financial year": the frame a year back
    return whole_year(year)


def _months_of(span: Span, skip: int, n: int) -> Span:
    """n months of a span, after its first `skip` months: a fiscal year's quarter or half."""
    first = _add_months(span.first, skip)
    return Span(first, _add_months(first, n - 1))


def _quarters(g: dict) -> tuple[int, int]:
    """The first and last quarter a phrase names: "Q3", "the second and third quarters"."""
    first = int(g["quarter"]) if g["quarter"].isdigit() else ORDINALS[g["quarter"].lower()]
    return first, ORDINALS.get((g.get("last_quarter") or "").lower(), first)


def _half_start(g: dict) -> int:
    return 1 if g["half"].lower() in ("first", "1st", "1") else 7


def _first_months_of_fiscal(published: dt.date | None, start_month: int, rel_word: str | None, n: int,
                            iranian: bool = False) -> Span | None:
    """The first n months of the fiscal year holding the page's date (or the one before)."""
    if published is None:
        return None
    start = published.year if published.month >= start_month else published.year - 1
    if iranian and published.month == 3 and published.day >= 21:
        start = published.year  # the Iranian year starts on 21 March, counted here from April
    start += RELATIVE.get(rel_word, 0) if rel_word in ("last", "previous", "past") else 0
    return _months_of(Span((start, start_month), (start, start_month)), 0, n)


def _latest_year_of(month: int, published: dt.date | None) -> int | None:
    """The year of the latest `month` on or before the publication date."""
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _fiscal(g: dict, calendar: int | None) -> Span:
    """A fiscal year ("FY 2022-23") in the calendar given, April to March when none is; a year
    numbered in another era ("FY 2080/81", Bikram Sambat) is in that era's country's calendar."""
    first, second = g.get("fy"), g.get("fy2")
    end_year = _year(second) if second else _year(first)
    if second and len(second) == 2 and first and len(first) == 4:
        end_year = int(first[:2] + second)
    for era in _periods().fiscal_eras:
        if era["first"] <= end_year <= era["last"]:
            end_year -= era["years_ahead"]
            calendar = fiscal_start(era["calendar"])
    exceptions = getattr(calendar, "exceptions", {})  # a plain month number has none
    if end_year in exceptions:
        return exceptions[end_year]
    start_month = int(calendar or 4)
    if start_month == 1:
        return whole_year(end_year)
    return Span((end_year - 1, start_month), (end_year, start_month - 1))
