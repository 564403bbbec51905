"""The fact table: its typed schema, and writing it as Parquet, CSV or JSONL, whole or not at all."""
from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .facts import Fact

SCHEMA = pa.schema([
    pa.field("doc", pa.string(), nullable=False),
    pa.field("source", pa.string(), nullable=False),
    pa.field("article", pa.string()),
    pa.field("published", pa.date32()),
    pa.field("kind", pa.string(), nullable=False),
    pa.field("a", pa.string(), nullable=False),
    pa.field("b", pa.string(), nullable=False),
    pa.field("a_name", pa.string()),
    pa.field("b_name", pa.string()),
    pa.field("flow", pa.string(), nullable=False),
    pa.field("status", pa.string(), nullable=False),
    pa.field("year", pa.int32()),
    pa.field("period", pa.string()),
    pa.field("value", pa.float64(), nullable=False),
    pa.field("unit", pa.string(), nullable=False),
    pa.field("unit_assumed", pa.bool_()),
    pa.field("approx", pa.string(), nullable=False),
    pa.field("quote", pa.string()),
    pa.field("start", pa.int64(), nullable=False),
    pa.field("end", pa.int64(), nullable=False),
    pa.field("rule", pa.string()),
])
COLUMNS = [f.name for f in SCHEMA]
FORMATS = (".parquet", ".csv", ".jsonl")


def to_arrow(facts: list[Fact]) -> pa.Table:
    from .reference import country_names

    names = country_names()
    rows = []
    for f in facts:
        row = dataclasses.asdict(f)
        row["a_name"], row["b_name"] = names.get(f.a, f.a), names.get(f.b, f.b)
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def to_frame(table: pa.Table) -> pd.DataFrame:
    """A pandas DataFrame with nullable types: Int32 years, dates as datetime64[ms]."""
    frame = table.to_pandas(types_mapper={pa.int32(): pd.Int32Dtype(), pa.bool_(): pd.BooleanDtype()}.get)
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def write(table: pa.Table, path: str | Path) -> None:
    """Write the table by the file's extension. A temporary file is renamed into place, so the
    output is whole or absent, never half-written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: the output must end in {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        if suffix == ".parquet":
            pq.write_table(table, tmp)
        elif suffix == ".csv":
            to_frame(table).to_csv(tmp, index=False)
        else:
            with open(tmp, "w", encoding="utf-8") as fh:
                for row in table.to_pylist():
                    fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(path: str | Path) -> pd.DataFrame:
    """A fact table written by `write`, with the schema's types."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        table = pq.read_table(path)
    elif suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        table = _from_strings(frame.to_dict("records"))
    elif suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            table = _from_strings([json.loads(line) for line in fh if line.strip()])
    else:
        raise ValueError(f"{path}: a fact table ends in {', '.join(FORMATS)}")
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise ValueError(f"{path}: not a fact table, missing column(s) {', '.join(missing)}")
    return to_frame(table.select(COLUMNS).cast(SCHEMA))


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
