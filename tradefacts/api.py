"""The Python API: text or files in, a pandas DataFrame with the fact table's schema out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import table
from .corpus import extract_all, records
from .documents import make_document
from .linker import Fact, extract_document
from .sources import InputError
from .usd import Rates, read_rates, value_in_usd


@dataclass
class Run:
    """What an in-memory run read, found and could not read."""

    facts: list[Fact] = field(default_factory=list)
    documents: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_text(text: str, doc: str = "<text>", published: dt.date | str | None = None,
                 rates: str | Path | Rates | None = None) -> pd.DataFrame:
    """The facts in one text; `published` resolves "this year" when the text shows no date;
    `rates` (a rates file or `usd.read_rates` of one) values money in USD."""
    document = make_document(text, doc=doc, published=published)
    facts = value_in_usd(extract_document(document), document.text, document.published, _rates(rates))
    return table.to_frame(table.to_arrow(facts))


def _rates(rates: str | Path | Rates | None) -> Rates | None:
    return read_rates(rates) if isinstance(rates, (str, Path)) else rates


def run_paths(paths: Iterable[str | Path], jobs: int = 1, rates: str | Path | Rates | None = None) -> Run:
    """Every document under the paths (files, directories, globs; text, HTML, JSON Lines, WARC),
    its facts held in memory. A path that names nothing and a document that fails are errors of
    the run, which goes on. For corpora, `tradefacts.corpus.run` streams to a file instead."""
    run = Run()
    for path in paths:
        try:
            items = list(records([path]))
        except InputError as exc:
            run.errors.append(str(exc))
            continue
        for outcome in extract_all(items, jobs, _rates(rates)):
            run.documents += 1
            run.facts.extend(outcome.facts)
            for problem in outcome.problems:
                message = f"{problem.doc}: {problem.stage}: {problem.error}"
                (run.errors if problem.level == "error" else run.warnings).append(message)
    return run


def extract_paths(paths: Iterable[str | Path], jobs: int = 1, rates: str | Path | Rates | None = None) -> pd.DataFrame:
    """The facts of every document under the paths, as a DataFrame."""
    return table.to_frame(table.to_arrow(run_paths(paths, jobs, rates).facts))


def read_facts(path: str | Path) -> pd.DataFrame:
    """A fact table file (.parquet, .csv, .jsonl) or a directory of Parquet parts."""
    return table.read(path)
