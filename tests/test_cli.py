"""The command line, run in-process on the demo corpus."""
import pandas as pd
from click.testing import CliRunner

from tradefacts.cli import main

from conftest import ROOT

DEMO = ROOT / "datasets" / "demo"


def test_extract_and_pairs(tmp_path):
    out = tmp_path / "facts.parquet"
    result = CliRunner().invoke(main, ["extract", str(DEMO), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 documents read" in result.output
    frame = pd.read_parquet(out)
    assert len(frame) > 10
    result = CliRunner().invoke(main, ["pairs", str(out), "--pair", "Kazakhstan-Mongolia"])
    assert result.exit_code == 0, result.output
    assert "Kazakhstan – Mongolia" in result.output and "150 m USD" in result.output
    assert "central_asia_listing.txt" in result.output
    result = CliRunner().invoke(main, ["pairs", str(out), "--pair", "KGZ-RUS", "--flow", "export"])
    assert "KGZ→RUS" in result.output and "turnover" not in result.output.split("\n")[1]


def test_extract_writes_csv_and_jsonl(tmp_path):
    for suffix in (".csv", ".jsonl"):
        out = tmp_path / f"facts{suffix}"
        assert CliRunner().invoke(main, ["extract", str(DEMO), "-o", str(out)]).exit_code == 0
        assert out.stat().st_size > 0


def test_bad_pair_is_a_clear_error(tmp_path):
    out = tmp_path / "facts.parquet"
    CliRunner().invoke(main, ["extract", str(DEMO), "-o", str(out)])
    result = CliRunner().invoke(main, ["pairs", str(out), "--pair", "Atlantis-Mongolia"])
    assert result.exit_code != 0 and "Atlantis" in result.output


def test_rules_check_passes():
    result = CliRunner().invoke(main, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "rules/money.toml" in result.output


def test_amounts_command():
    result = CliRunner().invoke(main, ["amounts", "about one billion dollars"])
    assert result.exit_code == 0 and "1,000,000,000" in result.output and "approx" in result.output


def test_evaluate_scores_a_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "kyrgyz_russian_trade.txt", "kind": "money", "a": "KGZ", "b": "RUS", "flow": "turnover", '
                    '"status": "actual", "year": 2023, "value": 3160000000, "unit": "USD"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), str(DEMO), "--kind", "money"])
    assert result.exit_code == 0, result.output
    assert "recall 1.000" in result.output
