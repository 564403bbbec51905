"""Charts: the points drawn are the table's, in every format, and nothing is drawn from nothing."""
import pytest
from click.testing import CliRunner

from tradefacts import extract_text
from tradefacts.chart import plot_pair, usd_label
from tradefacts.cli import main

import pandas as pd

TEXT = """Kazakhstan and Mongolia trade

Trade between Kazakhstan and Mongolia reached $60 million in 2021 and $150 million in 2023.
Another report put trade between Kazakhstan and Mongolia at $140 million in 2023.
Kazakhstan and Mongolia aim to raise trade turnover to $500 million.
Kazakh exports to Mongolia reached 9 billion tenge in 2023.
"""


@pytest.fixture
def facts():
    # one page per line, so that the two 2023 figures come from two sources
    frames = [extract_text(line, doc=f"page{i}.txt", published="2024-05-01") for i, line in enumerate(TEXT.splitlines())]
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_the_chart_draws_the_tables_points(facts, tmp_path, suffix, magic):
    out = tmp_path / f"chart{suffix}"
    drawn = plot_pair(facts, ("MNG", "KAZ"), out)
    assert out.read_bytes().startswith(magic)
    assert drawn["turnover (actual)"] == [(2021, 60e6), (2023, 145e6)]  # 2023: the median of two sources
    assert drawn["turnover (target)"] == [(2024, 500e6)]  # no year stated: at the right edge
    assert "export KAZ→MNG (actual)" not in drawn  # tenge with no rate is left out, not guessed
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_nothing_to_draw_is_a_clear_error(facts, tmp_path):
    with pytest.raises(ValueError, match="no money figures in US dollars for KAZ-CHN"):
        plot_pair(facts, ("KAZ", "CHN"), tmp_path / "c.png")
    assert not (tmp_path / "c.png").exists()


@pytest.mark.parametrize("value, label", [(150e6, "$150M"), (1.25e9, "$1.25B"), (3e12, "$3T"), (950, "$950")])
def test_axis_labels_read_as_dollars(value, label):
    assert usd_label(value) == label


def test_the_plot_command(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    facts = tmp_path / "facts.parquet"
    assert CliRunner().invoke(main, ["extract", str(docs), "-o", str(facts), "-j", "1"]).exit_code == 0
    result = CliRunner().invoke(main, ["plot", str(facts), "--pair", "Kazakhstan-Mongolia", "-o", str(tmp_path / "c.png")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c.png").stat().st_size > 10_000
    result = CliRunner().invoke(main, ["plot", str(facts), "--pair", "KAZ-CHN", "-o", str(tmp_path / "d.png")])
    assert result.exit_code == 1 and "no money figures" in result.output
