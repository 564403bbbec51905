"""The Python API: text or files in, a pandas DataFrame with the fact table's schema out."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import table
from .documents import DocumentError, make_document, read_document
from .facts import Fact, extract_document

log = logging.getLogger("tradefacts")


@dataclass
class Run:
    """What a corpus run read, found and could not read."""

    facts: list[Fact] = field(default_factory=list)
    documents: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_text(text: str, doc: str = "<text>", published: dt.date | str | None = None) -> pd.DataFrame:
    """The facts in one text; `published` resolves "this year" when the text shows no date."""
    document = make_document(text, doc=doc, published=published)
    return table.to_frame(table.to_arrow(extract_document(document)))


def iter_files(paths: Iterable[str | Path]) -> Iterable[tuple[Path, Path]]:
    """(file, root) for every .txt file under the given files and directories, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*.txt") if p.is_file()):
                yield f, path
        else:
            yield path, path.parent


def run_paths(paths: Iterable[str | Path]) -> Run:
    """Read every file; a file that cannot be read or processed is reported and skipped."""
    run = Run()
    for path, root in iter_files(paths):
        try:
            document = read_document(path, root)
            run.warnings.extend(document.warnings)
            run.facts.extend(extract_document(document))
            run.documents += 1
        except DocumentError as exc:
            run.errors.append(str(exc))
        except Exception as exc:  # one bad document never takes the corpus down
            log.exception("failed on %s", path)
            run.errors.append(f"{path}: {type(exc).__name__}: {exc}")
    return run


def extract_paths(paths: Iterable[str | Path]) -> pd.DataFrame:
    """The facts in files and directories (.txt files, recursively)."""
    return table.to_frame(table.to_arrow(run_paths(paths).facts))


def read_facts(path: str | Path) -> pd.DataFrame:
    return table.read(path)
