"""News that holds figures but no trade between two countries gives no fact (issue 11: background
news, sport, markets, companies), while the readings these blocks sit next to still give theirs.
Tables of input and expected facts; the texts are written for these tests."""
import pandas as pd
import pytest

from tradefacts import extract_text


def facts(text):
    frame = extract_text(text, doc="t.txt")
    return [(r.kind, r.flow, r.a, r.b, r.status, None if pd.isna(r.year) else int(r.year), r.value, r.unit)
            for r in frame.itertuples()]


# A capital that is part of a proper name (a club, a firm, an exchange, a paper) is no government
# (rules/countries.toml, country.capital_in_name).
CAPITAL_IN_A_NAME = [
    "Beijing Daily reported that Kazakh exports reached $3 billion in 2023.",
    "The Moscow Exchange said Turkish investors bought $500 million of bonds in March.",
    "Astana Motors sold Korean cars worth $200 million last year.",
    "Shareholders of CSKA Moscow sold Armenian brandy worth $4 million in 2021.",
]

# A transfer fee, a player's contract, a club's signing is no deal between two countries
# (rules/flows.toml, flow.sport).
SPORT = [
    "Juventus signed Dusan Vlahovic from Fiorentina for €70 million, Serbian and Italian media said.",
    "The Canadian quarterback signed a $40 million deal with a Mexican team.",
    "The Nigerian winger signed a four-year contract with the Turkish champions worth $25 million.",
    "The Polish athlete signed a sponsorship deal worth $8 million with an American sportswear brand.",
    "He won the title with Argentina. Brighton spent £30 million on signing Julio Enciso from Libertad"
    " and Everton spent £25 million on signing Beto from Udinese in Italy.",
]

# A demonym before a company noun names the company's home: the company's sales, shipments and
# trade, and their changes, are no flow between two countries (rules/pairs.toml, role.company).
COMPANY_FLOW = [
    "The Korean carmaker's exports to Russia rose 12 percent in 2023.",
    "Chinese brand Haier sold appliances worth $400 million in Egypt in 2022.",
    "Indian steelmaker JSW shipped 2 million tonnes of steel to Vietnam last year.",
    "German retailer Aldi imported Spanish fruit worth €300 million in 2022.",
    "Kazakhstan and Finland held talks. The Finnish phone maker cut its shipments to Kazakhstan by 30 percent in 2023.",
    "Turkey and Iraq discussed trade. Sales of the Turkish appliance manufacturer in Iraq grew by 18 percent.",
]


@pytest.mark.parametrize("text", CAPITAL_IN_A_NAME + SPORT + COMPANY_FLOW)
def test_no_fact(text):
    assert facts(text) == []


# the readings next to the blocks: capitals standing for governments, a company's investment and
# signed deal, a country's companies as a whole, a company named behind a comma or as a source
CONTROLS = [
    ("Astana and Moscow signed deals worth $2 billion.",
     [("money", "deal", "KAZ", "RUS", "actual", None, 2e9, "USD")]),
    ("Russia's trade with China, Moscow said, reached $240 billion.",
     [("money", "turnover", "CHN", "RUS", "actual", None, 240e9, "USD")]),
    ("Moscow's exports to Beijing reached $110 billion in 2023.",
     [("money", "export", "RUS", "CHN", "actual", 2023, 110e9, "USD")]),
    ("On Monday Beijing said its imports from Australia rose to $140 billion in 2023.",
     [("money", "import", "CHN", "AUS", "actual", 2023, 140e9, "USD")]),
    ("Official Tashkent reported exports to Tajikistan of $400 million in 2022.",
     [("money", "export", "UZB", "TJK", "actual", 2022, 400e6, "USD")]),
    # a title-case headline capitalises every word, so a capital word beside a capital tells nothing
    ("Beijing Says Imports From Moscow Rose To $129 Billion In 2023",
     [("money", "import", "CHN", "RUS", "actual", 2023, 129e9, "USD")]),
    ("The Uzbek company will invest $100 million in Kyrgyzstan.",
     [("money", "investment", "UZB", "KGZ", "target", None, 100e6, "USD")]),
    ("The Emirati airline will invest $1 billion in Pakistan.",
     [("money", "investment", "ARE", "PAK", "target", None, 1e9, "USD")]),
    ("The Russian company signed a $400 billion contract with China.",
     [("money", "deal", "RUS", "CHN", "actual", None, 400e9, "USD")]),
    ("Chinese companies exported goods worth $5 billion to Kazakhstan in 2023.",
     [("money", "export", "CHN", "KAZ", "actual", 2023, 5e9, "USD")]),
    ("Kazakhstan's imports from China rose to $2 billion in 2023, led by the Chinese carmaker Chery.",
     [("money", "import", "KAZ", "CHN", "actual", 2023, 2e9, "USD")]),
    # a lawmaker is no company, and a company cited as the source speaks for its country's figure
    ("A Russian lawmaker said Russian exports to India rose to $65 billion in 2023.",
     [("money", "export", "RUS", "IND", "actual", 2023, 65e9, "USD")]),
    ("According to the Kazakh grid operator, exports of electricity to Uzbekistan reached 1.2 billion kWh in 2023.",
     [("quantity", "export", "KAZ", "UZB", "actual", 2023, 1.2e9, "kWh")]),
    ("Uzbekistan and China signed agreements worth $15 billion at the forum.",
     [("money", "deal", "UZB", "CHN", "actual", None, 15e9, "USD")]),
]


@pytest.mark.parametrize("text,expected", CONTROLS)
def test_still_a_fact(text, expected):
    assert facts(text) == expected
