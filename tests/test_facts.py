"""The fact layer, as a table of short texts and the facts expected in them (texts written for
these tests; the dev-set test reads real pages)."""
import pandas as pd
import pytest

from tradefacts import extract_text


def facts(text, published=None):
    frame = extract_text(text, doc="t.txt", published=published)
    return [(r.kind, r.flow, r.a, r.b, r.status, None if pd.isna(r.year) else int(r.year), r.value, r.unit, r.approx)
            for r in frame.itertuples()]


CASES = [
    # pair and flow named in the sentence
    ("Trade between Kazakhstan and Mongolia reached $150 million in 2023.",
     [("money", "turnover", "KAZ", "MNG", "actual", 2023, 150e6, "USD", "exact")]),
    # the pair from the article's context
    ("Kazakhstan and Mongolia held talks. Trade turnover between the countries fell to $29.3 million in 2020.",
     [("money", "turnover", "KAZ", "MNG", "actual", 2020, 29.3e6, "USD", "exact")]),
    # demonym pair, change with a relative year and a page date
    ("During the first eight months of this year, Kyrgyz-Russian trade turnover has grown by 16 percent.",
     [("change", "turnover", "KGZ", "RUS", "actual", None, 16, "%", "exact")]),
    # direction of an export
    ("Tajikistan exported goods worth $95.8 million to Uzbekistan in the first half of 2022.",
     [("money", "export", "TJK", "UZB", "actual", 2022, 95.8e6, "USD", "exact")]),
    # direction of an import
    ("Nigeria's imports from China stood at US$6.08 billion in 2019.",
     [("money", "import", "NGA", "CHN", "actual", 2019, 6.08e9, "USD", "exact")]),
    # a range: the start is actual, the end the target
    ("Turkmenistan and Turkey plan to double their annual trade turnover from $2.5 billion to $5 billion.",
     [("money", "turnover", "TKM", "TUR", "actual", None, 2.5e9, "USD", "exact"),
      ("change", "turnover", "TKM", "TUR", "target", None, 2, "x", "exact"),
      ("money", "turnover", "TKM", "TUR", "target", None, 5e9, "USD", "exact")]),
    # a series, one fact per year
    ("Trade between Kazakhstan and Mongolia fell. In 2017, its level was $74.8 million; in 2018 - $67.4 million.",
     [("money", "turnover", "KAZ", "MNG", "actual", 2017, 74.8e6, "USD", "exact"),
      ("money", "turnover", "KAZ", "MNG", "actual", 2018, 67.4e6, "USD", "exact")]),
    # "turn over" is not "over"
    ("Kazakhstan and Mongolia agreed to turn over $500 million in the foreseeable future.",
     [("money", "turnover", "KAZ", "MNG", "target", None, 500e6, "USD", "exact")]),
    # one figure in two currencies
    ("Trade between Russia and Kazakhstan reached almost 716 billion rubles ($8.7 billion) in 2023.",
     [("money", "turnover", "RUS", "KAZ", "actual", 2023, 716e9, "RUB", "approx"),
      ("money", "turnover", "RUS", "KAZ", "actual", 2023, 8.7e9, "USD", "approx")]),
    # a signed deal
    ("Uzbekistan and China signed agreements worth $15 bln in 2022.",
     [("money", "deal", "UZB", "CHN", "actual", 2022, 15e9, "USD", "exact")]),
    # investment, investor first
    ("Japan will invest 5 trillion yen in India.",
     [("money", "investment", "JPN", "IND", "target", None, 5e12, "JPY", "exact")]),
    # a list of partners, the reporter from the article
    ("In 2022, India's largest partners by trade volume were China ($50.8 billion) and the UAE ($36.8 billion).",
     [("money", "turnover", "IND", "CHN", "actual", 2022, 50.8e9, "USD", "exact"),
      ("money", "turnover", "IND", "ARE", "actual", 2022, 36.8e9, "USD", "exact")]),
    # a country after the next statement's figure is that statement's, not this one's
    ("In 2023 Georgia exported wine worth $61 million and imported $97 million worth of Turkish machinery.",
     [("money", "export", "GEO", "TUR", "actual", 2023, 61e6, "USD", "exact"),
      ("money", "import", "GEO", "TUR", "actual", 2023, 97e6, "USD", "exact")]),
    # the role of a country named in another clause orders the pair; a city named without a role does not
    ("Uzbekistan's trade with Tajikistan grew in 2023. Exports of Uzbek cement increased 1.8 times, "
     "while fruit shipments rose 2.2 times, Tashkent-based media reported.",
     [("change", "export", "UZB", "TJK", "actual", 2023, 1.8, "x", "exact"),
      ("change", "export", "UZB", "TJK", "actual", 2023, 2.2, "x", "exact")]),
    # "made up of" holds "up" but says no rise: the percentages are shares
    ("In 2019, 40 percent of South Korea's exports to Vietnam were made up of phones, followed by chemicals at 12.5 percent.", []),
    # a pair named behind a comma after the figure is a reason's, not the figure's
    ("Turkey imported 2.3 million tons of Russian wheat in May, at least four times compared to last year's imports, "
     "after freight costs fell due to the Iran-Iraq border reopening.",
     [("quantity", "import", "TUR", "RUS", "actual", None, 2.3e6, "t", "exact"),
      ("change", "import", "TUR", "RUS", "actual", None, 4, "x", "min")]),
    # the head noun is what a figure measures, not the flow word that completes it
    ("Pakistan's bilateral trade of imports of fuel with Qatar rose to $3.1 billion in 2021.",
     [("money", "turnover", "PAK", "QAT", "actual", 2021, 3.1e9, "USD", "exact")]),
    ("China's share in Brazil's total trade has increased to 28.4% in 2022, up from 26.1% in 2021.", []),
    # a ranking of partners: each figure is the reporting country's flow with the partner named beside it
    ("Turkmenistan's largest partner was India, with trade of $3.1 billion. Second place went to Iran "
     "($1.2 billion), followed by Oman with $840 million.",
     [("money", "turnover", "TKM", "IND", "actual", None, 3.1e9, "USD", "exact"),
      ("money", "turnover", "TKM", "IRN", "actual", None, 1.2e9, "USD", "exact"),
      ("money", "turnover", "TKM", "OMN", "actual", None, 840e6, "USD", "exact")]),
    ("Chile's copper exports rose in 2022. Peru came fourth with a turnover of $2.4 billion.",
     [("money", "turnover", "CHL", "PER", "actual", 2022, 2.4e9, "USD", "exact")]),
    ("Armenia's trade with its partners grew in 2023. Georgia rounded out the top three, with trade up 9 percent "
     "to $1.3 billion.",
     [("change", "turnover", "ARM", "GEO", "actual", 2023, 9, "%", "exact"),
      ("money", "turnover", "GEO", "ARM", "actual", 2023, 1.3e9, "USD", "exact")]),
    # the flow of a list of partners goes on into the ranking after it, with the reporting country
    ("Belarus sold 2.1 million tons of potash abroad in 2023, mainly to Brazil (900,000 tons). Indonesia "
     "accounted for the largest volume of fertilizer, 310,000 tons, followed by Vietnam with 120,000 tons.",
     [("quantity", "export", "BLR", "BRA", "actual", 2023, 900e3, "t", "exact"),
      ("quantity", "export", "BLR", "IDN", "actual", 2023, 310e3, "t", "exact"),
      ("quantity", "export", "BLR", "VNM", "actual", 2023, 120e3, "t", "exact")]),
    # "sent" is an export; a country heading another figure of the sentence is that figure's partner,
    # so the total sent abroad is no pair fact
    ("Uzbekistan sent 900,000 tons of cement abroad in 2023, mainly to Tajikistan (400,000 tons) and "
     "Afghanistan (250,000 tons).",
     [("quantity", "export", "UZB", "TJK", "actual", 2023, 400e3, "t", "exact"),
      ("quantity", "export", "UZB", "AFG", "actual", 2023, 250e3, "t", "exact")]),
    ("Peru sends much of its fishmeal to China, 1.2 million tons in 2023.",
     [("quantity", "export", "PER", "CHN", "actual", 2023, 1.2e6, "t", "exact")]),
    # the flow of a list goes on only into a sentence that goes on ranking: not into another topic
    ("In 2023 Chile sold copper mainly to Japan (2 million tons) and Korea (1 million tons). The mining "
     "output of Chile increased by 3 percent.",
     [("quantity", "export", "CHL", "JPN", "actual", 2023, 2e6, "t", "exact"),
      ("quantity", "export", "CHL", "KOR", "actual", 2023, 1e6, "t", "exact")]),
    # a percentage in brackets after a noun is a share of the flow, not a change of it
    ("Chile's exports to Peru fell in 2023, with fish products (28.3%), copper (18%) and fruit (9.9%) leading.", []),
    ("Uzbekistan exports to Kazakhstan mostly textiles (41%) and fruit (22%).", []),
    ("Kenya's exports to Uganda grew by 12% (tea and coffee) in 2023.",
     [("change", "export", "KEN", "UGA", "actual", 2023, 12, "%", "exact")]),
    # a change is compared "on" or "over" its base: that year is the base's, not the change's
    ("Kenya's exports to Uganda rose 12 percent on 2022 to $700 million in 2023.",
     [("change", "export", "KEN", "UGA", "actual", 2023, 12, "%", "exact"),
      ("money", "export", "KEN", "UGA", "actual", 2023, 700e6, "USD", "exact")]),
    ("Ghana's cocoa exports to the Netherlands climbed 81 percent over the previous year, reaching $900 million in 2021.",
     [("change", "export", "GHA", "NLD", "actual", 2021, 81, "%", "exact"),
      ("money", "export", "GHA", "NLD", "actual", 2021, 900e6, "USD", "exact")]),
    # words of a fall that news uses: "tanked", "slid", "fewer"
    ("Chile's imports from Peru tanked 27.3 percent on-year in 2024, while exports to Peru slid 4 percent.",
     [("change", "import", "CHL", "PER", "actual", 2024, -27.3, "%", "exact"),
      ("change", "export", "CHL", "PER", "actual", 2024, -4, "%", "exact")]),
    ("Latvian exports to Estonia were 7.0 percent fewer than in 2022, at 1.1 million tons in 2023.",
     [("change", "export", "LVA", "EST", "actual", 2023, -7, "%", "exact"),
      ("quantity", "export", "LVA", "EST", "actual", 2023, 1.1e6, "t", "exact")]),
    # "A and B percent, respectively": the first shares the unit and the direction of the second
    ("In 2023, Kazakh exports of wheat and flour to China fell by 12 and 8 percent, respectively.",
     [("change", "export", "KAZ", "CHN", "actual", 2023, -12, "%", "exact"),
      ("change", "export", "KAZ", "CHN", "actual", 2023, -8, "%", "exact")]),
    # money paid "from the deal" goes on with the article's flow; it is not the deal's signed value
    ("Qatar put $2 billion into Jordan as the first tranche of a large investment deal. "
     "Jordan got another $3 billion of funding from the deal in May.",
     [("money", "investment", "QAT", "JOR", "actual", None, 2e9, "USD", "exact"),
      ("money", "investment", "QAT", "JOR", "actual", None, 3e9, "USD", "exact")]),
    # no pair, no fact
    ("Kazakhstan's agricultural exports reached $5.4 billion in 2023.", []),
    ("The population of Uzbekistan passed 36 million people, and its GDP reached $90 billion.", []),
    ("Kazakhstan's trade deficit with China reached $1.2 billion.", []),
    ("Trade between Kazakhstan and China increased by $260 million.", []),
    ("Iran's trade with its neighbours reached $30 billion in 2023.", []),
    ("China's trade with Kazakhstan, Uzbekistan and Kyrgyzstan reached $40 billion.", []),
    ("Gold traded at $300 per ounce as Russia and China met.", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_facts(text, expected):
    got = facts(text)
    assert sorted(got, key=str) == sorted([tuple(pytest.approx(x) if isinstance(x, float) else x for x in e) for e in expected], key=str)


def test_relative_year_resolves_against_the_page_date():
    got = facts("Kazakhstan's trade with Afghanistan reached $335.9 million in the first eight months of this year.",
                published="2024-10-22")
    assert [(g[5], g[1]) for g in got] == [(2024, "turnover")]


def test_a_repeated_figure_is_one_fact():
    text = ("Kazakhstan Reports $336 Million Trade With Afghanistan\n\n"
            "Kazakhstan's trade with Afghanistan reached $335.9 million this year, the minister said.")
    got = facts(text)
    assert [g[6] for g in got] == [pytest.approx(335.9e6)]


def test_rows_cite_their_source():
    text = "Intro line.\n\nTrade between Kazakhstan and Mongolia reached $150 million in 2023."
    frame = extract_text(text, doc="d.txt")
    row = frame.iloc[0]
    assert text[row["start"]:row["end"]] == "$150 million"
    assert "Kazakhstan and Mongolia" in row["quote"]
    assert row["doc"] == "d.txt" and "flow.turnover" in row["rule"]


def test_a_part_of_a_figure_close_to_it_is_a_fact_of_its_own():
    frame = extract_text("Kazakh imports from China reached $5.076 billion in 2023, "
                         "of which gas supplies accounted for $5.058 billion.")
    assert sorted(zip(frame["flow"], frame["value"])) == [("import", 5.058e9), ("import", 5.076e9)]
    assert "flow.part_of" in frame.loc[frame["value"] == 5.058e9, "rule"].iloc[0]


def test_respectively_hands_out_the_periods_stated_before_the_run():
    frame = extract_text("Kyrgyz exports to Russia rose to $1.2 billion in 2023 from $1.1 billion in 2022, "
                         "while imports from Russia were $2.9 billion and $2.6 billion, respectively.")
    imports = frame[frame["flow"] == "import"].sort_values("value")
    assert list(zip(imports["value"], imports["year"])) == [(2.6e9, 2022), (2.9e9, 2023)]
    assert all("period.respectively" in r for r in imports["rule"])


def test_a_figure_in_brackets_of_the_same_unit_is_another_figure_with_its_own_period():
    frame = extract_text("Trade between Armenia and Iran reached $2.1 billion in January-April 2023 "
                         "($1.9 billion over the same period of 2022).")
    assert sorted(zip(frame["value"], frame["period"])) == [(1.9e9, "2022-01/2022-04"), (2.1e9, "2023-01/2023-04")]


def test_the_reporter_named_after_the_last_figure_still_decides_the_pair():
    # the sentences after the last figure are read for countries only; the reporting country
    # may be named there, and gives the exporter of the figure before it
    text = ("Exports to China rose to $5 billion in 2023, the ministry said.\n\n"
            "The figures were published in Astana by Kazakhstan's statistics bureau on Monday.")
    assert facts(text) == [("money", "export", "KAZ", "CHN", "actual", 2023, 5e9, "USD", "exact")]
    # and nothing after the last figure is a fact of its own
    assert len(facts(text + " Officials expect trade with China to grow further.")) == 1


def test_in_a_series_the_year_before_a_comma_is_the_previous_figures():
    frame = extract_text("Trade between India and Nepal was $7.4 billion in 2019-20, $6.9 billion in 2018-19, "
                         "and $7.8 billion in 2017-18.")
    assert list(zip(frame["value"], frame["period"])) == [
        (7.4e9, "2019-04/2020-03"), (6.9e9, "2018-04/2019-03"), (7.8e9, "2017-04/2018-03")]
    # a figure in brackets right after its year keeps that year
    frame = extract_text("Trade between India and Nepal passed $7 billion twice: in 2017-18 ($7.8 billion) "
                         "and in 2019-20 ($7.4 billion).")
    assert (7.8e9, "2017-04/2018-03") in list(zip(frame["value"], frame["period"]))


def test_a_promise_whose_agreements_the_next_sentence_says_were_signed_is_a_signed_deal():
    import datetime as dt
    text = "Uzbekistan will supply textiles worth $42 million to Turkmenistan. The supply contracts were signed at the fair."
    assert facts(text, published=dt.date(2023, 5, 4)) == [
        ("money", "deal", "UZB", "TKM", "actual", 2023, 42e6, "USD", "exact")]
    # a signing that is not about the sentence before leaves the promise a target
    other = "Uzbekistan will supply textiles worth $42 million to Turkmenistan. Separately, Kazakhstan signed a visa deal."
    assert [f[1:5] for f in facts(other)] == [("export", "UZB", "TKM", "target")]


def test_the_period_of_a_figure_given_for_comparison_frames_nothing_after_it():
    import datetime as dt
    text = ("Trade between Iraq and Turkey reached $4.61 billion in the first five months of 2023. "
            "The five-month trade increased by six percent as the figure was $4.35 billion in the first five months of 2022.\n\n"
            "Iraq's exports to Turkey in the mentioned five months fell by 12 percent and reached $0.83 billion.")
    frame = extract_text(text, published=dt.date(2023, 7, 2))
    periods = dict(zip(frame["value"], frame["period"]))
    assert periods[4.35e9] == "2022-01/2022-05"  # its own period stays
    assert periods[0.83e9] == "2023-01/2023-05" and periods[-12] == "2023-01/2023-05"


def test_the_date_of_a_figure_that_is_no_trade_frames_nothing():
    import datetime as dt
    text = ("In 2022, Chile's exports to China totalled $38.2 billion. China smelted 54.1% of "
            "the world's copper in April 2023, an industry group said.\n\n"
            "Copper exports to China totalled $25.6 billion.")
    frame = extract_text(text, published=dt.date(2023, 6, 12))
    assert dict(zip(frame["value"], frame["period"])) == {38.2e9: "2022", 25.6e9: "2022"}


def test_a_date_line_written_out_after_the_page_date_is_furniture_not_a_period():
    text = (" date 2021-09-14 14 September 2021 11:05 (UTC+04:00)\n\nBy Staff\n\n"
            "Armenia exported goods worth $51.2 million to Georgia in the first half of 2021.\n\n"
            "The main export goods of Armenia to Georgia were:\n\n- Copper ($11.4 million);\n\n- Brandy ($6.3 million).")
    frame = extract_text(text)
    assert set(frame["period"]) == {"2021-01/2021-06"} and len(frame) == 3
    assert "September" not in set(frame["article"]).pop()


def test_every_date_line_of_a_page_is_furniture():
    text = ("Published 5 May 2023\n\nTrade between Kazakhstan and China reached $5 billion in 2022.\n\n"
            "12 June 2023\n\nKazakh exports to China rose to $2 billion.")
    frame = extract_text(text)
    assert dict(zip(frame["value"], frame["year"])) == {5e9: 2022, 2e9: 2022}
    assert str(frame["published"].iloc[0])[:10] == "2023-05-05"


def test_a_figure_with_its_own_month_right_after_it_does_not_take_the_period_before_the_dash():
    import datetime as dt
    text = ("Trade between Turkey and Georgia grew by over 200% in three months – 210.5% in June, 233.2% in July "
            "and 251.9% in August – against the same months a year before.")
    frame = extract_text(text, published=dt.date(2022, 10, 1))
    periods = dict(zip(frame["value"], frame["period"]))
    assert (periods[210.5], periods[233.2], periods[251.9]) == ("2022-06", "2022-07", "2022-08")
