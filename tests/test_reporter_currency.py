"""A shared currency sign read as the reporting country's currency (money.reporter_currency,
tradefacts/linker/currency.py; ANNOTATION.md section 3, "A shared currency sign"), as tables of
short texts written for these tests and the money facts expected in them:
(a, b, value, unit, whether money.reporter_currency set the unit)."""
import pytest
from click.testing import CliRunner

from tradefacts import extract_text
from tradefacts.cli import main

RULE = "money.reporter_currency"

# Nepal's "Rs" (and "rupees") is NPR
NEPAL = [
    ("Nepal's imports from India rose to Rs 1.2 trillion in 2023, the Department of Customs said.",
     [("NPL", "IND", 1.2e12, "NPR", True)]),
    ("Nepalese exports to China fell to Rs 2.3 billion in 2022.",
     [("NPL", "CHN", 2.3e9, "NPR", True)]),
    ("Nepal exported goods worth Rs. 45 billion to Bangladesh in 2021, the Trade and Export Promotion Centre said.",
     [("NPL", "BGD", 45e9, "NPR", True)]),
]

# "rupees" and "Rs" in a Sri Lankan report are LKR, also when the partner is another rupee country
SRI_LANKA = [
    ("Sri Lanka's exports to India reached 95 billion rupees in 2023, the Central Bank of Sri Lanka said.",
     [("LKA", "IND", 95e9, "LKR", True)]),
    ("Sri Lankan imports from China amounted to Rs 310 billion in 2022.",
     [("LKA", "CHN", 310e9, "LKR", True)]),
    ("Sri Lanka's trade with Pakistan stood at Rs 120 billion in 2023.",
     [("LKA", "PAK", 120e9, "LKR", True)]),
]

# "$" in a Canadian or an Australian statistics story is CAD or AUD
CANADA = [
    ("Statistics Canada said Canada's exports to the United States fell to $45.2 billion in March 2024.",
     [("CAN", "USA", 45.2e9, "CAD", True)]),
    ("Canadian imports from China rose to $7.9 billion in 2023, Statistics Canada reported.",
     [("CAN", "CHN", 7.9e9, "CAD", True)]),
    ("Canada's merchandise trade with Mexico totalled $55 billion in 2022.",
     [("CAN", "MEX", 55e9, "CAD", True)]),
]

AUSTRALIA = [
    ("Australia's exports to China reached $196 billion in 2023, the Australian Bureau of Statistics said.",
     [("AUS", "CHN", 196e9, "AUD", True)]),
    ("Australian imports from Japan were worth $32.5 billion in 2022.",
     [("AUS", "JPN", 32.5e9, "AUD", True)]),
    ("Two-way trade between Australia and India rose to $46 billion in 2023, according to the ABS.",
     [("AUS", "IND", 46e9, "AUD", True)]),
]

# "Dh" and "dirhams" in a Moroccan report are MAD; "kr" in a Norwegian one NOK
MOROCCO_NORWAY = [
    ("Morocco's exports to Spain climbed to Dh 98 billion in 2023, the Foreign Exchange Office said.",
     [("MAR", "ESP", 98e9, "MAD", True)]),
    ("Moroccan imports from France reached Dh60.4 billion in 2022.",
     [("MAR", "FRA", 60.4e9, "MAD", True)]),
    ("Morocco's imports from China totalled 70 billion dirhams in 2023.",
     [("MAR", "CHN", 70e9, "MAD", True)]),
    ("Norway's exports to Germany reached kr 350 billion in 2022, Statistics Norway said.",
     [("NOR", "DEU", 350e9, "NOK", True)]),
]

# the sign's default stays: the reporter's currency is no "$" (Kazakhstan, India), the report is
# American, the currency is written out ("US$"), the "$" of a peso country's trade (rules/money.toml,
# money.alternatives), or the figure is not the reporter's own
STAYS = [
    ("Kazakhstan's trade with Canada reached $1.2 billion in 2023, the Kazakh statistics bureau said.",
     [("KAZ", "CAN", 1.2e9, "USD", False)]),
    ("Kazakh exports to Australia were $310 million in 2022.",
     [("KAZ", "AUS", 310e6, "USD", False)]),
    ("India's imports from Canada rose to $4.6 billion in 2023, the commerce ministry said.",
     [("IND", "CAN", 4.6e9, "USD", False)]),
    ("US exports to Canada totalled $354 billion in 2023, the Census Bureau said.",
     [("USA", "CAN", 354e9, "USD", False)]),
    ("American imports from Australia fell to $16 billion in 2022.",
     [("USA", "AUS", 16e9, "USD", False)]),
    ("Nepal's imports from China reached US$2.1 billion in 2023.",
     [("NPL", "CHN", 2.1e9, "USD", False)]),
    ("Mexico's exports to the United States reached $475 billion in 2023, INEGI said.",
     [("MEX", "USA", 475e9, "USD", False)]),
    ("Chile's exports to China were worth $38 billion in 2023.",
     [("CHL", "CHN", 38e9, "USD", False)]),
    ("Statistics Canada said trade between China and the United States reached $575 billion in 2023.",
     [("CHN", "USA", 575e9, "USD", False)]),
]

# a figure in a second currency keeps its own; a part "of which" is read like its whole
SECOND_CURRENCY_AND_PARTS = [
    ("Nepal's exports to India were Rs 137 billion (US$1.03 billion) in 2023.",
     [("NPL", "IND", 137e9, "NPR", True), ("NPL", "IND", 1.03e9, "USD", False)]),
    ("Nepal's imports from China were US$2.1 billion (Rs 280 billion) in 2023.",
     [("NPL", "CHN", 2.1e9, "USD", False), ("NPL", "CHN", 280e9, "NPR", True)]),
    ("Canada's exports to Japan were $15.2 billion (US$11.3 billion) in 2023, Statistics Canada said.",
     [("CAN", "JPN", 15.2e9, "CAD", True), ("CAN", "JPN", 11.3e9, "USD", False)]),
    ("Canada's imports from China were C$7.9 billion ($5.8 billion) in 2023, Statistics Canada said.",
     [("CAN", "CHN", 7.9e9, "CAD", False), ("CAN", "CHN", 5.8e9, "USD", False)]),
    ("Russia's exports to Turkey were 716 billion rubles ($8.7 billion) in 2023.",
     [("RUS", "TUR", 716e9, "RUB", False), ("RUS", "TUR", 8.7e9, "USD", False)]),
    ("Nepal's imports from India reached Rs 900 billion in 2023, of which Rs 250 billion were petroleum products.",
     [("NPL", "IND", 900e9, "NPR", True), ("NPL", "IND", 250e9, "NPR", True)]),
    ("Sri Lanka's exports to the US were Rs 1.1 trillion in 2022, including Rs 600 billion of garments.",
     [("LKA", "USA", 1.1e12, "LKR", True), ("LKA", "USA", 600e9, "LKR", True)]),
]

CASES = NEPAL + SRI_LANKA + CANADA + AUSTRALIA + MOROCCO_NORWAY + STAYS + SECOND_CURRENCY_AND_PARTS


def money(text):
    frame = extract_text(text, doc="t.txt")
    frame = frame[frame["kind"] == "money"]
    return [(r.a, r.b, r.value, r.unit, RULE in r.rule.split("+")) for r in frame.itertuples()]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:60] for c in CASES])
def test_a_shared_sign_is_the_reporting_countrys_currency(text, expected):
    assert sorted(money(text), key=str) == sorted([(a, b, pytest.approx(v), u, r) for a, b, v, u, r in expected], key=str)


def test_the_currency_stays_marked_as_assumed():
    frame = extract_text("Nepal's imports from India rose to Rs 1.2 trillion in 2023.", doc="t.txt")
    assert list(frame["unit"]) == ["NPR"] and list(frame["unit_assumed"]) == [True]


def test_explain_says_why_the_currency_is_the_reporters():
    result = CliRunner().invoke(main, ["explain", "Moroccan imports from France reached Dh60.4 billion in 2022."])
    assert result.exit_code == 0, result.output
    assert "currency: MAD, the reporting country's" in result.output and "read as AED by default" in result.output
    assert RULE in result.output
