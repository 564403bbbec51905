"""Consolidation: one row per figure stated in several documents; disagreeing sources flagged."""
import pytest
from click.testing import CliRunner

from tradefacts import consolidate, corpus, extract_paths
from tradefacts import cli
from tradefacts.cli import main

from conftest import DEV, needs

PAGES = {
    "a.txt": "Trade between Kazakhstan and Mongolia reached $150 million in 2023.",
    "b.txt": "Trade turnover between Mongolia and Kazakhstan amounted to $150.4 million in 2023.",
    "c.txt": "Trade between Kazakhstan and Mongolia was $140 million in 2023.",
    # one page giving the parts of a total: no conflict with itself
    "d.txt": "In 2023 Kazakh exports to Uzbekistan reached $5 million, and Kazakh exports to Uzbekistan of flour "
             "reached $7 million.",
    # the same value with no year or period: nothing says it is about the same time
    "e.txt": "Kyrgyz exports to Russia reached $3 million.",
    "f.txt": "Kyrgyz exports to Russia reached $4 million.",
}


@pytest.fixture
def facts(tmp_path):
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return extract_paths([tmp_path])


def rows_of(frame, a, b):
    return frame[((frame["a"] == a) & (frame["b"] == b)) | ((frame["a"] == b) & (frame["b"] == a))]


def test_agreeing_statements_merge_and_disagreeing_ones_are_flagged(facts):
    merged = consolidate(facts)
    kaz_mng = rows_of(merged, "KAZ", "MNG").sort_values("value")
    assert [(r.value, r.sources, r.conflict) for r in kaz_mng.itertuples()] == [
        (140e6, ["c.txt"], True),
        (pytest.approx(150.2e6), ["a.txt", "b.txt"], True),
    ]
    assert set(kaz_mng["value_min"]) == {140e6} and set(kaz_mng["group_sources"]) == {3}
    assert kaz_mng["value_max"].iloc[0] == pytest.approx(150.2e6)
    assert not rows_of(merged, "KAZ", "UZB")["conflict"].any()
    assert len(rows_of(merged, "KAZ", "UZB")) == 2
    undated = rows_of(merged, "KGZ", "RUS")
    assert len(undated) == 2 and not undated["conflict"].any()


def test_the_pair_table_shows_sources_and_disagreement(tmp_path, facts, monkeypatch):
    monkeypatch.setattr(cli.console, "width", 250)  # one cell, one line
    out = tmp_path / "facts.parquet"
    corpus.run([tmp_path / name for name in PAGES], out, jobs=1)
    result = CliRunner().invoke(main, ["pairs", str(out), "--pair", "KAZ-MNG", "--consolidated"])
    assert result.exit_code == 0, result.output
    assert "(2 sources)" in result.output and "sources disagree: 140 m USD to 150.2 m USD" in result.output


def test_an_empty_table_consolidates_to_an_empty_table(facts):
    assert consolidate(facts.iloc[0:0]).empty


@needs(DEV)
def test_the_article_two_listing_pages_carry_is_one_row_per_figure():
    merged = consolidate(extract_paths(sorted((DEV / "docs").glob("00[01]_*.txt"))))
    kaz_mng = rows_of(merged, "KAZ", "MNG")
    assert len(kaz_mng) >= 6
    assert all(len(sources) == 2 and sources[0].startswith("000_") and sources[1].startswith("001_")
               for sources in kaz_mng["sources"])
    assert set(kaz_mng[kaz_mng["status"] == "actual"]["year"]) >= {2017, 2018, 2019, 2020, 2021, 2023}


def test_a_figure_without_a_period_shows_none_in_the_consolidated_table(tmp_path, monkeypatch):
    monkeypatch.setattr(cli.console, "width", 250)
    (tmp_path / "a.txt").write_text("Kyrgyz exports to Russia reached $3 million.", encoding="utf-8")
    out = tmp_path / "facts.parquet"
    corpus.run([tmp_path / "a.txt"], out, jobs=1)
    result = CliRunner().invoke(main, ["pairs", str(out), "--consolidated"])
    assert "3 m USD" in result.output and "nan" not in result.output
