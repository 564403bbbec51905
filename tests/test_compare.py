"""Official tables in three layouts, and news figures held against them."""
import pandas as pd
import pytest
from click.testing import CliRunner

from tradefacts import cli, extract_paths
from tradefacts.cli import main
from tradefacts.compare import compare, months_of
from tradefacts.official import Official, OfficialError, read_official

from conftest import DEV, ROOT, needs

DATA = ROOT / "tests" / "data"


def rows(official):
    found = [(r.reporter, r.partner, r.flow, r.year, None if pd.isna(r.month) else r.month, r.value)
             for r in official.rows.itertuples()]
    return sorted(found, key=lambda r: (*r[:4], r[4] or 0))


def test_comtrade_csv():
    official = read_official(DATA / "comtrade.csv")
    assert official.layouts == {str(DATA / "comtrade.csv"): "UN Comtrade"}
    assert rows(official) == [
        ("KAZ", "MNG", "export", 2023, None, 120e6), ("KAZ", "MNG", "export", 2024, 1, 10e6),
        ("KAZ", "MNG", "export", 2024, 2, 11e6), ("KAZ", "MNG", "export", 2024, 3, 12e6),
        ("KAZ", "MNG", "export", 2024, 4, 13e6), ("KAZ", "MNG", "import", 2023, None, 30e6),
        ("MNG", "KAZ", "export", 2023, None, 28e6), ("MNG", "KAZ", "import", 2023, None, 115e6),
    ]
    problems = "\n".join(official.problems)
    for expected in (":10: 'KAZ'/'W00' is the world or a bloc", ":11: unknown country code '999'",
                     ":13: commodity '27' is not the TOTAL", ":14: flow 'RX'", "lines 2, 12 repeat one row; kept once"):
        assert expected in problems


def test_comtrade_json_by_m49_codes_and_ref_month():
    official = read_official(DATA / "comtrade.json")
    assert rows(official) == [("KGZ", "RUS", "export", 2022, None, 1.1e9), ("KGZ", "RUS", "export", 2022, 3, 95e6),
                              ("KGZ", "RUS", "import", 2022, None, 2.9e9), ("RUS", "KGZ", "import", 2022, None, 1e9)]


def test_imf_dots_by_names_in_millions():
    official = read_official(DATA / "imf_dots.csv")
    assert rows(official) == [("KAZ", "MNG", "export", 2022, None, pytest.approx(95.5e6)),
                              ("KAZ", "MNG", "export", 2022, 1, pytest.approx(7.2e6)),
                              ("KAZ", "MNG", "import", 2022, None, pytest.approx(25.1e6))]
    assert any("lines 7, 8 give different values" in p and "none of them is used" in p for p in official.problems)
    assert any("'World' is the world or a bloc" in p for p in official.problems)


def test_tidy_with_units_and_months():
    official = read_official(DATA / "tidy.csv")
    assert rows(official) == [("AFG", "UZB", "import", 2023, None, 790e6), ("UZB", "AFG", "export", 2023, None, 750e6),
                              ("UZB", "AFG", "export", 2023, 1, 60e6), ("UZB", "AFG", "export", 2023, 2, 58.5e6),
                              ("UZB", "AFG", "import", 2023, None, 95e6)]
    assert any("'ZZZ'" in p for p in official.problems) and any("'EU' is the world or a bloc" in p for p in official.problems)


@pytest.mark.parametrize("content, message", [
    ("", "the file is empty"),
    ("reporter,partner,flow,period,value,unit\n", "no rows under the header"),
    ("country,other,amount\nKAZ,MNG,5\n", "none of the known layouts. Expected UN Comtrade"),
    ("reporter,partner,flow,period,value,unit\nKAZ,MNG,export,2023,lots,USD\n", ":2: 'lots' is not a number"),
    ("reporter,partner,flow,period,value,unit\nKAZ,MNG,export,2023,5,EUR\n", ":2: unit 'EUR' is not USD"),
    ("reporter,partner,flow,period,value,unit\nKAZ,MNG,export,2023-13,5,USD\n", ":2: period '2023-13' has no month 13"),
    ("reporterISO,partnerISO,flowCode,period,primaryValue\nKAZ,MNG,X,2023,n/a\n", ":2: 'n/a' is not a number"),
    ('{"data": 5}', 'JSON must be a list of rows'),
    ('{"data": [1, 2', "not valid JSON"),
])
def test_a_broken_table_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "official.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OfficialError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_official(path)
    facts = tmp_path / "facts.jsonl"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Kazakh exports to Mongolia reached $5 million in 2023.", encoding="utf-8")
    assert CliRunner().invoke(main, ["extract", str(tmp_path / "docs"), "-o", str(facts), "-j", "1"]).exit_code == 0
    result = CliRunner().invoke(main, ["compare", str(facts), str(path)])
    assert result.exit_code == 1 and "official.csv" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("year, period, expected", [
    (2023, "2023", [(2023, m) for m in range(1, 13)]),
    (2023, "2023-01/2023-04", [(2023, 1), (2023, 2), (2023, 3), (2023, 4)]),
    (2022, "2021-11/2022-02", [(2021, 11), (2021, 12), (2022, 1), (2022, 2)]),
    (2024, "2024-03", [(2024, 3)]),
    (2023, None, [(2023, m) for m in range(1, 13)]),
    (None, None, None),
])
def test_the_months_a_fact_covers(year, period, expected):
    assert months_of(year, period) == expected


def facts_of(tmp_path, pages: dict[str, str]) -> pd.DataFrame:
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return extract_paths([tmp_path])


def test_exports_imports_turnover_months_mirrors_and_verdicts(tmp_path):
    facts = facts_of(tmp_path, {
        "a.txt": "Kazakh exports to Mongolia reached $118 million in 2023.",  # KAZ reports 120: agrees
        "b.txt": "Trade between Kazakhstan and Mongolia reached $150 million in 2023.",  # KAZ 150, MNG 143
        "c.txt": "Kazakh imports from Mongolia reached $45 million in 2023.",  # KAZ 30, MNG 28: differs
        "d.txt": "In January-April 2024, Kazakh exports to Mongolia reached $46 million.",  # 10+11+12+13
        "e.txt": "In January-May 2024, Kazakh exports to Mongolia reached $60 million.",  # May missing
        "f.txt": "Kazakhstan and Mongolia aim to raise trade to $500 million.",  # a target: not compared
        "g.txt": "Kazakh investment in Mongolia reached $20 million in 2023.",
        "h.txt": "Kazakh exports to Mongolia reached 5 billion tenge in 2023.",
    })
    result = compare(facts, read_official(DATA / "comtrade.csv"))
    by_doc = {r.doc: r for r in result.itertuples()}
    assert "f.txt" not in by_doc
    assert (by_doc["a.txt"].official_value, by_doc["a.txt"].mirror_value, by_doc["a.txt"].verdict) == (120e6, 115e6, "agrees")
    b = by_doc["b.txt"]
    assert {b.official_value, b.mirror_value} == {150e6, 143e6} and b.verdict == "agrees"
    c = by_doc["c.txt"]
    assert (c.official_value, c.mirror_value, c.ratio, c.verdict) == (30e6, 28e6, 1.5, "differs")
    assert (by_doc["d.txt"].official_value, by_doc["d.txt"].verdict) == (46e6, "agrees")
    assert "lines 6-9" in by_doc["d.txt"].official_source
    assert by_doc["e.txt"].verdict == "no official data"
    assert (by_doc["g.txt"].verdict, by_doc["g.txt"].reason) == ("not compared", "official trade tables hold no investment figures")
    assert (by_doc["h.txt"].verdict, by_doc["h.txt"].reason) == ("not compared", "a figure in KZT with no exchange rate to USD")


def test_the_tolerance_is_the_users(tmp_path):
    facts = facts_of(tmp_path, {"a.txt": "Kazakh exports to Mongolia reached $105 million in 2023."})
    official = read_official(DATA / "comtrade.csv")
    assert compare(facts, official, 0.05)["verdict"].tolist() == ["differs"]  # 105 / 120 and 105 / 115
    assert compare(facts, official, 0.10)["verdict"].tolist() == ["agrees"]


def test_the_compare_command_prints_a_table_per_pair_and_writes_the_output(tmp_path, monkeypatch):
    monkeypatch.setattr(cli.console, "width", 200)
    docs = tmp_path / "docs"
    docs.mkdir()
    facts_of(docs, {"a.txt": "Kazakh exports to Mongolia reached $118 million in 2023."})
    table_path = tmp_path / "facts.parquet"
    assert CliRunner().invoke(main, ["extract", str(docs), "-o", str(table_path), "-j", "1"]).exit_code == 0
    out = tmp_path / "compare.parquet"
    result = CliRunner().invoke(main, ["compare", str(table_path), str(DATA / "comtrade.csv"), str(DATA / "imf_dots.csv"),
                                       "--pair", "KAZ-MNG", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Kazakhstan – Mongolia" in result.output and "120 m USD (KAZ reports)" in result.output
    assert "115 m USD (MNG reports)" in result.output and "agrees" in result.output
    assert "note:" in result.output and "unknown country code '999'" in result.output
    assert pd.read_parquet(out)["verdict"].tolist() == ["agrees"]


@needs(DEV)
def test_dev_set_facts_of_three_pairs_each_get_their_verdict():
    facts = extract_paths([DEV / "docs" / name for name in (
        "000_6764df219b3b3504.txt", "cis_007.txt", "tca_008.txt")])
    result = compare(facts, read_official(DATA / "official_dev.csv"))
    pairs = [{"KAZ", "MNG"}, {"GEO", "ARM"}, {"CHN", "TKM"}]
    mine = result[[{a, b} in pairs for a, b in zip(result["a"], result["b"])]]
    got = sorted((r.flow, r.period, round(r.value / 1e6, 1), r.verdict) for r in mine.itertuples())
    assert got == sorted([
        ("turnover", "2017", 74.8, "agrees"), ("turnover", "2018", 67.4, "agrees"),
        ("turnover", "2019", 59.9, "differs"), ("turnover", "2020", 29.3, "agrees"),
        ("turnover", "2021", 61.0, "no official data"), ("turnover", "2023", 150.0, "agrees"),
        ("export", "2012", 258.0, "agrees"), ("import", "2012", 71.0, "differs"), ("turnover", "2012", 329.0, "agrees"),
        ("export", "2013", 315.0, "agrees"), ("import", "2013", 181.0, "differs"), ("turnover", "2013", 496.0, "agrees"),
        ("export", "2013-01/2013-06", 141.0, "agrees"), ("import", "2013-01/2013-06", 50.0, "agrees"),
        ("turnover", "2013-01/2013-06", 191.0, "agrees"),
        ("export", "2014-01/2014-07", 156.0, "no official data"), ("import", "2014-01/2014-07", 114.0, "no official data"),
        ("turnover", "2014-01/2014-07", 270.0, "no official data"),
        ("turnover", "2023-01/2023-06", 5550.0, "agrees"), ("export", "2023-01/2023-06", 476.0, "agrees"),
        ("import", "2023-01/2023-06", 5076.0, "agrees"), ("import", "2023-01/2023-06", 5058.0, "agrees"),
    ])


def test_official_series_are_drawn_beside_the_news(tmp_path):
    from tradefacts.chart import plot_pair

    facts = facts_of(tmp_path, {"b.txt": "Trade between Kazakhstan and Mongolia reached $150 million in 2023."})
    official = Official.combine([read_official(DATA / "comtrade.csv")])
    drawn = plot_pair(facts, ("KAZ", "MNG"), tmp_path / "c.png", official=official)
    assert drawn["turnover: official, as KAZ reports"] == [(2023, 150e6)]
    assert drawn["turnover: official, as MNG reports"] == [(2023, 143e6)]
