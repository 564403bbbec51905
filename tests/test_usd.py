"""Money in USD: every path a rate can come by, and none invented."""
import pint
import pytest
from click.testing import CliRunner

from tradefacts import extract_text, table
from tradefacts.cli import main
from tradefacts.usd import RatesError, page_rates, read_rates, registry, to_usd

TICKER_PAGE = """KZT/USD = 0.00190 0%
RUB/EUR = 0.0100 0%
EUR/USD = 1.10000 0%
14 December 2024

Kazakhstan and Mongolia trade

Trade between Kazakhstan and Mongolia reached 75 billion tenge in 2023.
Russian investment in Kazakhstan reached 20 billion rubles in 2023.
Kazakh exports to Mongolia reached 300 million yuan in 2023.
"""
RATES = """currency,date,year,usd_per_unit
KZT,,2023,0.0022
CNY,2023-06-01,,0.14
CNY,2023-12-01,,0.14
TRY,2024-11-20,,0.029
"""


def money(frame):
    """unit -> (value_usd, fx_source), None where the table holds a null."""
    rows = frame[frame["kind"] == "money"].astype(object).where(frame.notna(), None)
    return {row.unit: (row.value_usd, row.fx_source) for row in rows.itertuples()}


def test_a_usd_figure_is_its_own_value():
    frame = extract_text("Trade between Kazakhstan and Mongolia reached $150 million in 2023.")
    assert money(frame) == {"USD": (150e6, "USD")}


def test_the_page_ticker_values_its_figures_and_says_so():
    got = money(extract_text(TICKER_PAGE))
    assert got["KZT"][0] == pytest.approx(75e9 * 0.0019)
    assert got["KZT"][1] == "page ticker KZT/USD = 0.00190 0% (2024-12-14)"
    assert got["RUB"][0] == pytest.approx(20e9 * 0.01 * 1.1)  # through the page's EUR rate
    assert got["CNY"] == (None, None)  # the page prices no yuan, and no rate is guessed


def test_a_rates_file_wins_for_the_figures_year(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(RATES, encoding="utf-8")
    got = money(extract_text(TICKER_PAGE, rates=path))
    assert got["KZT"] == (pytest.approx(75e9 * 0.0022), "rates.csv: KZT 2023")
    assert got["CNY"] == (pytest.approx(300e6 * 0.14), "rates.csv: CNY 2023, mean of 2 dated rate(s)")
    assert got["RUB"][1].startswith("page ticker")  # the file has no ruble rate


def test_a_figure_without_a_year_takes_the_rate_of_the_page_date(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(RATES, encoding="utf-8")
    text = "Turkish investment in Kazakhstan now stands at 3 billion lira."
    got = money(extract_text(text, published="2024-12-01", rates=path))
    assert got["TRY"] == (pytest.approx(3e9 * 0.029), "rates.csv: TRY 2024-11-20")
    assert money(extract_text(text, published="2025-06-01", rates=path))["TRY"] == (None, None)


def test_currencies_are_dimensions_of_their_own():
    units = registry()
    with pytest.raises(pint.DimensionalityError):
        units.Quantity(1, "USD") + units.Quantity(1, "KZT")
    assert to_usd(1000, "KZT", 0.0019) == pytest.approx(1.9)


def test_ticker_lines_in_running_text_are_not_rates():
    assert page_rates("Analysts quoted KZT/USD = 0.0019 yesterday.") == {}


@pytest.mark.parametrize("content, message", [
    ("code,rate\nKZT,0.002\n", "needs the columns currency, date or year, usd_per_unit"),
    ("currency,year,usd_per_unit\nXYZ,2023,0.1\n", ":2: 'XYZ' is not an ISO 4217 code"),
    ("currency,year,usd_per_unit\nKZT,2023,cheap\n", ":2: usd_per_unit 'cheap' is not a number"),
    ("currency,date,usd_per_unit\nKZT,2023-02-30,0.002\n", ":2: date '2023-02-30' is not YYYY-MM-DD"),
    ("currency,year,usd_per_unit\nKZT,2023,0.002\nKZT,,0.002\n", ":3: a row needs a date"),
    ("currency,year,usd_per_unit\nKZT,2023,-1\n", "must be positive"),
])
def test_a_bad_rates_file_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "rates.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RatesError, match=message):
        read_rates(path)
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(tmp_path / "f.parquet"), "--rates", str(path)])
    assert result.exit_code == 2 and "rates.csv" in result.output and "Traceback" not in result.output


def test_extract_fills_value_usd_from_the_rates_file(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.txt").write_text(TICKER_PAGE, encoding="utf-8")
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES, encoding="utf-8")
    out = tmp_path / "facts.parquet"
    result = CliRunner().invoke(main, ["extract", str(docs), "-o", str(out), "--rates", str(rates), "-j", "1"])
    assert result.exit_code == 0, result.output
    frame = table.read(out)
    assert frame["value_usd"].notna().all() and set(frame["unit"]) == {"KZT", "RUB", "CNY"}
