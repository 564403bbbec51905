"""Official bilateral trade statistics, read into one table the news can be held against.

`read_official(path)` reads a table a user downloads, in one of three layouts told apart by
the header:

- UN Comtrade (CSV, or the JSON of its API: `{"data": [...]}`): `reporterISO` or
  `reporterCode` (M49), `partnerISO` or `partnerCode`, `flowCode` (X exports, M imports),
  `period` (YYYY or YYYYMM) or `refYear`/`refMonth`, `primaryValue` in US dollars, and, when
  present, `cmdCode` (only TOTAL rows are totals of trade).
- IMF Direction of Trade Statistics (CSV): `Country Code` or `Country Name`, `Counterpart
  Country Code` or `Counterpart Country Name`, `Indicator Code` (TXG_FOB_USD exports,
  TMG_CIF_USD imports), `Time Period` (2023, 2023M04), `Value` in millions of US dollars
  (a `Scale` column may say otherwise: Units, Thousands, Millions, Billions).
- Tidy: `reporter, partner, flow, period, value, unit` with flow `export`/`import` (or X/M),
  period YYYY or YYYY-MM, unit USD, "USD thousand", "USD million" or "USD billion".

Countries become ISO alpha-3 through datasets/countries.csv (alpha-3, alpha-2, M49 codes and
names). A row whose country is unknown, whose partner is the world or a bloc, whose flow or
commodity is not a total of exports or imports, or that repeats another row is reported in
`problems`, never guessed: a repeated row with the same value is kept once, repeated rows with
different values are both left out. A file that cannot be read at all (no known header, a
value that is not a number, nothing in it) raises OfficialError naming the file and line.
"""
from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import reference

COLUMNS = ["reporter", "partner", "flow", "year", "month", "value", "file", "line"]
FLOWS = {"x": "export", "export": "export", "exports": "export", "m": "import", "import": "import", "imports": "import"}
# world and bloc partners: totals over many countries, never one partner
BLOCS = {"0", "000", "w00", "wld", "world", "eu", "eun", "eur", "e27", "eu27", "97", "097", "euro area", "asean"}
SCALES = {"units": 1.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "": 1e6}
UNITS = {"usd": 1.0, "usd thousand": 1e3, "usd thousands": 1e3, "usd million": 1e6, "usd millions": 1e6,
         "usd billion": 1e9, "usd billions": 1e9}
IMF_FLOWS = {"txg_fob_usd": "export", "tmg_cif_usd": "import"}
IMF_OTHER_IMPORTS = {"tmg_fob_usd"}  # imports valued FOB: the CIF series is the one compared


class OfficialError(ValueError):
    """An official table that cannot be read: names the file, the line and what is wrong."""


@dataclass
class Official:
    """One or more official tables, normalised: reporter, partner, flow, year, month (null for a
    year's total), value in US dollars, and the file and line each row came from."""

    rows: pd.DataFrame
    problems: list[str] = field(default_factory=list)
    layouts: dict[str, str] = field(default_factory=dict)  # file -> layout

    @staticmethod
    def combine(tables: list["Official"]) -> "Official":
        frames = [t.rows for t in tables if len(t.rows)]
        rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
        return Official(rows, [p for t in tables for p in t.problems], {k: v for t in tables for k, v in t.layouts.items()})


@functools.cache
def _country_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for c in reference.countries():
        for key in (c.iso3, c.iso2, c.m49, c.m49.lstrip("0"), c.name, *c.aliases):
            if key:
                codes.setdefault(key.lower(), c.iso3)
    return codes


def country_code(value: str) -> str | None:
    """ISO alpha-3 for an alpha-3 or alpha-2 code, an M49 number or a name; None if unknown."""
    key = str(value).strip().lower()
    if key.endswith(".0") and key[:-2].isdigit():  # a code a spreadsheet turned into a float
        key = key[:-2]
    return _country_codes().get(key) or _country_codes().get(key.lstrip("0") if key.isdigit() else key)


def is_bloc(value: str) -> bool:
    key = str(value).strip().lower()
    return key in BLOCS or key.lstrip("0") in BLOCS or "world" in key or "nes" in key.split() or "union" in key


def _number(text: str, where: str) -> float:
    cleaned = str(text).strip().replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        raise OfficialError(f"{where}: {text!r} is not a number") from None


def _period(text: str, where: str, problems: list[str]) -> tuple[int, int | None] | None:
    """(year, month or None) from 2023, 202304, 2023-04, 2023M04, 2023M4; a quarter is reported
    in `problems` and gives None."""
    t = str(text).strip().upper()
    if t.endswith(".0"):
        t = t[:-2]
    try:
        if len(t) == 4 and t.isdigit():
            return int(t), None
        if len(t) == 6 and t.isdigit():
            year, month = int(t[:4]), int(t[4:])
        elif "Q" in t:
            problems.append(f"{where}: a quarter is not a period compared; row left out")
            return None
        else:
            year, month = (int(p) for p in t.replace("M", "-").split("-"))
    except ValueError:
        raise OfficialError(f"{where}: period {text!r} is not YYYY, YYYYMM, YYYY-MM or YYYYMmm") from None
    if not 1 <= month <= 12:
        raise OfficialError(f"{where}: period {text!r} has no month {month}")
    return year, month


def read_official(path: str | Path) -> Official:
    """One official table, its layout told by its header."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OfficialError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    text = raw.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise OfficialError(f"{path}: the file is empty")
    if text.lstrip().startswith(("{", "[")):
        records = _json_records(text, path)
    else:
        records = _csv_records(text)
    if not records:
        raise OfficialError(f"{path}: no rows under the header")
    header = {k.strip().lower() for k in records[0][1]}
    for layout, needs, read in LAYOUTS:
        if all(any(option in header for option in need) for need in needs):
            official = Official(pd.DataFrame(columns=COLUMNS), layouts={str(path): layout})
            rows = []
            for number, record in records:
                cells = {k.strip().lower(): (v or "").strip() for k, v in record.items() if k}
                row = read(cells, f"{path}:{number}", official.problems)
                if row is not None:
                    rows.append((*row, str(path), number))
            official.rows = _deduplicated(pd.DataFrame(rows, columns=COLUMNS), official.problems)
            return official
    expected = "; ".join(f"{layout}: {', '.join(' or '.join(n) for n in needs)}" for layout, needs, _ in LAYOUTS)
    raise OfficialError(f"{path}: the columns ({', '.join(sorted(header))}) are none of the known layouts. "
                        f"Expected {expected}")


def _csv_records(text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    return [(number, row) for number, row in enumerate(reader, 2)]


def _json_records(text: str, path: Path) -> list[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OfficialError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    items = data.get("data") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise OfficialError(f'{path}: JSON must be a list of rows or {{"data": [rows]}}')
    return [(number, {k: "" if v is None else str(v) for k, v in item.items()}) for number, item in enumerate(items, 1)]


def _pair(reporter: str, partner: str, where: str, problems: list[str]) -> tuple[str, str] | None:
    if is_bloc(partner) or is_bloc(reporter):
        problems.append(f"{where}: {reporter!r}/{partner!r} is the world or a bloc, not one country; row left out")
        return None
    a, b = country_code(reporter), country_code(partner)
    if a is None or b is None:
        unknown = reporter if a is None else partner
        problems.append(f"{where}: unknown country code {unknown!r}; row left out")
        return None
    return a, b


def _row(pair, flow, period, value) -> tuple:
    year, month = period
    return (pair[0], pair[1], flow, year, month, value)


def _comtrade(row: dict, where: str, problems: list[str]):
    if row.get("cmdcode", "TOTAL").strip().upper() not in ("TOTAL", ""):
        problems.append(f"{where}: commodity {row['cmdcode']!r} is not the TOTAL of trade; row left out")
        return None
    flow = FLOWS.get(row.get("flowcode", "").strip().lower())
    if flow is None:
        problems.append(f"{where}: flow {row.get('flowcode')!r} is neither X (exports) nor M (imports); row left out")
        return None
    reporter = row.get("reporteriso") or row.get("reportercode", "")
    partner = row.get("partneriso") or row.get("partnercode", "")
    pair = _pair(reporter, partner, where, problems)
    if pair is None:
        return None
    if row.get("period"):
        period = _period(row["period"], where, problems)
    else:  # refMonth 52 is Comtrade's "the whole year"
        month = int(_number(row["refmonth"], where)) if row.get("refmonth") else 52
        period = (int(_number(row["refyear"], where)), month if 1 <= month <= 12 else None)
    if period is None:
        return None
    return _row(pair, flow, period, _number(row["primaryvalue"], where))


def _imf(row: dict, where: str, problems: list[str]):
    indicator = row.get("indicator code", "").strip().lower()
    if indicator in IMF_OTHER_IMPORTS:
        return None  # the CIF imports are the series compared; FOB imports are a second measure of the same
    flow = IMF_FLOWS.get(indicator)
    if flow is None:
        problems.append(f"{where}: indicator {row.get('indicator code')!r} is not TXG_FOB_USD or TMG_CIF_USD; row left out")
        return None
    reporter = _imf_country(row.get("country code", ""), row.get("country name", ""))
    partner = _imf_country(row.get("counterpart country code", ""), row.get("counterpart country name", ""))
    pair = _pair(reporter, partner, where, problems)
    if pair is None:
        return None
    period = _period(row["time period"], where, problems)
    if period is None:
        return None
    if not str(row.get("value", "")).strip():
        problems.append(f"{where}: no value; row left out")
        return None
    scale = SCALES.get(str(row.get("scale", "")).strip().lower())
    if scale is None:
        raise OfficialError(f"{where}: scale {row.get('scale')!r} is not Units, Thousands, Millions or Billions")
    return _row(pair, flow, period, _number(row["value"], where) * scale)


def _imf_country(code: str, name: str) -> str:
    """What names the country of an IMF row: an ISO code if the code is one, else its name
    ("Kazakhstan, Rep. of" read as "Kazakhstan"). The IMF's own numeric codes are not M49
    (its 112 is the United Kingdom, M49's 112 is Belarus), so they are never looked up."""
    if code.isalpha() and country_code(code):
        return code
    if not name:
        return f"IMF code {code}" if code.isdigit() else code
    if country_code(name) or is_bloc(name):
        return name
    head, _, tail = name.partition(",")
    if ":" in tail and "mainland" not in tail.lower():
        return tail.split(":", 1)[1].strip()  # "China, P.R.: Hong Kong"
    return head.strip()


def _tidy(row: dict, where: str, problems: list[str]):
    flow = FLOWS.get(row.get("flow", "").strip().lower())
    if flow is None:
        problems.append(f"{where}: flow {row.get('flow')!r} is neither export nor import; row left out")
        return None
    pair = _pair(row.get("reporter", ""), row.get("partner", ""), where, problems)
    if pair is None:
        return None
    period = _period(row.get("period", ""), where, problems)
    if period is None:
        return None
    factor = UNITS.get(" ".join(row.get("unit", "").lower().split()))
    if factor is None:
        raise OfficialError(f"{where}: unit {row.get('unit')!r} is not USD, USD thousand, USD million or USD billion")
    return _row(pair, flow, period, _number(row.get("value", ""), where) * factor)


LAYOUTS = [
    ("UN Comtrade", [("reporteriso", "reportercode"), ("partneriso", "partnercode"), ("flowcode",),
                     ("period", "refyear"), ("primaryvalue",)], _comtrade),
    ("IMF DOTS", [("country code", "country name"), ("counterpart country code", "counterpart country name"),
                  ("indicator code",), ("time period",), ("value",)], _imf),
    ("tidy", [("reporter",), ("partner",), ("flow",), ("period",), ("value",), ("unit",)], _tidy),
]


def _deduplicated(rows: pd.DataFrame, problems: list[str]) -> pd.DataFrame:
    if rows.empty:
        return rows
    rows["month"] = rows["month"].astype("Int64")
    rows["year"] = rows["year"].astype(int)
    key = ["reporter", "partner", "flow", "year", "month"]
    keep = []
    for _, group in rows.groupby(key, dropna=False, sort=False):
        lines = ", ".join(str(n) for n in group["line"])
        if len(group) == 1:
            keep.append(group.index[0])
        elif group["value"].nunique() == 1:
            problems.append(f"{group['file'].iloc[0]}: lines {lines} repeat one row; kept once")
            keep.append(group.index[0])
        else:
            problems.append(f"{group['file'].iloc[0]}: lines {lines} give different values for the same "
                            "reporter, partner, flow and period; none of them is used")
    return rows.loc[sorted(keep)].reset_index(drop=True)
