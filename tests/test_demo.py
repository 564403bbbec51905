"""The bundled demo corpus (written for this project) reads as its articles say."""
import pandas as pd

from tradefacts import extract_paths

from conftest import ROOT


def test_demo_facts():
    frame = extract_paths([ROOT / "datasets" / "demo"])
    got = {(r.doc, r.kind, r.flow, r.a, r.b, r.status, None if pd.isna(r.year) else int(r.year), r.value, r.unit)
           for r in frame.itertuples()}
    expected = {
        ("central_asia_listing.txt", "money", "turnover", "KAZ", "MNG", "actual", 2023, 150e6, "USD"),
        ("central_asia_listing.txt", "money", "turnover", "KAZ", "MNG", "target", 2030, 500e6, "USD"),
        ("central_asia_listing.txt", "money", "export", "UZB", "TUR", "actual", 2024, 312.5e6, "USD"),
        ("central_asia_listing.txt", "money", "investment", "CHN", "TJK", "target", None, 1.2e9, "USD"),
        ("kyrgyz_russian_trade.txt", "money", "turnover", "KGZ", "RUS", "actual", 2023, 3.16e9, "USD"),
        ("kyrgyz_russian_trade.txt", "money", "export", "RUS", "KGZ", "actual", 2023, 2.71e9, "USD"),
        ("kyrgyz_russian_trade.txt", "money", "export", "KGZ", "RUS", "actual", 2023, 450e6, "USD"),
        ("kyrgyz_russian_trade.txt", "money", "turnover", "KGZ", "RUS", "actual", 2024, 41.3e9, "RUB"),
        ("caspian_gas_deal.txt", "money", "deal", "TKM", "AZE", "actual", 2025, 1.1e9, "USD"),  # signed: the page's year
        ("caspian_gas_deal.txt", "quantity", "export", "TKM", "AZE", "actual", 2024, 1.4e9, "m3"),
        ("india_uae_fiscal_year.txt", "money", "turnover", "IND", "ARE", "actual", 2024, 83.6e9, "USD"),
        ("india_uae_fiscal_year.txt", "money", "import", "IND", "ARE", "actual", 2024, 48e9, "USD"),
    }
    assert expected <= got, expected - got
    assert not frame[frame["doc"] == "kazakhstan_economy.txt"].shape[0], "a page with no pair fact stays silent"
    # the ticker on the listing page is furniture
    assert not (frame["quote"].str.contains("KZT/USD")).any()
