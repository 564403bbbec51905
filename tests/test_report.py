"""The audit page: marks in each sentence, and the filters, checked in a real headless Chromium."""
import shutil

import pytest
from click.testing import CliRunner

from tradefacts import table
from tradefacts.cli import main
from tradefacts.report import marked_quote

PAGES = {
    "kz_mn.txt": "Kazakhstan and Mongolia trade\n\nTrade between Kazakhstan and Mongolia reached $150 million in 2023. "
                 "Kazakh exports to Mongolia reached $90 million in 2023.",
    "kg_ru.txt": "Kyrgyz-Russian trade\n\nKyrgyz exports to Russia reached $1.2 billion in 2022.",
    "uz_cn.txt": "Uzbekistan and China\n\nUzbekistan and China signed agreements worth $5 billion in 2024.",
}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def report(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    facts = tmp_path / "facts.parquet"
    assert CliRunner().invoke(main, ["extract", str(docs), "-o", str(facts), "-j", "1"]).exit_code == 0
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(facts), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, table.read(facts)


def test_the_sentence_marks_the_figure_the_countries_and_the_year(report):
    _, facts = report
    fact = next(f for f in facts.itertuples() if f.value == 150e6)
    assert marked_quote(fact) == ('Trade between <mark class="country">Kazakhstan</mark> and '
                                  '<mark class="country">Mongolia</mark> reached <mark class="figure">$150 million</mark> '
                                  'in <mark class="year">2023</mark>.')


def test_the_page_needs_no_network(report):
    page = report[0].read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page and "<script src" not in page


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_filtering_in_chromium_shows_one_pairs_rows_and_marks(report):
    from playwright.sync_api import sync_playwright

    out, facts = report
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(out.as_uri())
            assert page.locator("tr.fact:visible").count() == len(facts) == 4
            page.select_option("#pair", "KAZ-MNG")
            rows = page.locator("tr.fact:visible")
            assert rows.count() == 2
            assert page.locator("#shown").inner_text() == "2"
            assert sorted(rows.locator("mark.figure").all_inner_texts()) == ["$150 million", "$90 million"]
            assert set(rows.locator("mark.country").all_inner_texts()) == {"Kazakhstan", "Mongolia", "Kazakh"}
            assert rows.locator("mark.year").all_inner_texts() == ["2023", "2023"]
            assert page.locator("#pairs tr[data-pair]:visible").all_inner_texts()[0].startswith("Kazakhstan – Mongolia")
            page.select_option("#flow", "export")
            assert page.locator("tr.fact:visible").count() == 1
            assert page.locator("tr.fact:visible a").get_attribute("href").endswith("/docs/kz_mn.txt")
            page.select_option("#pair", "")
            assert page.locator("tr.fact:visible").count() == 2  # the Kyrgyz exports too
        finally:
            browser.close()
