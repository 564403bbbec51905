"""Documents: a text file read whole, with its name, its path and the page's publication date.

Reading never fails on the bytes: a byte-order mark is dropped and undecodable
bytes become U+FFFD, each with a warning on the document. The publication date
comes from rules/dates.toml.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import rulebook


@dataclass
class Document:
    doc: str  # the file's name relative to the input root
    source: str  # its full path
    text: str
    published: dt.date | None = None
    published_rule: str | None = None
    published_span: tuple[int, int] | None = None  # where the page shows its date
    warnings: list[str] = field(default_factory=list)


class DocumentError(OSError):
    """A document that cannot be read at all (missing, a directory, no permission)."""


def read_document(path: Path | str, root: Path | str | None = None) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    warnings = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append(f"{path}: a UTF-8 byte-order mark was dropped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        warnings.append(f"{path}: bytes that are not UTF-8 (first at byte {exc.start}) were replaced by U+FFFD")
    try:
        name = str(path.resolve().relative_to(Path(root).resolve())) if root is not None else path.name
    except ValueError:
        name = path.name
    return make_document(text, doc=name, source=str(path.resolve()), warnings=warnings)


def make_document(text: str, doc: str = "<text>", source: str | None = None,
                  published: dt.date | str | None = None, warnings: list[str] | None = None) -> Document:
    """A Document from a string; the publication date is read from the page unless given."""
    text = text.lstrip("\ufeff") if text.startswith("\ufeff") else text
    rule = span = None
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    if published is None:
        published, rule, span = find_page_date_span(text)
    else:
        rule = "page_date.given"
    return Document(doc, source or doc, text, published, rule, span, list(warnings or []))


@functools.cache
def _date_rules():
    rules = rulebook.load("dates")
    months = {k.lower(): int(v) for k, v in rules.settings.get("months", {}).items()}
    return [(rule.id, rule.compile("pattern")) for rule in rules.rules], months


def find_page_date(text: str) -> tuple[dt.date | None, str | None]:
    """The page's own date (rules/dates.toml): the earliest match on the page, and its rule."""
    date, rule, _ = find_page_date_span(text)
    return date, rule


def find_page_date_span(text: str) -> tuple[dt.date | None, str | None, tuple[int, int] | None]:
    """The page's own date, its rule, and the span of the date's words."""
    compiled, months = _date_rules()
    best = None
    for rule_id, pattern in compiled:
        for m in pattern.finditer(text):
            date = _to_date(m, months)
            if date is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), date, rule_id, (m.start("year") if rule_id == "page_date.dateline" else m.start(), m.end()))
                break
    return (best[1], best[2], best[3]) if best else (None, None, None)


def _to_date(m, months: dict[str, int]) -> dt.date | None:
    groups = {k.rstrip("2"): v for k, v in m.groupdict().items() if v}
    try:
        month = groups["month"]
        month = int(month) if month.isdigit() else months.get(month.lower().rstrip("."))
        if month is None:
            return None
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except (KeyError, ValueError):
        return None
