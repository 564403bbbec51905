"""The amount reader on wordings of unseen news (issue 11, mechanism 4), as tables of input and
expected reading. Every sentence here is made up; the countries' figures are invented."""
import pytest

from tradefacts import find_amounts


def money(text):
    return [a for a in find_amounts(text) if a.kind == "money"]


def first(text, kind):
    found = [a for a in find_amounts(text) if a.kind == kind]
    assert found, f"no {kind} read in {text!r}"
    return found[0]


# 1. A period right after a currency abbreviation is the abbreviation's, not a decimal point.
@pytest.mark.parametrize("text,value,unit", [
    ("Uganda's coffee sales to Kenya reached Ksh.48 billion last year.", 48e9, "KES"),
    ("Nairobi bought Tanzanian maize worth Ksh. 215 billion in 2023.", 215e9, "KES"),
    ("Dhaka approved a Tk.750 crore jetty for Indian cargo.", 7.5e9, "BDT"),
    ("The Bhutanese buyer paid Rs.12 crore for the turbines.", 1.2e8, "INR"),
    ("Kenyan tea exports to Egypt fetched KShs.9.6 billion.", 9.6e9, "KES"),
])
def test_a_period_after_an_abbreviation_is_no_decimal_point(text, value, unit):
    a = first(text, "money")
    assert (a.value, a.unit) == (pytest.approx(value), unit)


# 2. Gulf and South Asian signs and names of currencies; a thousands group the text's own decimal
# points show ("SR2,315 billion" beside "SR64.8 billion").
@pytest.mark.parametrize("text,value,unit", [
    ("Colombo earned 95 billion Lankan rupees from tea sold to Iran.", 95e9, "LKR"),
    ("Kathmandu's imports from China reached NRs 310 billion.", 310e9, "NPR"),
    ("Abu Dhabi's trade with India came to Dh 9.3bn in the first half.", 9.3e9, "AED"),
    ("Nairobi's flower sales to the Netherlands were worth Sh41 billion.", 41e9, "KES"),
    ("Saudi exports to Korea reached SR2,315 billion, and imports SR64.8 billion.", 2.315e12, "SAR"),
])
def test_currencies_of_the_gulf_and_south_asia(text, value, unit):
    a = first(text, "money")
    assert (a.value, a.unit) == (pytest.approx(value), unit)


# 3. A currency taken by default from a shared sign or word says what else it may be.
@pytest.mark.parametrize("text,unit,also", [
    ("Statistics Canada put exports to Mexico at $61.3 billion.", "USD", {"CAD", "AUD", "NZD", "HKD", "SGD"}),
    ("Kathmandu imported goods worth Rs 480 billion from India.", "INR", {"NPR", "LKR", "PKR", "MUR"}),
    ("Lahore traders shipped 73 billion rupees of rice to Kabul.", "INR", {"PKR", "NPR", "LKR"}),
    ("Oslo's salmon sales to Poland hit kr 12 billion.", "SEK", {"NOK", "DKK", "ISK"}),
    ("Casablanca port handled Dh 4.1 billion of Spanish goods.", "AED", {"MAD"}),
    ("Nairobi's flower sales to the Netherlands were worth Sh41 billion.", "KES", {"TZS"}),
])
def test_a_shared_sign_lists_the_other_currencies_it_may_stand_for(text, unit, also):
    a = first(text, "money")
    assert a.unit == unit and a.unit_assumed
    assert also <= set(a.alternatives) and unit not in a.alternatives


@pytest.mark.parametrize("text", [
    "Fiji's sugar sales reached US$ 91 million.",
    "Australia's wine exports to Hong Kong were A$ 310 million.",
    "Trade with Chile came to USD 7.4 billion.",
    "Almaty firms sold 260 billion tenge of flour.",
    "Colombo's imports were 210 billion Sri Lankan rupees.",
])
def test_an_unambiguous_currency_has_no_alternatives(text):
    a = first(text, "money")
    assert not a.unit_assumed and a.alternatives == ()


# 4. Million tonnes written as one word are a quantity, never Mongolian tögrög; "MNT" in capitals
# stays money.
@pytest.mark.parametrize("text,tonnes,money_value", [
    ("Indonesia shipped 3.1 MnT of thermal coal to Vietnam worth MNT 900 billion.", 3.1e6, 9e11),
    ("Mongolian coking coal sales reached 2.4 mnt in May, or 640 billion MNT.", 2.4e6, 6.4e11),
    ("Egypt bought 1.8 MMT of Romanian wheat for MNT 12 billion.", 1.8e6, 1.2e10),
])
def test_million_tonnes_are_no_togrog(text, tonnes, money_value):
    q = first(text, "quantity")
    assert (q.value, q.unit) == (pytest.approx(tonnes), "t")
    assert [(a.value, a.unit) for a in money(text)] == [(pytest.approx(money_value), "MNT")]


# 5. Product codes, varieties and counts of years are no money.
@pytest.mark.parametrize("text", [
    "Farmers in Kuwait planted the KD15 variety this spring.",
    "The model SR71 trucks were assembled in Jeddah for Egypt.",
    "Durban's plant builds the R15 model for Kenya.",
    "This year marks 75 years since Japan and Peru opened embassies.",
    "Both sides settled their trade in rubles 30 years ago.",
    "Traders have quoted prices in shillings 40 years running.",
])
def test_codes_and_counts_of_years_are_no_money(text):
    assert money(text) == []


# 6. Both sides of an exchange rate are rates (`per` the other side's currency), never figures;
# a figure given in a second currency is no rate.
@pytest.mark.parametrize("text,rates", [
    ("Sales to Japan reached A$4 billion (one Australian dollar equals 0.66 US dollar).",
     [("AUD", None), ("AUD", "USD"), ("USD", "AUD")]),
    ("Exports were 950 billion tenge, equal to $2 billion (1 USD = 475 tenge).",
     [("KZT", None), ("USD", None), ("USD", "KZT"), ("KZT", "USD")]),
    ("At the time a Swiss franc bought 1.13 dollars.", [("CHF", "USD"), ("USD", "CHF")]),
    ("Bangladesh paid 12 billion taka; $1 is equal to 110 taka.",
     [("BDT", None), ("USD", "BDT"), ("BDT", "USD")]),
])
def test_an_exchange_rate_is_no_figure(text, rates):
    assert [(a.unit, a.per) for a in money(text)] == rates


# 7. "A and B <scale> <currency>": the first value takes the scale and currency written after the
# second, as in a range ("between A and B") or "A and B percent, respectively".
@pytest.mark.parametrize("text,value,unit,approx", [
    ("The two terminals cost €35 and €48 million.", 35e6, "EUR", "exact"),
    ("Egypt and Jordan received $3 and $4 billion from the fund.", 3e9, "USD", "exact"),
    ("Tokyo's purchases were 12 and 19 billion yen in 2022 and 2023.", 12e9, "JPY", "exact"),
    ("Investment in Chile was between £6 and £9 billion.", 6e9, "GBP", "min"),
])
def test_the_first_of_two_values_takes_the_scale_after_the_second(text, value, unit, approx):
    a = money(text)[0]
    assert (a.value, a.unit, a.approx) == (pytest.approx(value), unit, approx)
