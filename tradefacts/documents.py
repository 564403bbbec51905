"""Documents: a record's text, decoded, with its name, its source and the page's publication date.

Decoding never fails on the bytes: a byte-order mark is dropped and undecodable
bytes become U+FFFD, each with a warning on the document. An HTML page becomes
its main text (trafilatura), the title on the first line, and its offsets count
in that text. The publication date is the record's own, else the HTML page's
metadata, else read from the text by rules/dates.toml.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import rulebook
from .sources import Failure, Record, read_records


@dataclass
class Document:
    doc: str  # the file's name relative to the input root, or the record's id or URL
    source: str  # its full path
    text: str
    published: dt.date | None = None
    published_rule: str | None = None
    date_lines: list[tuple[int, int, str]] = field(default_factory=list)  # every line that is only a date: furniture
    warnings: list[str] = field(default_factory=list)
    doc_hash: str = ""  # what --resume recognises the document by (sources.Record.content_hash)

    def __post_init__(self):
        if not self.doc_hash:
            self.doc_hash = hashlib.blake2b(self.text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


class DocumentError(ValueError):
    """A record that holds no document: a binary file, HTML that cannot be parsed."""


def read_document(path: Path | str, root: Path | str | None = None) -> Document:
    """One text or HTML file as a document (a test and notebook convenience; corpus runs go
    through sources.read_records)."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    for item in read_records(path, root):
        if isinstance(item, Failure):
            raise DocumentError(f"{item.source}: {item.error}")
        try:
            return document_from_record(item)
        except DocumentError as exc:
            raise DocumentError(f"{item.source}: {exc}") from None
    raise DocumentError(f"{path}: holds no document")


def document_from_record(record: Record) -> Document:
    """The Document a record holds. Raises DocumentError for one that holds none."""
    warnings: list[str] = []
    if isinstance(record.data, bytes):
        text = decode(record.data, warnings)
    else:
        text = record.data
    published = _given_date(record.published, warnings)
    if record.format == "html":
        text, page_date = _main_text(text, warnings)
        published = published or page_date
    elif record.title and not text.lstrip().startswith(record.title.strip()):
        text = f"{record.title.strip()}\n\n{text}"
    document = make_document(text, doc=record.doc, source=record.source, published=published, warnings=warnings)
    document.doc_hash = record.content_hash
    return document


# a text document is words; more than this share of control characters is a binary file
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
BINARY_SHARE = 0.10


def decode(data: bytes, warnings: list[str]) -> str:
    """UTF-8 text from bytes: a BOM dropped, bad bytes replaced, each with a warning; a binary
    file (NUL bytes and control characters in many places) is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append("a UTF-8 byte-order mark was dropped")
    for bom, codec, high_bytes in ((b"\xff\xfe", "utf-16-le", data[3:4096:2]), (b"\xfe\xff", "utf-16-be", data[2:4096:2])):
        # UTF-16 is told by its byte-order mark and by the zero high byte of most Latin letters
        if data.startswith(bom) and high_bytes.count(0) > 0.5 * len(high_bytes):
            warnings.append(f"read as {codec.upper()} (it starts with that byte-order mark)")
            return data[2:].decode(codec, errors="replace")
    sample = data[:65536]
    if sample and sum(1 for byte in sample if byte in _CONTROL) > BINARY_SHARE * len(sample):
        raise DocumentError(f"a binary file, not text (control bytes in more than "
                            f"{BINARY_SHARE:.0%} of its first {len(sample):,} bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        warnings.append(f"bytes that are not UTF-8 (first at byte {exc.start}) were replaced by U+FFFD")
        return data.decode("utf-8", errors="replace")


def _given_date(value: str | None, warnings: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        warnings.append(f"the publication date {value!r} is not an ISO date; the page's own date is used")
        return None


@functools.cache
def _trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura's own timeout uses signals, which only work in a main thread; our patterns
    # have their own timeouts (tradefacts.patterns), and Dask runs tasks in threads
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _main_text(html: str, warnings: list[str]) -> tuple[str, dt.date | None]:
    """An HTML page's title and main text, and its publication date, by trafilatura."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, with_metadata=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
            config=_trafilatura_config())
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:
        raise DocumentError(f"the HTML cannot be parsed: {type(exc).__name__}: {exc}") from None
    if extracted is None or not (extracted.text or "").strip():
        warnings.append("no main text found in the HTML")
        return "", None
    # trafilatura ends each block with one newline; a paragraph break is a blank line here
    text = extracted.text.replace("\n", "\n\n")
    title = (extracted.title or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text, _given_date(extracted.date, [])


def make_document(text: str, doc: str = "<text>", source: str | None = None,
                  published: dt.date | str | None = None, warnings: list[str] | None = None) -> Document:
    """A Document from a string; the publication date is read from the page unless given."""
    text = text.lstrip("\ufeff") if text.startswith("\ufeff") else text
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    lines = find_date_lines(text)
    rule = "page_date.given"
    if published is None:
        published, rule = find_page_date(text, lines)
    return Document(doc, source or doc, text, published, rule, [(a, b, r) for a, b, r, _ in lines],
                    list(warnings or []))


@functools.cache
def _date_rules():
    rules = rulebook.load("dates")
    months = {k.lower(): int(v) for k, v in rules.settings.get("months", {}).items()}
    return [(rule.id, rule.compile("pattern")) for rule in rules.rules], months


def find_page_date(text: str, lines: list | None = None) -> tuple[dt.date | None, str | None]:
    """The page's own date (rules/dates.toml): the earliest date line on the page, and its rule."""
    lines = find_date_lines(text) if lines is None else lines
    return (lines[0][3], lines[0][2]) if lines else (None, None)


def find_date_lines(text: str) -> list[tuple[int, int, str, dt.date]]:
    """Every date line of the page (rules/dates.toml), in order: (start, end, rule, date). The
    first is the page's own date; all of them are furniture, masked before sentences are read."""
    compiled, months = _date_rules()
    found = []
    for rule_id, pattern in compiled:
        for m in pattern.finditer(text):
            date = _to_date(m, months)
            if date is not None:
                # a dateline ("ASTANA, Jan 5, 2023 -") is masked from its year on: the city may name a country
                start = m.start("year") if rule_id == "page_date.dateline" else m.start()
                found.append((m.start(), (start, m.end(), rule_id, date)))
    return [line for _, line in sorted(found, key=lambda item: item[0])]


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
