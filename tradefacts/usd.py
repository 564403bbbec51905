"""Money in US dollars: each money fact valued at a rate the page states or the user gives.

A fact's rate comes from, in this order: the fact being in USD already; a rates file the
user passes (currency, date or year, usd_per_unit) holding a rate for the fact's year; the
page's own ticker lines (rules/rates.toml), the rates of the page's publication date. With
no rate, `value_usd` is null: a value is never guessed. `fx_source` says which rate was used.

Conversion goes through pint, in a registry where every currency is a dimension of its own,
so that adding dollars to tenge is an error, not a number.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from pathlib import Path
from statistics import fmean

import pint

from . import reference, rulebook

MAX_DAYS_BEFORE = 31  # a dated rate stands for a page published up to a month later


@functools.cache
def registry() -> pint.UnitRegistry:
    """Every currency of datasets/currencies.csv as a unit of its own dimension."""
    units = pint.UnitRegistry(None)
    for currency in reference.currencies():
        units.define(f"{currency.code} = [currency_{currency.code}]")
    return units


def to_usd(value: float, currency: str, usd_per_unit: float) -> float:
    """`value` units of `currency` in US dollars at `usd_per_unit`, through pint."""
    units = registry()
    amount = units.Quantity(value, currency) * units.Quantity(usd_per_unit, f"USD / {currency}")
    return float(amount.to("USD").magnitude)


@functools.cache
def _ticker():
    rule = rulebook.load("rates").rule("rate.ticker")
    return rule.compile("pattern")


def page_rates(text: str) -> dict[str, tuple[float, str]]:
    """The USD price of one unit of each currency the page's ticker lines state, with the line:
    "KZT/USD = 0.00190" gives KZT 0.0019; "USD/KZT = 500" gives KZT 0.002; a cross rate
    ("RUB/EUR = 0.01") counts when the page also prices EUR in USD."""
    direct: dict[str, tuple[float, str]] = {}
    cross: list[tuple[str, str, float, str]] = []
    for m in _ticker().finditer(text):
        base, quote, rate, line = m.group("base"), m.group("quote"), float(m.group("rate")), m.group().strip()
        if rate <= 0 or base == quote:
            continue
        if quote == "USD":
            direct.setdefault(base, (rate, line))
        elif base == "USD":
            direct.setdefault(quote, (1 / rate, line))
        else:
            cross.append((base, quote, rate, line))
    for base, quote, rate, line in cross:
        if quote in direct and base not in direct:
            direct[base] = (rate * direct[quote][0], f"{line}; {direct[quote][1]}")
    return direct


class RatesError(ValueError):
    """A rates file that cannot be used: names the file, the line and what is wrong."""


@dataclass
class Rates:
    """A rates file: rows of currency, date (YYYY-MM-DD) or year, usd_per_unit."""

    path: str
    yearly: dict[tuple[str, int], float] = field(default_factory=dict)
    dated: dict[str, list[tuple[dt.date, float]]] = field(default_factory=dict)

    def for_year(self, currency: str, year: int) -> tuple[float, str] | None:
        if (currency, year) in self.yearly:
            return self.yearly[(currency, year)], f"{self.name}: {currency} {year}"
        in_year = [rate for day, rate in self.dated.get(currency, []) if day.year == year]
        if in_year:
            return fmean(in_year), f"{self.name}: {currency} {year}, mean of {len(in_year)} dated rate(s)"
        return None

    def for_date(self, currency: str, day: dt.date) -> tuple[float, str] | None:
        rows = self.dated.get(currency, [])
        at = bisect_right(rows, (day, float("inf")))
        if at and (day - rows[at - 1][0]).days <= MAX_DAYS_BEFORE:
            found, rate = rows[at - 1]
            return rate, f"{self.name}: {currency} {found.isoformat()}"
        return self.for_year(currency, day.year)

    @property
    def name(self) -> str:
        return Path(self.path).name


def read_rates(path: str | Path) -> Rates:
    """Read a rates file; a bad header, currency, date or number is a RatesError naming the line."""
    path = Path(path)
    rates = Rates(str(path))
    known = {c.code for c in reference.currencies()}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = {h.strip().lower() for h in reader.fieldnames or []}
            if "currency" not in header or "usd_per_unit" not in header or not header & {"date", "year"}:
                raise RatesError(f"{path}: a rates file needs the columns currency, date or year, usd_per_unit "
                                 f"(found: {', '.join(reader.fieldnames or []) or 'none'})")
            for number, raw in enumerate(reader, 2):
                row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
                _add_row(rates, row, known, f"{path}:{number}")
    except OSError as exc:
        raise RatesError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    for rows in rates.dated.values():
        rows.sort()
    return rates


def _add_row(rates: Rates, row: dict, known: set[str], where: str) -> None:
    currency = row.get("currency", "").upper()
    if currency not in known:
        raise RatesError(f"{where}: {row.get('currency')!r} is not an ISO 4217 code of datasets/currencies.csv")
    try:
        rate = float(row["usd_per_unit"])
    except ValueError:
        raise RatesError(f"{where}: usd_per_unit {row['usd_per_unit']!r} is not a number") from None
    if not rate > 0:
        raise RatesError(f"{where}: usd_per_unit must be positive, not {row['usd_per_unit']!r}")
    if row.get("date"):
        try:
            rates.dated.setdefault(currency, []).append((dt.date.fromisoformat(row["date"]), rate))
        except ValueError:
            raise RatesError(f"{where}: date {row['date']!r} is not YYYY-MM-DD") from None
    elif row.get("year", "").isdigit():
        rates.yearly[(currency, int(row["year"]))] = rate
    else:
        raise RatesError(f"{where}: a row needs a date (YYYY-MM-DD) or a year")


def value_in_usd(facts: list, text: str, published: dt.date | None, rates: Rates | None = None) -> list:
    """The facts with `value_usd` and `fx_source` filled where a rate is known."""
    on_page = None
    out = []
    for fact in facts:
        if fact.kind != "money":
            out.append(fact)
            continue
        if fact.unit == "USD":
            out.append(replace(fact, value_usd=fact.value, fx_source="USD"))
            continue
        found = None
        if rates is not None:
            found = rates.for_year(fact.unit, fact.year) if fact.year else (
                rates.for_date(fact.unit, published) if published else None)
        if found is None:
            on_page = page_rates(text) if on_page is None else on_page
            if fact.unit in on_page:
                rate, line = on_page[fact.unit]
                found = rate, f"page ticker {line} ({published.isoformat() if published else 'page date not shown'})"
        if found is None:
            out.append(fact)
            continue
        rate, source = found
        out.append(replace(fact, value_usd=to_usd(fact.value, fact.unit, rate), fx_source=source))
    return out
