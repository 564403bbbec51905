"""Corpus runs: workers give the rows one process gives, bad documents never stop a run, output
is whole or absent, --resume, and the Dask engine."""
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from tradefacts import corpus, table
from tradefacts.cli import main
from tradefacts.sources import InputError

from conftest import ROOT, SHARED

DEMO = ROOT / "datasets" / "demo"
_real_extract_item = corpus.extract_item
DEV_DOCS = SHARED / "eval" / "dev" / "docs"
GOOD = {
    "kz_mn.txt": "Trade between Kazakhstan and Mongolia reached $150 million in 2023.",
    "kg_ru.txt": "Kyrgyz exports to Russia reached $1.2 billion in 2022.",
    "uz_cn.txt": "Uzbekistan and China signed agreements worth $5 billion in 2024.",
}


def corpus_inputs():
    return [DEMO] + ([DEV_DOCS] if DEV_DOCS.is_dir() else [])


def rows(path):
    frame = table.read(path).drop(columns=["source"])
    return frame.sort_values(["doc", "start", "end", "kind", "flow", "a", "b"]).reset_index(drop=True)


def write_good(directory):
    directory.mkdir(exist_ok=True)
    for name, text in GOOD.items():
        (directory / name).write_text(text, encoding="utf-8")


def errors_of(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_jobs_give_the_rows_one_process_gives(tmp_path):
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    s1 = corpus.run(corpus_inputs(), one, jobs=1)
    s2 = corpus.run(corpus_inputs(), two, jobs=2)
    assert s1.facts == s2.facts > 10 and s1.documents == s2.documents
    pd.testing.assert_frame_equal(table.read(one), table.read(two))  # in the same order, too


def test_bad_documents_are_recorded_and_the_run_goes_on(tmp_path):
    docs = tmp_path / "docs"
    write_good(docs)
    (docs / "b_binary.txt").write_bytes(bytes(range(256)) * 64)
    (docs / "c_latin1.txt").write_bytes("Kazakh exports to China reached \xa35 million in 2021.".encode("latin-1"))
    (docs / "d_huge.txt").write_bytes(b"1," * 1_500_000)  # one 3 MB line
    (docs / "e_empty.txt").write_bytes(b"")
    (docs / "f_nul.txt").write_bytes(b"Trade\x00 between Kazakhstan\x00 and Mongolia reached $7 million in 2020.")
    (docs / "g_deep.html").write_bytes(b"<html><body>" + b"<div>" * 100_000 + b"<p>Trade grew.</p>" + b"</div>" * 100_000)
    out = tmp_path / "facts.parquet"
    result = CliRunner().invoke(main, ["extract", str(docs), "-o", str(out), "--jobs", "2", "--max-document-mb", "2"])
    assert result.exit_code == 1, result.output
    frame = table.read(out)
    assert set(GOOD) <= set(frame["doc"])
    assert len(frame[frame["doc"].isin(GOOD)]) == 3
    problems = {(p["doc"], p["level"]) for p in errors_of(tmp_path / "facts.errors.jsonl")}
    assert ("b_binary.txt", "error") in problems and ("d_huge.txt", "error") in problems
    assert ("c_latin1.txt", "warning") in problems
    assert ("g_deep.html", "warning") in problems  # nested past what the HTML parser follows: no main text
    assert not any(doc in GOOD for doc, _ in problems)
    assert "2 errors" in result.output


def test_a_pattern_past_its_timeout_fails_only_its_document(tmp_path):
    docs = tmp_path / "docs"
    write_good(docs)
    # a long page: the scans over its whole text take longer than the tiny limit set below,
    # while each scan of the short pages stays well within it
    (docs / "long_page.txt").write_text("Trade between Kazakhstan and Mongolia grew. " * 200_000, encoding="utf-8")
    out = tmp_path / "facts.parquet"
    env = dict(os.environ, TRADEFACTS_REGEX_TIMEOUT="0.05")
    result = subprocess.run([sys.executable, "-m", "tradefacts", "extract", str(docs), "-o", str(out), "-j", "2"],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 1, result.stderr
    [problem] = [p for p in errors_of(tmp_path / "facts.errors.jsonl") if p["level"] == "error"]
    assert problem["doc"] == "long_page.txt" and "timeout" in problem["error"]
    assert set(table.read(out)["doc"]) == set(GOOD)


def crash_on_poison(item, rates=None, min_confidence=0.0):
    if item.doc == "poison.txt":
        os._exit(3)  # what an out-of-memory kill or a crash in C looks like from outside
    return _real_extract_item(item, rates, min_confidence)


def test_a_worker_that_dies_fails_only_its_document(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_good(docs)
    (docs / "poison.txt").write_text("Trade between Kazakhstan and Mongolia reached $1 million.", encoding="utf-8")
    monkeypatch.setattr(corpus, "extract_item", crash_on_poison)  # forked workers inherit the patch
    out = tmp_path / "facts.parquet"
    summary = corpus.run([docs], out, jobs=2)
    assert summary.failed == 1 and summary.documents == 4
    [problem] = errors_of(summary.errors_file)
    assert problem["doc"] == "poison.txt" and problem["stage"] == "worker"
    assert set(table.read(out)["doc"]) == set(GOOD)


def test_resume_skips_what_the_output_holds(tmp_path):
    docs = tmp_path / "docs"
    write_good(docs)
    out = tmp_path / "facts.parquet"
    first = corpus.run([docs], out, jobs=1)
    (docs / "later.txt").write_text("Kazakh exports to Mongolia reached $20 million in 2023.", encoding="utf-8")
    second = corpus.run([docs], out, jobs=1, resume=True)
    assert (first.documents, second.documents, second.skipped) == (3, 1, 3)
    frame = table.read(out)
    assert sorted(frame["doc"]) == sorted([*GOOD, "later.txt"])
    assert second.facts == 1 and len(frame) == first.facts + 1


def interrupt_on_second(item, rates=None, min_confidence=0.0):
    if item.doc == "kz_mn.txt":
        raise KeyboardInterrupt
    return _real_extract_item(item, rates, min_confidence)


@pytest.mark.parametrize("suffix", table.FORMATS)
def test_an_interrupted_run_leaves_the_earlier_output_as_it_was(tmp_path, monkeypatch, suffix):
    docs = tmp_path / "docs"
    write_good(docs)
    out = tmp_path / f"facts{suffix}"
    corpus.run([docs / "uz_cn.txt"], out, jobs=1)
    before = out.read_bytes()
    monkeypatch.setattr(corpus, "extract_item", interrupt_on_second)
    with pytest.raises(KeyboardInterrupt):
        corpus.run([docs], out, jobs=1)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["docs", out.name, "facts.errors.jsonl"])


def test_inputs_that_name_nothing_stop_the_run_before_it_writes(tmp_path):
    out = tmp_path / "facts.parquet"
    with pytest.raises(InputError):
        corpus.run([tmp_path / "nothing-here"], out)
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "*.jsonl"), "-o", str(out)])
    assert result.exit_code == 2 and "no file matches" in result.output
    assert not out.exists()


def test_a_clean_run_exits_zero(tmp_path):
    docs = tmp_path / "docs"
    write_good(docs)
    result = CliRunner().invoke(main, ["extract", str(docs / "*.txt"), "-o", str(tmp_path / "f.jsonl"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "3 documents read" in result.output and "3 facts found" in result.output


def test_dask_writes_the_rows_of_the_local_engine(tmp_path):
    pytest.importorskip("dask.distributed")
    local, parts = tmp_path / "local.parquet", tmp_path / "parts"
    corpus.run(corpus_inputs(), local, jobs=1)
    summary = corpus.run_dask(corpus_inputs(), parts, jobs=2, partitions=3)
    assert sorted(p.name for p in parts.iterdir()) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert summary.documents == corpus.run(corpus_inputs(), tmp_path / "again.parquet", jobs=1).documents
    pd.testing.assert_frame_equal(rows(local), rows(parts))
    # --resume adds parts for new documents only
    extra = tmp_path / "extra"
    write_good(extra)
    again = corpus.run_dask(corpus_inputs() + [extra], parts, jobs=2, resume=True)
    with_facts = table.read(local)["doc"].nunique()
    assert again.skipped == with_facts and again.documents == summary.documents - with_facts + 3
    assert again.facts == 3 and len(table.read(parts)) == len(rows(local)) + 3


def test_a_terminal_gets_a_progress_bar_and_quiet_turns_it_off(tmp_path, monkeypatch):
    import io

    from rich.console import Console

    from tradefacts import cli

    docs = tmp_path / "docs"
    write_good(docs)
    for quiet, expected in (([], True), (["--quiet"], False)):
        screen = io.StringIO()
        monkeypatch.setattr(cli, "errors", Console(file=screen, force_terminal=True, width=150))
        out = tmp_path / f"facts{len(quiet)}.parquet"
        result = CliRunner().invoke(main, ["extract", str(docs), "-o", str(out), "-j", "1", *quiet])
        assert result.exit_code == 0, result.output
        shown = screen.getvalue()
        assert ("3 documents" in shown and "facts" in shown and "MB/s" in shown) is expected, shown
