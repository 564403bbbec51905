#!/usr/bin/env python3
"""Check and refresh the reference tables in datasets/.

Dev-time only; the extractor itself never imports this file.

    python tools/refresh_datasets.py --check   # report problems, exit 1 if any
    python tools/refresh_datasets.py           # append rows for missing entries, then report

Checks:
  countries.csv   every UN member state and every listed other economy has a row;
                  iso3 is well formed and unique; iso2 and m49 agree with pycountry; un_member agrees with the list below;
                  every row has a name and at least one demonym; no string (name,
                  alias, demonym or capital) belongs to two rows; currencies is what
                  Unicode CLDR (through Babel) says is legal tender there today, and
                  each of its codes has a row in currencies.csv.
  currencies.csv  every active ISO 4217 code known to pycountry has a row, except the
                  skipped non-currency codes; names are lowercase and no name belongs
                  to two codes; every symbol used by two or more currencies is the
                  default_for of exactly one of them; minor_units is blank or a number.

Without --check, rows for missing entries are appended with the name (and a country's
codes) from pycountry and the other columns blank, for a maintainer to fill in, and the
currencies column of countries.csv is written anew from CLDR.

Needs the 'datasets' extra: pip install -e '.[datasets]' (pycountry, babel).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

import babel.numbers
import pycountry

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES_CSV = ROOT / "datasets" / "countries.csv"
CURRENCIES_CSV = ROOT / "datasets" / "currencies.csv"

COUNTRY_COLUMNS = ["iso3", "iso2", "m49", "name", "aliases", "demonyms", "capitals", "un_member", "currencies"]
CURRENCY_COLUMNS = ["code", "name", "names", "symbols", "default_for", "minor_units"]
# withdrawn currencies kept for old news name their end: "Spanish Peseta (replaced by the euro in 2002)"
HISTORICAL = re.compile(r"\((?:replaced|withdrawn)\b")

# The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = frozenset("""
AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS
BIH BLR BLZ BOL BRA BRB BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL
COM CPV CRI CUB CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESP EST ETH FIN
FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY HND HRV HTI HUN
IDN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT
LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX MHL MKD
MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM NER NGA NIC NLD NOR NPL NRU NZL
OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY QAT ROU RUS RWA SAU SDN SEN SGP
SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD TGO THA TJK
TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM
ZAF ZMB ZWE
""".split())
assert len(UN_MEMBERS) == 193

# Observers and often-traded economies that are not UN members.
OTHER_ECONOMIES = {
    "PSE": "Palestine",
    "VAT": "Vatican",
    "TWN": "Taiwan",
    "HKG": "Hong Kong",
    "MAC": "Macau",
    "XKX": "Kosovo",  # user-assigned code, not in ISO 3166 / pycountry
}

# ISO 4217 codes that are not currencies news reports amounts in:
# precious metals, testing codes, units of account, bond-market units and funds.
SKIPPED_CURRENCIES = frozenset("""
XAU XAG XPT XPD XTS XXX XBA XBB XBC XBD XDR XSU XUA XAD
BOV CLF COU MXV USN UYI UYW CHE CHW
""".split())

COUNTRY_LIST_COLUMNS = ["aliases", "demonyms", "capitals"]
CURRENCY_LIST_COLUMNS = ["names", "symbols", "default_for"]


def split(cell: str) -> list[str]:
    """Split a ';'-separated cell; an empty cell is an empty list."""
    return cell.split(";") if cell else []


def load(path: Path, columns: list[str], problems: list[str]) -> list[dict] | None:
    """Rows of a table, or None if the file is missing or its header is wrong."""
    if not path.exists():
        problems.append(f"{path.name}: file missing")
        return None
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            problems.append(f"{path.name}: header is {reader.fieldnames}, expected {columns}")
            return None
        rows = list(reader)
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            problems.append(f"{path.name}:{n}: wrong number of fields")
    return rows


def check_list_cells(fname: str, key: str, row: dict, columns: list[str], problems: list[str]):
    for col in columns:
        for item in split(row[col]):
            if not item or item != item.strip():
                problems.append(f"{fname}: {key}: {col} has an empty or space-padded item: {row[col]!r}")
                break
        items = split(row[col])
        if len(items) != len(set(items)):
            problems.append(f"{fname}: {key}: {col} repeats an item")


def legal_tender(iso2: str) -> list[str]:
    """The currencies Unicode CLDR (through Babel) says are legal tender in a territory today, the
    territory's own first: by ISO 4217's convention its code starts with the alpha-2 code (Bhutan:
    BTN;INR). Otherwise in CLDR's order, oldest first (Palestine, with none of its own: ILS;JOD)."""
    codes = babel.numbers.get_territory_currencies(iso2, dt.date.today(), tender=True) if iso2 else []
    return sorted(codes, key=lambda code: not code.startswith(iso2))


def check_countries(rows: list[dict], currency_codes: set[str], problems: list[str]):
    fname = COUNTRIES_CSV.name
    seen: set[str] = set()
    owners: dict[str, set[str]] = defaultdict(set)  # match string -> iso3 codes
    for row in rows:
        iso3 = row["iso3"]
        if not (len(iso3) == 3 and iso3.isascii() and iso3.isalpha() and iso3.isupper()):
            problems.append(f"{fname}: malformed iso3 {iso3!r}")
        if iso3 in seen:
            problems.append(f"{fname}: {iso3}: duplicate row")
        seen.add(iso3)
        known = pycountry.countries.get(alpha_3=iso3)
        if iso3 not in OTHER_ECONOMIES and known is None:
            problems.append(f"{fname}: {iso3}: not an ISO 3166-1 code")
        if known is not None and (row["iso2"], row["m49"]) != (known.alpha_2, known.numeric):
            problems.append(f"{fname}: {iso3}: iso2/m49 are {row['iso2']!r}/{row['m49']!r}, "
                            f"expected {known.alpha_2!r}/{known.numeric!r}")
        if not row["name"].strip():
            problems.append(f"{fname}: {iso3}: empty name")
        if not row["demonyms"].strip():
            problems.append(f"{fname}: {iso3}: empty demonyms")
        expected = "yes" if iso3 in UN_MEMBERS else "no"
        if row["un_member"] != expected:
            problems.append(f"{fname}: {iso3}: un_member is {row['un_member']!r}, expected {expected!r}")
        check_list_cells(fname, iso3, row, COUNTRY_LIST_COLUMNS + ["currencies"], problems)
        tender = ";".join(legal_tender(row["iso2"]))
        if row["currencies"] != tender:
            problems.append(f"{fname}: {iso3}: currencies is {row['currencies']!r}, CLDR says {tender!r} today "
                            "(tools/refresh_datasets.py without --check rewrites the column)")
        for code in split(row["currencies"]):
            if code not in currency_codes:
                problems.append(f"{fname}: {iso3}: currency {code} has no row in {CURRENCIES_CSV.name}")
        for s in [row["name"]] + [x for col in COUNTRY_LIST_COLUMNS for x in split(row[col])]:
            if s:
                owners[s].add(iso3)
    for s, codes in sorted(owners.items()):
        if len(codes) > 1:
            problems.append(f"{fname}: {s!r} is listed under several countries: {', '.join(sorted(codes))}")


def active_currencies() -> dict[str, str]:
    return {c.alpha_3: c.name for c in pycountry.currencies if c.alpha_3 not in SKIPPED_CURRENCIES}


def check_currencies(rows: list[dict], problems: list[str]) -> set[str]:
    fname = CURRENCIES_CSV.name
    active = active_currencies()
    seen: set[str] = set()
    name_owners: dict[str, set[str]] = defaultdict(set)
    symbol_users: dict[str, set[str]] = defaultdict(set)
    symbol_defaults: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        code = row["code"]
        if code in seen:
            problems.append(f"{fname}: {code}: duplicate row")
        seen.add(code)
        if code in SKIPPED_CURRENCIES:
            problems.append(f"{fname}: {code}: is a skipped (non-currency) code")
        elif code not in active and not HISTORICAL.search(row.get("name") or ""):
            problems.append(f"{fname}: {code}: not an active ISO 4217 code in pycountry "
                            "(a withdrawn currency kept for old news says so in its name: '(replaced by ...)')")
        if not row["name"].strip():
            problems.append(f"{fname}: {code}: empty name")
        if not row["names"].strip():
            problems.append(f"{fname}: {code}: empty names")
        if row["minor_units"] and not row["minor_units"].isdigit():
            problems.append(f"{fname}: {code}: minor_units {row['minor_units']!r} is not a number")
        check_list_cells(fname, code, row, CURRENCY_LIST_COLUMNS, problems)
        for word in split(row["names"]):
            if word != word.lower():
                problems.append(f"{fname}: {code}: name {word!r} is not lowercase")
            name_owners[word].add(code)
        symbols = set(split(row["symbols"]))
        for sym in symbols:
            symbol_users[sym].add(code)
        for sym in split(row["default_for"]):
            if sym not in symbols:
                problems.append(f"{fname}: {code}: default_for {sym!r} is not among its symbols")
            symbol_defaults[sym].add(code)
    for word, codes in sorted(name_owners.items()):
        if word and len(codes) > 1:
            problems.append(f"{fname}: name {word!r} is listed under several codes: {', '.join(sorted(codes))}")
    for sym, users in sorted(symbol_users.items()):
        defaults = symbol_defaults.get(sym, set())
        if len(users) > 1 and len(defaults) != 1:
            problems.append(
                f"{fname}: shared symbol {sym!r} ({', '.join(sorted(users))}) has "
                f"{len(defaults)} defaults{': ' + ', '.join(sorted(defaults)) if defaults else ''}"
            )
        if len(users) == 1 and defaults:
            problems.append(f"{fname}: {sym!r} is used only by {next(iter(users))}; drop it from default_for")
    return seen


def country_name(iso3: str) -> str:
    if iso3 in OTHER_ECONOMIES:
        return OTHER_ECONOMIES[iso3]
    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "common_name", None) or c.name


def new_country(iso3: str) -> dict:
    """A row for a missing economy: its codes and name from pycountry, the strings left to a maintainer."""
    known = pycountry.countries.get(alpha_3=iso3)
    row = dict.fromkeys(COUNTRY_COLUMNS, "")
    row.update(iso3=iso3, name=country_name(iso3), un_member="yes" if iso3 in UN_MEMBERS else "no",
               iso2=known.alpha_2 if known else "", m49=known.numeric if known else "")
    return row


def write_rows(path: Path, columns: list[str], rows: list[dict]):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def append_rows(path: Path, rows: list[list[str]]):
    needs_newline = not path.read_bytes().endswith(b"\n")
    with path.open("a", newline="", encoding="utf-8") as f:
        if needs_newline:
            f.write("\n")
        csv.writer(f, lineterminator="\n").writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 on problems")
    args = parser.parse_args(argv)

    problems: list[str] = []
    countries = load(COUNTRIES_CSV, COUNTRY_COLUMNS, problems)
    currencies = load(CURRENCIES_CSV, CURRENCY_COLUMNS, problems)
    have_currencies = check_currencies(currencies or [], problems)
    missing_countries = sorted((UN_MEMBERS | OTHER_ECONOMIES.keys()) - {row["iso3"] for row in countries or []})
    missing_currencies = sorted(active_currencies().keys() - have_currencies)

    if args.check:
        problems += [f"{COUNTRIES_CSV.name}: missing {c} ({country_name(c)})" for c in missing_countries]
        problems += [f"{CURRENCIES_CSV.name}: missing {c} ({active_currencies()[c]})" for c in missing_currencies]
    else:
        if countries is not None:
            # the currencies column is rewritten on every refresh: legal tender changes (a country adopts the euro)
            countries += [new_country(c) for c in missing_countries]
            for row in countries:
                row["currencies"] = ";".join(legal_tender(row["iso2"]))
            countries.sort(key=lambda row: row["iso3"])
            write_rows(COUNTRIES_CSV, COUNTRY_COLUMNS, countries)
            if missing_countries:
                print(f"added {len(missing_countries)} rows to {COUNTRIES_CSV.name}: {' '.join(missing_countries)}")
        if missing_currencies and currencies is not None:
            names = active_currencies()
            append_rows(CURRENCIES_CSV, [[c, names[c], "", "", "", ""] for c in missing_currencies])
            print(f"appended {len(missing_currencies)} rows to {CURRENCIES_CSV.name}: {' '.join(missing_currencies)}")
            problems += [f"{CURRENCIES_CSV.name}: {c}: empty names (new row)" for c in missing_currencies]
    check_countries(countries or [], have_currencies, problems)  # new rows included: a maintainer fills them in

    print(f"{COUNTRIES_CSV.name}: {len(countries or [])} rows read; "
          f"{CURRENCIES_CSV.name}: {len(currencies or [])} rows read")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1 if args.check else 0
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
