"""The reference tables in `datasets/`: countries and currencies, read once per process.

Both are CSV files a user can read and extend (see datasets/README.md); list
columns hold several values separated by ';'.
"""
from __future__ import annotations

import csv
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from .rulebook import PROJECT_ROOT

DATASETS_DIR = Path(os.environ.get("TRADEFACTS_DATASETS", PROJECT_ROOT / "datasets"))


class DatasetError(ValueError):
    """A reference table that cannot be used: names the file and the line."""


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    iso2: str = ""
    m49: str = ""  # UN M49 / ISO 3166-1 numeric, three digits; empty where there is none (Kosovo)
    currencies: tuple[str, ...] = ()  # ISO 4217 codes of its legal tender, its own first ("BTN", "INR")


@dataclass(frozen=True)
class Currency:
    code: str
    name: str
    names: tuple[str, ...]
    symbols: tuple[str, ...]
    default_for: tuple[str, ...]


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


def _read(name: str, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    path = DATASETS_DIR / name
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise DatasetError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = [(reader.line_num, row) for row in reader]
    except OSError as exc:
        raise DatasetError(f"{path}: cannot be read: {exc}") from None
    for line, row in rows:
        if not (row.get(required[0]) or "").strip():
            raise DatasetError(f"{path}:{line}: empty '{required[0]}'")
    return rows


@functools.cache
def countries() -> tuple[Country, ...]:
    rows = _read("countries.csv", ("iso3", "iso2", "m49", "name", "aliases", "demonyms", "capitals", "currencies"))
    known = {c.code for c in currencies()}
    for line, row in rows:
        unknown = [code for code in _split(row["currencies"]) if code not in known]
        if unknown:
            raise DatasetError(f"{DATASETS_DIR / 'countries.csv'}:{line}: 'currencies' names "
                               f"{', '.join(unknown)}, which currencies.csv has no row for")
    return tuple(
        Country(row["iso3"].strip(), row["name"].strip(), _split(row["aliases"]),
                _split(row["demonyms"]), _split(row["capitals"]), row["iso2"].strip(), row["m49"].strip(),
                _split(row["currencies"]))
        for _, row in rows
    )


@functools.cache
def currencies() -> tuple[Currency, ...]:
    rows = _read("currencies.csv", ("code", "name", "names", "symbols", "default_for"))
    return tuple(
        Currency(row["code"].strip(), row["name"].strip(), tuple(n.lower() for n in _split(row["names"])),
                 _split(row["symbols"]), _split(row["default_for"]))
        for _, row in rows
    )


@functools.cache
def country_names() -> dict[str, str]:
    """iso3 -> the short English name."""
    return {c.iso3: c.name for c in countries()}


@functools.cache
def country_currencies() -> dict[str, tuple[str, ...]]:
    """iso3 -> the ISO 4217 codes of its legal tender, its own first."""
    return {c.iso3: c.currencies for c in countries()}
