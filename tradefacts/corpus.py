"""Corpus runs: every document of the inputs through the extractor, on every core here or on a
Dask cluster, the facts streamed into the table and every failure into the errors file.

One function does the work wherever it runs: `extract_item` takes a record (or the failure
to read one) and returns an `Outcome`, the document's facts and problems. The local engine
maps it over the records in worker processes, a bounded number in flight so that memory
stays flat, and writes outcomes in input order, so `--jobs 4` writes the rows `--jobs 1`
does. The Dask engine maps it over partitions of the input files, each task writing one
Parquet part.

A document that fails (unreadable, binary, a rule that raises, a pattern past its timeout,
a worker process that dies under it) becomes a line of the errors file and the run goes
on. The output appears under its name only when complete (table.FactWriter); `resume`
keeps the rows of an existing output and skips the documents they came from.
"""
from __future__ import annotations

import functools
import json
import logging
import multiprocessing
import os
import shutil
import time
import uuid
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import patterns, table
from .documents import DocumentError, document_from_record, make_document
from .linker import Fact, extract_document
from .sources import DEFAULT_MAX_DOCUMENT_MB, Failure, Record, input_files, read_records
from .usd import Rates, value_in_usd

log = logging.getLogger("tradefacts")
IN_FLIGHT_PER_WORKER = 4  # documents queued per worker process: enough to keep it busy, few enough to keep memory flat


@dataclass
class Outcome:
    """What one document gave: its facts, and its error or warnings."""

    doc: str
    source: str
    doc_hash: str | None
    size: int
    facts: list[Fact] = field(default_factory=list)
    problems: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.level == "error" for p in self.problems)


def extract_item(item: Record | Failure, rates: Rates | None = None, min_confidence: float = 0.0) -> Outcome:
    """The facts of one record of at least `min_confidence`, money valued in USD where a rate is
    known (on the page, or in `rates`); whatever goes wrong is the outcome's problem, never an
    exception."""
    if isinstance(item, Failure):
        return Outcome(item.doc, item.source, None, 0, problems=[item])
    outcome = Outcome(item.doc, item.source, item.content_hash, item.size)
    stage = "read"
    try:
        document = document_from_record(item)
        outcome.problems.extend(Failure(item.doc, item.source, "read", w, "warning") for w in document.warnings)
        stage = "extract"
        facts = [f for f in extract_document(document) if f.confidence >= min_confidence]
        outcome.facts = value_in_usd(facts, document.text, document.published, rates)
    except DocumentError as exc:
        outcome.problems.append(Failure(item.doc, item.source, stage, str(exc)))
    except TimeoutError:
        outcome.problems.append(Failure(item.doc, item.source, stage,
                                        f"a pattern ran past its {patterns.TIMEOUT:g} s timeout (TRADEFACTS_REGEX_TIMEOUT)"))
    except RecursionError:
        outcome.problems.append(Failure(item.doc, item.source, stage, "nested too deeply to read (RecursionError)"))
    except Exception as exc:  # one bad document never takes the corpus down
        log.debug("failed on %s", item.doc, exc_info=True)
        outcome.problems.append(Failure(item.doc, item.source, stage, f"{type(exc).__name__}: {exc}"))
    return outcome


def records(paths: Iterable[str | Path], max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB) -> Iterator[Record | Failure]:
    """Every record of the inputs, in order (sources.input_files raises InputError for a path
    that names nothing)."""
    for path, root in input_files(paths):
        yield from read_records(path, root, max_document_mb)


def extract_all(items: Iterable[Record | Failure], jobs: int = 1, rates: Rates | None = None,
                min_confidence: float = 0.0) -> Iterator[Outcome]:
    """Outcomes in the order of the items, computed here (jobs=1) or in `jobs` worker processes."""
    work = functools.partial(extract_item, rates=rates, min_confidence=min_confidence)
    if jobs <= 1:
        return map(work, items)
    return _in_processes(items, jobs, work)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _pool(jobs: int) -> ProcessPoolExecutor:
    if "fork" in multiprocessing.get_all_start_methods():
        # forked workers share the rules compiled here once, instead of each compiling its own
        extract_document(make_document("Trade between Kazakhstan and China reached $5 billion in 2023."))
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(max_workers=jobs)


def _in_processes(items: Iterable[Record | Failure], jobs: int, work: Callable[[Record | Failure], Outcome]) -> Iterator[Outcome]:
    source = iter(items)
    window = jobs * IN_FLIGHT_PER_WORKER
    pool = _pool(jobs)
    pending: deque = deque()
    try:
        while True:
            while len(pending) < window:
                item = next(source, None)
                if item is None:
                    break
                pending.append((item, pool.submit(work, item)))
            if not pending:
                return
            item, future = pending.popleft()
            try:
                outcome = future.result()
            except BrokenProcessPool:
                # a worker died (killed, out of memory, a crash in C): find the document that did
                # it by running the ones in flight again, each alone, in a fresh pool
                pool.shutdown(wait=False, cancel_futures=True)
                retried = [item] + [i for i, _ in pending]
                pending.clear()
                outcomes = []
                for again in retried:
                    pool = _pool(1)
                    try:
                        outcomes.append(pool.submit(work, again).result())
                    except BrokenProcessPool:
                        outcomes.append(_died(again))
                    finally:
                        pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(jobs)
                yield from outcomes
                continue
            yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _died(item: Record | Failure) -> Outcome:
    failure = Failure(item.doc, item.source, "worker", "the worker process died while extracting this document")
    return Outcome(item.doc, item.source, getattr(item, "content_hash", None), getattr(item, "size", 0), problems=[failure])


@dataclass
class Summary:
    """What a run read, found and could not read."""

    documents: int = 0  # documents tried, failed ones included
    failed: int = 0
    skipped: int = 0  # already in the output (--resume)
    facts: int = 0
    warnings: int = 0
    bytes: int = 0
    seconds: float = 0.0
    output: Path | None = None
    errors_file: Path | None = None

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        self.failed += outcome.failed
        self.warnings += sum(p.level == "warning" for p in outcome.problems)
        self.facts += len(outcome.facts)
        self.bytes += outcome.size

    def merge(self, part: "Summary") -> None:
        """Count in what a part of the run (a Dask task) read."""
        for name in ("documents", "failed", "skipped", "facts", "warnings", "bytes"):
            setattr(self, name, getattr(self, name) + getattr(part, name))


def _not_done(items: Iterable[Record | Failure], done: set[str] | frozenset[str], summary: Summary):
    """The items whose documents the output does not hold yet (--resume), counting the others."""
    for item in items:
        if isinstance(item, Record) and item.content_hash in done:
            summary.skipped += 1
            continue
        yield item


def errors_file_for(output: Path) -> Path:
    """facts.parquet -> facts.errors.jsonl, beside it; a dataset directory facts/ -> facts.errors.jsonl."""
    name = output.name[: -len(output.suffix)] if output.suffix else output.name
    return output.parent / f"{name}.errors.jsonl"


class ErrorLog:
    """The errors file: one JSON object per problem (doc, source, stage, level, error), written
    whole or not at all, like the table."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = table.temporary_beside(path)
        self._out = open(self.tmp, "w", encoding="utf-8")

    def write(self, problems: Iterable[Failure]) -> None:
        for problem in problems:
            self._out.write(json.dumps(problem.as_dict(), ensure_ascii=False) + "\n")

    def __enter__(self) -> "ErrorLog":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self._out.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def existing_hashes(output: Path) -> set[str]:
    """The documents an existing output already holds, by content hash."""
    frame = table.read_arrow(output).column("doc_hash").to_pylist()
    return {h for h in frame if h}


Progress = Callable[[Summary], None]


def run(paths: Iterable[str | Path], output: str | Path, jobs: int | None = None, resume: bool = False,
        max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB, progress: Progress | None = None,
        rates: Rates | None = None, min_confidence: float = 0.0) -> Summary:
    """Extract every document under `paths` into `output` (.parquet, .csv or .jsonl) on this
    machine, with the errors file beside it. Raises InputError before writing anything if an
    input names nothing."""
    output = table.check_output(output)
    files = input_files(paths)
    jobs = jobs or default_jobs()
    summary = Summary(output=output, errors_file=errors_file_for(output))
    started = time.perf_counter()
    done = existing_hashes(output) if resume and output.exists() else set()
    with table.FactWriter(output) as writer, ErrorLog(summary.errors_file) as errors:
        if done:
            for batch in table.read_batches(output):
                writer.write_table(batch)
        items = _not_done((item for path, root in files for item in read_records(path, root, max_document_mb)),
                          done, summary)
        for outcome in extract_all(items, jobs, rates, min_confidence):
            writer.write_facts(outcome.facts)
            errors.write(outcome.problems)
            summary.add(outcome)
            summary.seconds = time.perf_counter() - started
            if progress:
                progress(summary)
    summary.seconds = time.perf_counter() - started
    return summary


# -- the Dask engine -----------------------------------------------------------------------


def extract_part(index: int, files: list[tuple[str, str]], directory: str, max_document_mb: float,
                 skip: frozenset[str] = frozenset(), rates: Rates | None = None,
                 min_confidence: float = 0.0) -> tuple[Summary, list[Failure]]:
    """A Dask task: the documents of some input files into `directory/part-INDEX.parquet`; what
    it read, and the problems for the errors file."""
    part = Summary()
    problems: list[Failure] = []
    items = (item for path, root in files for item in read_records(Path(path), Path(root), max_document_mb))
    with table.FactWriter(Path(directory) / f"part-{index:05d}.parquet") as writer:
        work = functools.partial(extract_item, rates=rates, min_confidence=min_confidence)
        for outcome in map(work, _not_done(items, skip, part)):
            writer.write_facts(outcome.facts)
            problems.extend(outcome.problems)
            part.add(outcome)
    return part, problems


def partition(files: list[tuple[Path, Path]], parts: int) -> list[list[tuple[str, str]]]:
    """The files in `parts` groups of about equal size, in input order within each group."""
    sizes = []
    for path, _ in files:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes) or 1
    groups: list[list[tuple[str, str]]] = [[]]
    filled = 0
    for (path, root), size in zip(files, sizes):
        if groups[-1] and filled >= total * len(groups) / parts and len(groups) < parts:
            groups.append([])
        groups[-1].append((str(path), str(root)))
        filled += size
    return groups


def run_dask(paths: Iterable[str | Path], output: str | Path, scheduler: str | None = None, jobs: int | None = None,
             partitions: int | None = None, resume: bool = False, max_document_mb: float = DEFAULT_MAX_DOCUMENT_MB,
             progress: Progress | None = None, rates: Rates | None = None, min_confidence: float = 0.0) -> Summary:
    """Extract on a Dask cluster (at `scheduler`, else a local cluster of `jobs` worker
    processes) into `output`, a directory of Parquet parts, one per partition of the inputs.
    The workers must see the input files and the output directory at the same paths."""
    from dask.distributed import Client, LocalCluster, as_completed

    logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO lines would drown the run's own

    output = Path(output)
    if output.exists() and not output.is_dir():
        raise ValueError(f"{output}: the Dask engine writes a directory of Parquet parts; this is a file")
    files = input_files(paths)
    summary = Summary(output=output, errors_file=errors_file_for(output))
    started = time.perf_counter()
    done = frozenset(existing_hashes(output)) if resume and output.is_dir() and any(output.glob("*.parquet")) else frozenset()
    staging = output.parent / f".{output.name}.partial-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        with client, ErrorLog(summary.errors_file) as errors:
            workers = max(1, len(client.scheduler_info()["workers"]))
            groups = partition(files, partitions or workers * 4) if files else []
            # a set handed to scatter would be scattered element by element; in a list it travels whole
            skip = client.scatter([done], broadcast=True)[0] if done else frozenset()
            first = _next_part_index(output) if done else 0
            futures = [client.submit(extract_part, first + i, group, str(staging), max_document_mb, skip, rates,
                                     min_confidence, pure=False)
                       for i, group in enumerate(groups)]
            for _, (part, problems) in as_completed(futures, with_results=True):
                summary.merge(part)
                errors.write(problems)
                summary.seconds = time.perf_counter() - started
                if progress:
                    progress(summary)
        _publish(staging, output, keep_existing=bool(done))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _next_part_index(directory: Path) -> int:
    indices = [int(p.stem.split("-")[-1]) for p in directory.glob("part-*.parquet") if p.stem.split("-")[-1].isdigit()]
    return max(indices, default=-1) + 1


def _publish(staging: Path, output: Path, keep_existing: bool) -> None:
    """Move the finished parts under the output's name: beside the parts already there (resume),
    or in place of an earlier output."""
    if keep_existing:
        for part in sorted(staging.glob("*.parquet")):
            os.replace(part, output / part.name)
        shutil.rmtree(staging)
        return
    if output.exists():
        retired = output.parent / f".{output.name}.old-{uuid.uuid4().hex[:8]}"
        os.replace(output, retired)
        os.replace(staging, output)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, output)
