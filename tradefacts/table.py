"""The fact table: its typed schema, and writing it as Parquet, CSV or JSONL, whole or not at all.

Rows are written as they come (Parquet in row groups), into a hidden temporary
file beside the output that is renamed to the output's name only when the
table is complete: an interrupted run never leaves half a table under the
final name. A directory of Parquet files (what the Dask engine writes) reads
as one table.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .linker import Fact

# (name, Arrow type, may be null, what it holds): the descriptions travel in the Parquet file
_COLUMNS = [
    ("doc", pa.string(), False, "the file's name relative to the input root, or the record's id or URL in a JSON Lines or WARC file"),
    ("source", pa.string(), False, "the full path of the file the document came from"),
    ("doc_hash", pa.string(), True, "16 hex digits of BLAKE2b over the document's bytes; what --resume recognises it by"),
    ("article", pa.string(), True, "the title of the article the figure is in (a listing page holds several)"),
    ("published", pa.date32(), True, "the page's publication date, when known"),
    ("kind", pa.dictionary(pa.int8(), pa.string()), False, "money, quantity or change"),
    ("a", pa.dictionary(pa.int16(), pa.string()), False, "ISO 3166-1 alpha-3 of the first country: the exporter, importer or investor"),
    ("b", pa.dictionary(pa.int16(), pa.string()), False, "ISO 3166-1 alpha-3 of the second country: the partner"),
    ("a_name", pa.string(), True, "the first country's name"),
    ("b_name", pa.string(), True, "the second country's name"),
    ("flow", pa.dictionary(pa.int8(), pa.string()), False, "turnover, export, import, investment or deal"),
    ("status", pa.dictionary(pa.int8(), pa.string()), False, "actual, or target for goals, plans and forecasts"),
    ("year", pa.int32(), True, "the calendar year the figure refers to (a fiscal year counts as the year it ends in)"),
    ("period", pa.string(), True, "the span the figure covers: 2023, 2023-01/2023-04"),
    ("value", pa.float64(), False, "the amount in whole units; a change is signed (percent) or a factor"),
    ("unit", pa.string(), False, "ISO 4217 for money; t, m3, bbl, kWh, head for goods; % or x for changes"),
    ("unit_assumed", pa.bool_(), True, "the currency came from a shared symbol or word ($ read as USD, or as CAD in a Canadian report)"),
    ("value_usd", pa.float64(), True, "money in US dollars, where a rate is known (fx_source); null otherwise"),
    ("fx_source", pa.string(), True, "where the rate for value_usd came from"),
    ("approx", pa.string(), False, "exact, approx (about), min (over) or max (up to)"),
    ("confidence", pa.float64(), False, "the chance that the fact is right, 0 to 1, calibrated by cross-validation over the dev set's documents"),
    ("quote", pa.string(), True, "the sentence the figure is in"),
    ("start", pa.int64(), False, "offset of the figure's first character in the document text"),
    ("end", pa.int64(), False, "offset after the figure's last character: text[start:end] is the figure"),
    ("rule", pa.string(), True, "the ids of the rules that produced the row, joined by +"),
]
SCHEMA = pa.schema([pa.field(name, kind, nullable, metadata={"description": about})
                    for name, kind, nullable, about in _COLUMNS])
COLUMNS = [f.name for f in SCHEMA]
FORMATS = (".parquet", ".csv", ".jsonl")


ROW_GROUP = 10_000  # facts per Parquet row group: memory stays flat however long the run
_FACT_FIELDS = [f.name for f in dataclasses.fields(Fact)]


def to_arrow(facts: list[Fact]) -> pa.Table:
    from .reference import country_names

    names = country_names()
    # column by column from the attributes: a fact holds only scalars, so dataclasses.asdict's
    # deep copy of every row would be all cost and no use
    columns = {name: [getattr(f, name) for f in facts] for name in _FACT_FIELDS}
    columns["a_name"] = [names.get(code, code) for code in columns["a"]]
    columns["b_name"] = [names.get(code, code) for code in columns["b"]]
    return pa.Table.from_pydict(columns, schema=SCHEMA)


def to_frame(table: pa.Table) -> pd.DataFrame:
    """A pandas DataFrame with nullable types: categorical codes, Int32 years, dates as datetime64[ms]."""
    frame = table.to_pandas(types_mapper={pa.int32(): pd.Int32Dtype(), pa.bool_(): pd.BooleanDtype()}.get)
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


@functools.cache
def file_metadata() -> dict[bytes, bytes]:
    """What a Parquet file carries beside the columns: the pandas types (so `pd.read_parquet` gives
    categories and a nullable Int32 year), the tradefacts version and the hash of the rule set."""
    from importlib.metadata import PackageNotFoundError, version

    from .rulebook import rule_set_hash

    pandas = pa.Schema.from_pandas(to_frame(SCHEMA.empty_table()), preserve_index=False).metadata[b"pandas"]
    try:
        release = version("tradefacts")
    except PackageNotFoundError:
        release = "unknown"
    return {b"pandas": pandas, b"tradefacts.version": release.encode(), b"tradefacts.rules_sha256": rule_set_hash().encode()}


def check_output(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"{path}: the output must end in {', '.join(FORMATS)}")
    return path


# CSV holds no dictionaries: the categorical columns are written as plain strings
_PLAIN = pa.schema([pa.field(f.name, f.type.value_type if pa.types.is_dictionary(f.type) else f.type, f.nullable)
                    for f in SCHEMA])


def temporary_beside(path: Path, suffix: str = ".partial") -> Path:
    """A new hidden file in the folder of `path`, to be renamed to it when complete; it has
    the permissions a plainly created file gets (mkstemp makes temporary files private)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    return Path(tmp)


@contextlib.contextmanager
def atomic_output(path: Path, suffix: str = ".partial") -> Iterator[Path]:
    """A temporary path to write `path`'s content to: renamed to `path` when the block ends,
    removed if it raises. A reader never sees half a file under the final name."""
    tmp = temporary_beside(path, suffix)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class FactWriter:
    """Writes a fact table row group by row group, by the file's extension; `close` renames the
    finished file into place, `abort` (or an exception inside `with`) removes it."""

    def __init__(self, path: str | Path):
        self.path = check_output(path)
        self.suffix = self.path.suffix.lower()
        self.tmp = temporary_beside(self.path)
        self.rows = 0
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._facts: list[Fact] = []
        if self.suffix == ".parquet":
            self._out = pq.ParquetWriter(self.tmp, SCHEMA.with_metadata(file_metadata()))
        elif self.suffix == ".csv":
            self._out = pa_csv.CSVWriter(str(self.tmp), _PLAIN)
        else:
            self._out = open(self.tmp, "w", encoding="utf-8")

    def write_facts(self, facts: list[Fact]) -> None:
        # kept as facts until a row group is full: one conversion per row group, not per document
        self._facts.extend(facts)
        self._pending_rows += len(facts)
        self.rows += len(facts)
        if self._pending_rows >= ROW_GROUP:
            self._flush()

    def write_table(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        self._convert_facts()  # rows stay in the order they were written
        self._pending.append(table.select(COLUMNS).cast(SCHEMA))
        self._pending_rows += table.num_rows
        self.rows += table.num_rows
        if self._pending_rows >= ROW_GROUP:
            self._flush()

    def _convert_facts(self) -> None:
        if self._facts:
            self._pending.append(to_arrow(self._facts))
            self._facts = []

    def _flush(self) -> None:
        self._convert_facts()
        if not self._pending:
            return
        batch = pa.concat_tables(self._pending).unify_dictionaries()
        self._pending, self._pending_rows = [], 0
        if self.suffix == ".jsonl":
            for row in batch.to_pylist():
                self._out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        elif self.suffix == ".parquet":
            self._out.write_table(batch.replace_schema_metadata(file_metadata()))
        else:
            self._out.write_table(batch.cast(_PLAIN))

    def close(self) -> None:
        try:
            self._flush()
            self._out.close()
        except BaseException:
            self.abort()
            raise
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self._out.close()
        except Exception:  # the file is being thrown away; a second failure adds nothing
            pass
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> "FactWriter":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


def write(table: pa.Table, path: str | Path) -> None:
    """Write a whole table by the file's extension, whole or not at all."""
    with FactWriter(path) as writer:
        writer.write_table(table)


def write_frame(frame: pd.DataFrame, path: str | Path) -> None:
    """Any DataFrame (a comparison, a consolidated table) as Parquet, CSV or JSONL by the
    extension, whole or not at all."""
    path = check_output(path)
    suffix = path.suffix.lower()
    with atomic_output(path) as tmp:
        if suffix == ".parquet":
            frame.to_parquet(tmp, index=False)
        elif suffix == ".csv":
            frame.to_csv(tmp, index=False)
        else:
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False, date_format="iso")


def read_arrow(path: str | Path) -> pa.Table:
    """A fact table written by `FactWriter`, or a directory of Parquet parts, as Arrow."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        table = pq.read_table(path)
    elif suffix == ".parquet":
        table = pq.read_table(path)
    elif suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        table = _from_strings(frame.to_dict("records"))
    elif suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            table = _from_strings([json.loads(line) for line in fh if line.strip()])
    else:
        raise ValueError(f"{path}: a fact table ends in {', '.join(FORMATS)}, or is a directory of Parquet files")
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise ValueError(f"{path}: not a fact table, missing column(s) {', '.join(missing)}")
    return table.select(COLUMNS).cast(SCHEMA)


def read_batches(path: str | Path) -> Iterator[pa.Table]:
    """A fact table in pieces: a Parquet file row group by row group, other formats whole."""
    path = Path(path)
    if path.suffix.lower() == ".parquet" and path.is_file():
        parquet = pq.ParquetFile(path)
        missing = [c for c in COLUMNS if c not in parquet.schema_arrow.names]
        if missing:
            raise ValueError(f"{path}: not a fact table of this version, missing column(s) {', '.join(missing)}")
        for group in range(parquet.num_row_groups):
            yield parquet.read_row_group(group, columns=COLUMNS).cast(SCHEMA)
    else:
        yield read_arrow(path)


def read(path: str | Path) -> pd.DataFrame:
    """A fact table written by `FactWriter` (or a directory of Parquet parts), with the schema's types."""
    return to_frame(read_arrow(path))


def _from_strings(rows: list[dict]) -> pa.Table:
    import datetime as dt

    def cell(field: pa.Field, value):
        if value is None or value == "" or value == "<NA>":
            return None
        if pa.types.is_integer(field.type):
            return int(float(value))
        if pa.types.is_floating(field.type):
            return float(value)
        if pa.types.is_boolean(field.type):
            return value if isinstance(value, bool) else str(value).lower() == "true"
        if pa.types.is_date(field.type):
            return dt.date.fromisoformat(str(value)[:10])
        return str(value)

    fields = [f for f in SCHEMA if f.name in (rows[0] if rows else {})] or list(SCHEMA)
    data = [{f.name: cell(f, r.get(f.name)) for f in fields} for r in rows]
    return pa.Table.from_pylist(data, schema=pa.schema(fields))
