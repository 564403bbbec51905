"""The fact table: typed schema, the three formats, whole-or-nothing writes."""
import pandas as pd
import pyarrow.parquet as pq
import pytest

from tradefacts import extract_text, read_facts, table
from tradefacts.api import run_paths

TEXT = ("Trade between Kazakhstan and Mongolia reached $150 million in 2023. "
        "Kazakhstan and Mongolia plan to raise it to $500 million.")


@pytest.fixture
def facts():
    from tradefacts.documents import make_document
    from tradefacts.linker import extract_document

    found = extract_document(make_document(TEXT, doc="km.txt"))
    assert len(found) == 2
    return found


def test_schema_types(facts, tmp_path):
    path = tmp_path / "f.parquet"
    table.write(table.to_arrow(facts), path)
    schema = pq.read_schema(path)
    assert str(schema.field("year").type) == "int32" and schema.field("year").nullable
    assert str(schema.field("published").type) == "date32[day]"
    assert str(schema.field("value").type) == "double"
    assert schema.names == table.COLUMNS


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_round_trip(facts, tmp_path, suffix):
    path = tmp_path / f"facts{suffix}"
    table.write(table.to_arrow(facts), path)
    frame = read_facts(path)
    assert list(frame.columns) == table.COLUMNS
    assert list(frame["value"]) == [150e6, 500e6]
    assert str(frame["year"].dtype) == "Int32"
    assert frame["year"].iloc[0] == 2023 and pd.isna(frame["year"].iloc[1])
    assert list(frame["a_name"]) == ["Kazakhstan", "Kazakhstan"]


@pytest.mark.parametrize("suffix", table.FORMATS)
def test_failed_write_leaves_nothing(facts, tmp_path, suffix):
    path = tmp_path / f"facts{suffix}"
    with pytest.raises(OSError, match="disk full"):
        with table.FactWriter(path) as writer:
            writer.write_facts(facts)
            raise OSError("disk full")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", table.FORMATS)
def test_the_table_appears_only_when_complete(facts, tmp_path, suffix, monkeypatch):
    monkeypatch.setattr(table, "ROW_GROUP", 1)  # every batch goes to disk at once
    path = tmp_path / f"facts{suffix}"
    writer = table.FactWriter(path)
    writer.write_facts(facts)
    writer.write_facts(facts)
    assert not path.exists() and len(list(tmp_path.iterdir())) == 1
    writer.close()
    assert list(tmp_path.iterdir()) == [path]
    assert len(table.read(path)) == 2 * len(facts)


def test_unknown_extension_is_refused(facts, tmp_path):
    with pytest.raises(ValueError, match="must end in"):
        table.write(table.to_arrow(facts), tmp_path / "facts.xlsx")


def test_extract_text_returns_the_schema():
    frame = extract_text(TEXT)
    assert list(frame.columns) == table.COLUMNS and len(frame) == 2


def test_a_bad_file_does_not_stop_the_run(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").mkdir()  # a directory where a file is expected
    (tmp_path / "bad.txt" / "inner.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x01 Trade between Kazakhstan and Mongolia reached $1 million.")
    run = run_paths([tmp_path, tmp_path / "missing.txt"])
    assert run.documents == 3
    assert len(run.errors) == 1 and "missing.txt" in run.errors[0]
    assert {f.doc for f in run.facts} >= {"good.txt", "bad.txt/inner.txt"}


def test_parquet_carries_types_descriptions_version_and_rule_hash(facts, tmp_path):
    import pyarrow.parquet as pq

    from tradefacts.rulebook import rule_set_hash

    path = tmp_path / "facts.parquet"
    table.write(table.to_arrow(facts), path)
    frame = pd.read_parquet(path)
    assert {c: str(frame[c].dtype) for c in ("kind", "a", "b", "flow", "status", "year")} == {
        "kind": "category", "a": "category", "b": "category", "flow": "category", "status": "category", "year": "Int32"}
    assert pd.isna(frame["year"].iloc[1]) and frame["year"].iloc[0] == 2023
    schema = pq.read_schema(path)
    assert schema.field("value_usd").metadata[b"description"].startswith(b"money in US dollars")
    assert schema.metadata[b"tradefacts.rules_sha256"].decode() == rule_set_hash() and len(rule_set_hash()) == 64
    assert schema.metadata[b"tradefacts.version"]
