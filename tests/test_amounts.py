"""The amount reader, as tables of input and expected reading."""
import pytest

from tradefacts import find_amounts


def first(text, kind=None):
    found = [a for a in find_amounts(text) if kind is None or a.kind == kind]
    assert found, f"nothing read in {text!r}"
    return found[0]


@pytest.mark.parametrize("text,value,unit", [
    ("$74.8 million", 74_800_000, "USD"),
    ("US$3 billion", 3e9, "USD"),
    ("USD 1.5 bln", 1.5e9, "USD"),
    ("€2.3bn", 2.3e9, "EUR"),
    ("one billion dollars", 1e9, "USD"),
    ("1.5 trillion tenge", 1.5e12, "KZT"),
    ("Rs 5,000 crore", 5e10, "INR"),
    ("$1.08bn", 1.08e9, "USD"),
    ("716 billion rubles", 7.16e11, "RUB"),
    ("4 trillion tenges", 4e12, "KZT"),
    ("101 bln Belarusian rubles", 1.01e11, "BYN"),
    ("A$219bn", 2.19e11, "AUD"),
    ("¥41.8 billion", 4.18e10, "JPY"),
    ("R188.4 billion", 1.884e11, "ZAR"),
    ("N2.2tn", 2.2e12, "NGN"),
    ("RM156.1 billion", 1.561e11, "MYR"),
    ("28.97 billion ringgits", 2.897e10, "MYR"),
    ("27 billion reais", 2.7e10, "BRL"),
    ("USD300 million", 3e8, "USD"),
    ("645 million USD", 6.45e8, "USD"),
    ("US $ 28 billion", 2.8e10, "USD"),
    ("US$ 1,345 billion", 1.345e9, "USD"),
    ("186,439 billion dollars", 1.86439e11, "USD"),
    ("€2,091 million", 2.091e9, "EUR"),
    ("$18,229.03 million", 1.822903e10, "USD"),
    ("5,4 billion US dollars", 5.4e9, "USD"),
    ("half a billion dollars", 5e8, "USD"),
    ("3 billion 160 million dollars", 3.16e9, "USD"),
    ("1 billion dollar 477 million 4 thousand", 1_477_004_000, "USD"),
    ("1 thousand 78 Crore 3.2 lakh dollars", 10_780_320_000, "USD"),
    ("USD 191 (141+50) million", 1.91e8, "USD"),
    ("CHF 1'049,95", 1049.95, "CHF"),
    ("almost 3 billion in US currency", 3e9, "USD"),
])
def test_money(text, value, unit):
    a = first(text, "money")
    assert a.value == pytest.approx(value, rel=1e-9)
    assert a.unit == unit
    assert text[a.start:a.end].strip(), "the span covers words of the text"


@pytest.mark.parametrize("text,approx", [
    ("more than $360 million", "min"),
    ("over 40 trillion tenge", "min"),
    ("exceeded USD 400 million", "min"),
    ("about one billion dollars", "approx"),
    ("nearly $5 billion", "approx"),
    ("under nine euros", "max"),
    ("loans of up to $1 billion", "max"),
    ("increase trade up to $2 billion", "exact"),
    ("agreed to turn over $500 million", "exact"),
    ("$74.8 million", "exact"),
])
def test_bounds(text, approx):
    assert first(text, "money").approx == approx


@pytest.mark.parametrize("text,value,unit", [
    ("grown by 16 percent", 16, "%"),
    ("fell 7.2 percent", -7.2, "%"),
    ("a decrease of 26.5 percent", -26.5, "%"),
    ("20,5% lower", -20.5, "%"),
    ("surged 5.5-fold", 5.5, "x"),
    ("increased 2.9 times", 2.9, "x"),
    ("doubled", 2, "x"),
    ("tripled", 3, "x"),
    ("halved", 0.5, "x"),
    ("increased sixfold", 6, "x"),
    ("two times less", 0.5, "x"),
    ("rose by 31pc", 31, "%"),
])
def test_changes(text, value, unit):
    a = first(text, "change")
    assert (a.value, a.unit) == (pytest.approx(value), unit)


def test_a_decimal_point_ends_no_clause_for_the_direction_of_the_next_change():
    from tradefacts import find_amounts
    text = "Exports fell by 12.5%, imports by 3.4% and transit by 1.5%."
    assert [a.value for a in find_amounts(text) if a.kind == "change"] == [-12.5, -3.4, -1.5]


@pytest.mark.parametrize("text,value,unit", [
    ("1.4 million tons", 1.4e6, "t"),
    ("127,000 tonnes", 127_000, "t"),
    ("10 bcm", 1e10, "m3"),
    ("48 billion cubic meters", 4.8e10, "m3"),
    ("2 million barrels", 2e6, "bbl"),
    ("2.6 billion kWh", 2.6e9, "kWh"),
    ("300 MWh", 3e5, "kWh"),
])
def test_quantities(text, value, unit):
    a = first(text, "quantity")
    assert (a.value, a.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", [
    "in 2017",
    "the G20 summit",
    "COVID-19",
    "10.0.12.7",
    "the 4th time",
    "KZT/USD = 0.00190",
])
def test_not_money(text):
    assert not [a for a in find_amounts(text) if a.kind == "money"]


def test_rates_are_flagged():
    a = first("$300 per ton", "money")
    assert a.per == "ton" and a.is_rate


def test_shared_symbol_defaults_and_is_marked_assumed():
    a = first("$5 million", "money")
    assert (a.unit, a.unit_assumed) == ("USD", True)
    b = first("€5 million", "money")
    assert (b.unit, b.unit_assumed) == ("EUR", False)


def test_shared_symbol_takes_the_currency_the_text_names():
    a = first("Sales of ¥5 billion, or about 250 million yuan, were reported.", "money")
    assert a.unit == "CNY" and a.unit_assumed


def test_offsets_point_at_the_words():
    text = "Trade reached $150 million in 2023 and 12.5 percent more."
    spans = [text[a.start:a.end] for a in find_amounts(text)]
    assert spans == ["$150 million", "12.5 percent more"] or spans[:1] == ["$150 million"]
