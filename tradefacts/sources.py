"""Where documents come from: files, directories and globs of text, JSON Lines, HTML and WARC.

Sources hand out *records*: one document each, as found in the input and not yet
decoded, with the name the fact table cites it by. Decoding, HTML main-text
extraction and the page date are documents.py's job, which runs in the worker
that extracts the facts; so the reading here stays cheap enough for one process
to feed every core.

- `.txt` (and any file named on the command line whose kind is not known): one document.
- `.html`, `.htm`: one page; its main text and date are found by trafilatura.
- `.jsonl`, `.jsonl.gz`: one document per line, `{"text": ...}` with optional `id` or
  `url` (its name in the table), `title` and `published` (an ISO date).
- `.warc`, `.warc.gz`: the HTML responses of a crawl, each named by its target URI.

Anything that cannot be read becomes a `Failure` naming the document and what went
wrong; reading goes on with the next document.
"""
from __future__ import annotations

import glob
import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

DIRECTORY_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")
DEFAULT_MAX_DOCUMENT_MB = 20.0


@dataclass(frozen=True)
class Record:
    doc: str  # the file's name relative to its input root, or the record's id or URL
    source: str  # the full path of the file it came from
    data: bytes | str  # the raw file or record: bytes to decode, or text a JSON line already holds
    format: str  # "text" or "html"
    published: str | None = None  # a publication date the record states (JSON Lines)
    title: str | None = None

    @property
    def size(self) -> int:
        """Bytes of the record (text from JSON Lines counted in UTF-8)."""
        return len(self.data) if isinstance(self.data, bytes) else len(self.data.encode("utf-8", "surrogatepass"))

    @property
    def content_hash(self) -> str:
        """16 hex digits of BLAKE2b over the record's bytes: what --resume recognises a document by."""
        data = self.data.encode("utf-8", "surrogatepass") if isinstance(self.data, str) else self.data
        return hashlib.blake2b(data, digest_size=8).hexdigest()


@dataclass(frozen=True)
class Failure:
    doc: str
    source: str
    stage: str  # read, decode, html, extract, worker
    error: str
    level: str = "error"  # or "warning": the document was read, with a repair

    def as_dict(self) -> dict:
        return {"doc": self.doc, "source": self.source, "stage": self.stage, "level": self.level, "error": self.error}


class InputError(ValueError):
    """An input path that names nothing: no such file, and no file matches it as a glob."""


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in (".jsonl.gz", ".warc.gz"):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def input_files(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """(file, root) for each input: a file as given, every file of a known kind under a directory
    (recursively, sorted), or every match of a glob ("news/**/*.jsonl.gz"). Documents are named
    relative to the root: the directory given, or the file's own folder."""
    found: list[tuple[Path, Path]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend((f, path) for f in sorted(path.rglob("*")) if f.is_file() and _suffix(f) in DIRECTORY_SUFFIXES)
        elif path.exists():
            found.append((path, path.parent))
        elif glob.has_magic(str(raw)):
            matches = sorted(Path(m) for m in glob.glob(str(raw), recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                raise InputError(f"{raw}: no file matches this pattern")
            found.extend((f, _glob_root(str(raw))) for f in files)
        else:
            raise InputError(f"{raw}: no such file or directory")
    return found


def _glob_root(pattern: str) -> Path:
    """The folder a glob starts from: its path up to the first part with a wildcard."""
    parts = Path(pattern).parts
    fixed = parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]
    return Path(*fixed) if fixed else Path(".")


def document_name(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return path.name


def read_records(path: Path, root: Path, max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB) -> Iterator[Record | Failure]:
    """The documents in one input file, as records, and a Failure for each that cannot be read."""
    name, source = document_name(path, root), str(path.resolve())
    limit = int(max_document_mb * 1_000_000)
    kind = _suffix(path)
    try:
        if kind in (".jsonl", ".jsonl.gz"):
            yield from _json_lines(path, name, source, limit)
        elif kind in (".warc", ".warc.gz"):
            yield from _warc(path, name, source, limit)
        else:
            size = path.stat().st_size
            if size > limit:
                yield Failure(name, source, "read", _too_large(size, max_document_mb))
                return
            yield Record(name, source, path.read_bytes(), "html" if kind in (".html", ".htm") else "text")
    except OSError as exc:
        yield Failure(name, source, "read", f"cannot be read: {exc.strerror or exc}")


def _too_large(size: int, max_document_mb: float) -> str:
    return (f"{size / 1e6:.1f} MB is more than the {max_document_mb:g} MB a document may have "
            "(--max-document-mb); no news page is this long")


def _json_lines(path: Path, name: str, source: str, limit: int) -> Iterator[Record | Failure]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            where = f"{name}:{number}"
            if not line.strip():
                continue
            if len(line) > limit:
                yield Failure(where, source, "read", _too_large(len(line), limit / 1e6))
                continue
            try:
                item = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Failure(where, source, "read", f"not a JSON object: {exc}")
                continue
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                yield Failure(where, source, "read", 'a JSON Lines document needs a "text" field holding a string')
                continue
            doc = str(item.get("id") or item.get("url") or where)
            published = item.get("published")
            title = item.get("title")
            yield Record(doc, source, item["text"], "text",
                         str(published) if published else None, str(title) if title else None)


def _starts_like_warc(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as fh:
            return fh.read(5) == b"WARC/"
    except (OSError, EOFError):
        return False


def _warc(path: Path, name: str, source: str, limit: int) -> Iterator[Record | Failure]:
    from warcio.archiveiterator import ArchiveIterator

    if not _starts_like_warc(path):
        yield Failure(name, source, "read", "not a WARC archive: it does not start with a WARC/1.x record")
        return
    with open(path, "rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in content_type:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name}@{record.rec_headers.get_header('WARC-Record-ID')}"
                data = record.content_stream().read(limit + 1)
                if len(data) > limit:
                    yield Failure(uri, source, "read", _too_large(len(data), limit / 1e6))
                    continue
                yield Record(uri, source, data, "html")
        except Exception as exc:  # warcio raises many kinds on a damaged archive; the records before it stand
            yield Failure(name, source, "read", f"the WARC archive is damaged after byte {fh.tell():,}: "
                                                f"{type(exc).__name__}: {exc}")
