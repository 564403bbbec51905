"""Time phrases of pages the rules were not written from (issue 11, mechanism 5): month-year
abbreviations, calendar, quarter, half and nine-month labels, more fiscal calendars, month
ranges of "this year", and comparison phrases. Every sentence here is our own."""
import datetime as dt

import pytest

from tradefacts.periods import Span, find_periods, fiscal_start, resolve


def read(text, published=None, country=None, frame=None):
    """(year, period) of the first time phrase in the text."""
    mentions = find_periods(text)
    assert mentions, f"no period in {text!r}"
    span = resolve(mentions[0], dt.date.fromisoformat(published) if published else None, frame, fiscal_start(country))
    return (span.year, span.text) if span else (None, None)


def flags(text):
    """Each time phrase with whether it is read as the base of a comparison."""
    return [(text[m.start:m.end], m.comparative) for m in find_periods(text)]


@pytest.mark.parametrize("text,expected", [
    ("Uruguayan beef sales to China came to $210 million in Feb'23.", (2023, "2023-02")),
    ("Copper shipments from Chile to Japan peaked in Oct' 2020 at 300,000 tonnes.", (2020, "2020-10")),
    ("Indonesia's palm oil exports to Pakistan slipped to $150 million in Sept '19.", (2019, "2019-09")),
    ("Vietnam sold rice worth $1.4 billion to the Philippines between Jan'21 and Jun'21.", (2021, "2021-01/2021-06")),
    ("Ghana's cocoa receipts from Belgium for Nov'22-Mar'23 totalled €95 million.", (2023, "2022-11/2023-03")),
    ("Zambia's copper exports to China over Aug'23 to Jan'24 reached $2.2 billion.", (2024, "2023-08/2024-01")),
])
def test_month_year_abbreviations_with_an_apostrophe(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text,country,expected", [
    ("Thai rubber exports to Malaysia in CY22 were worth $900 million.", None, (2022, "2022")),
    ("Sri Lankan tea sales to Iran for CY2020 stood at $130 million.", None, (2020, "2020")),
    ("CY-19 imports of Korean steel by India rose 8 percent.", "IND", (2019, "2019")),
    ("Norway's salmon exports to Poland rose to NOK 4 billion in 1Q24.", None, (2024, "2024-01/2024-03")),
    ("Turkish car sales to Germany in 3Q'22 reached €1.1 billion.", None, (2022, "2022-07/2022-09")),
    ("Q4-23 exports of Brazilian soy to Spain fell.", None, (2023, "2023-10/2023-12")),
    ("India's imports of Saudi crude in Q2 FY25 fell to $6 billion.", "IND", (2024, "2024-07/2024-09")),
    ("Pakistan sent textiles worth $300 million to Italy in the third quarter of FY2023-24.", "PAK", (2024, "2024-01/2024-03")),
    ("Australian wheat sales to Indonesia in Q1 of fiscal year 2024-25 rose.", "AUS", (2024, "2024-07/2024-09")),
    ("Japan's purchases of Chilean salmon in 1H23 came to ¥60 billion.", None, (2023, "2023-01/2023-06")),
    ("Mexican avocado exports to Canada in 2H 2022 grew 11 percent.", None, (2022, "2022-07/2022-12")),
    ("Indian rice exports to Benin in H2 FY24 were worth $400 million.", "IND", (2024, "2023-10/2024-03")),
    ("Bangladesh's garment sales to Canada in the first half of FY25 hit $700 million.", "BGD", (2024, "2024-07/2024-12")),
    ("Peruvian zinc exports to Korea in 9M23 reached $500 million.", None, (2023, "2023-01/2023-09")),
    ("Egyptian citrus sales to Russia over 6M-2022 were $210 million.", None, (2022, "2022-01/2022-06")),
    ("India's electronics exports to the UAE in 9MFY24 rose to $2 billion.", "IND", (2023, "2023-04/2023-12")),
])
def test_calendar_quarter_half_and_nine_month_labels(text, country, expected):
    assert read(text, country=country) == expected


@pytest.mark.parametrize("text,country,expected", [
    # Myanmar counted its fiscal year from October for 2018-19 to 2020-21, then had a six-month year
    ("Myanmar's rice exports to China in FY2019-20 reached $300 million.", "MMR", (2020, "2019-10/2020-09")),
    ("Border trade with Thailand in the 2020-21 fiscal year fell to $4 billion.", "MMR", (2021, "2020-10/2021-09")),
    ("Myanmar's trade with India during FY2021-22 came to $900 million.", "MMR", (2022, "2021-10/2022-03")),
    # New Zealand's "year to March", and other twelve-month years named by their last month
    ("Dairy exports to China in the year to March 2023 rose 9 percent.", None, (2023, "2022-04/2023-03")),
    ("Kiwifruit sales to Japan for the year ended June 2024 were NZ$1.2 billion.", "NZL", (2024, "2023-07/2024-06")),
    ("Wool exports to Italy fell in the December 2022 year.", "NZL", (2022, "2022")),
    ("Lamb sales to the UK over the 12 months ending September 2021 reached NZ$600 million.", None, (2021, "2020-10/2021-09")),
    ("Coal shipments to Japan in the June 2023 quarter fell 6 percent.", "AUS", (2023, "2023-04/2023-06")),
    # Nepal's Bikram Sambat fiscal years, from mid-July, counted from August
    ("Nepal's imports from India in FY 2079/80 fell to Rs 1,300 billion.", None, (2023, "2022-08/2023-07")),
    ("Cardamom exports to India in fiscal year 2081/82 rose.", None, (2025, "2024-08/2025-07")),
    ("Nepal bought petroleum worth Rs 300 billion from India in 2078/79.", None, (2022, "2021-08/2022-07")),
    ("In the first six months of FY 2080/81, Nepal's exports to India fell.", None, (2024, "2023-08/2024-01")),
    ("Nepal's trade deficit with China widened in FY 2023/24.", "NPL", (2024, "2023-08/2024-07")),
])
def test_more_fiscal_calendars(text, country, expected):
    assert read(text, country=country) == expected


LAST_YEAR = Span((2023, 1), (2023, 12))


@pytest.mark.parametrize("text,published,frame,expected", [
    # a month range of "this year" counts from the page's date, not from a year stated before it
    ("In the January–July period of this year, Chile's shipments to Peru rose.", "2024-09-03", LAST_YEAR,
     (2024, "2024-01/2024-07")),
    ("From January to the end of July this year, Ghana sold cocoa worth $80 million to Togo.", "2024-08-15", None,
     (2024, "2024-01/2024-07")),
    ("Over the seven months to July this year, Kenyan tea sales to Egypt reached $150 million.", "2024-08-15", None,
     (2024, "2024-01/2024-07")),
])
def test_months_of_this_year(text, published, frame, expected):
    assert read(text, published, frame=frame) == expected


@pytest.mark.parametrize("text,expected", [
    # a look-back phrase right after a figure dates that figure as the base of a comparison
    ("Kenya sold $410 million of tea to Pakistan in 2023; it had sold $380 million the previous year.",
     [("2023", False), ("the previous year", True)]),
    ("Imports of Brazilian maize by Vietnam were 2.3 million tonnes a year ago.", [("a year ago", True)]),
    ("Ghana's cocoa shipments to the Netherlands rose 14% year-on-year in the second quarter.",
     [("year-on-year", True), ("the second quarter", False)]),
    ("Peruvian copper sales to Korea climbed 9.5 percent y-o-y.", [("y-o-y", True)]),
    # ... but not where it opens the sentence or another clause
    ("A year earlier, Jordan's phosphate sales to India were $310 million, 6% higher year-on-year.",
     [("A year earlier", False), ("year-on-year", True)]),
    ("Exports reached $5.2 billion in 2023 and, in the previous year, $4.6 billion, up 9% on 2021.",
     [("2023", False), ("the previous year", False), ("2021", True)]),
    # words of comparison before a year
    ("Trade between Oman and Tanzania in 2023 was twice as high as in 2021.", [("2023", False), ("2021", True)]),
    ("Poland's purchases of Ukrainian grain reached three times the 2019 level.", [("2019", True)]),
    ("Georgian wine exports to Latvia were up 12% on 2022.", [("2022", True)]),
    ("Serbian raspberry sales to France fell 8% (€41 million in 2021).", [("2021", True)]),
])
def test_comparison_phrases(text, expected):
    assert flags(text) == expected
