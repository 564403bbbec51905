"""Reading files, page dates, listing pages, furniture and sentences."""
import datetime as dt

import pytest

from tradefacts.articles import find_sentences, mask_furniture, split_articles
from tradefacts.documents import find_page_date, read_document

LISTING = """  • KZT/USD = 0.00190 0%
  • TJS/USD = 0.09158 -0.11%
14 December 2024

Viewing results 1 - 6 of 53

First Headline About Trade

Kazakhstan and China agreed on many things in a long paragraph that goes on for a while so that it reads like a teaser of a news article on the page, with enough words.

Second Headline About Deals

Uzbekistan and Turkey signed deals in a long paragraph that goes on for a while so that it reads like a teaser of a news article on the page, with enough words too.

Third Headline On Water

Tajikistan and Kyrgyzstan discussed water in a long paragraph that goes on for a while so that it reads like a teaser of a news article on the page, and more words.
"""


def test_listing_page_splits_into_articles_with_offsets(tmp_path):
    masked, articles = split_articles(LISTING)
    assert [a.title for a in articles] == ["First Headline About Trade", "Second Headline About Deals", "Third Headline On Water"]
    for a in articles:
        assert LISTING[a.start:a.start + len(a.title)] == a.title
    assert len(masked) == len(LISTING)
    assert "KZT/USD" not in masked and "Viewing results" not in masked


def test_single_article_is_one_article():
    text = "A Headline\n\nFirst paragraph of the story, long enough to be a body of text. " * 3
    _, articles = split_articles(text)
    assert len(articles) == 1


@pytest.mark.parametrize("text,expected", [
    ("14 December 2024\n\nViewing results", dt.date(2024, 12, 14)),
    (" date 2023-08-24 Trade grew", dt.date(2023, 8, 24)),
    ("Published 11/20/2025\nText", dt.date(2025, 11, 20)),
    ("Monday, May 6, 2024\nText", dt.date(2024, 5, 6)),
    ("ASTANA, March 3, 2024 - Kazakhstan and China agreed", dt.date(2024, 3, 3)),
    ("On 21 August 2014, during his visit, he said so.", None),
    ("Trade grew this year.", None),
])
def test_page_dates(text, expected):
    assert find_page_date(text)[0] == expected


def test_bom_and_bad_bytes_warn_but_read(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xef\xbb\xbfTrade between Kazakhstan and China reached $5 billion \xff\xfe in 2023.")
    doc = read_document(path, tmp_path)
    assert doc.doc == "odd.txt"
    assert doc.text.startswith("Trade")
    assert len(doc.warnings) == 2
    assert any("byte-order mark" in w for w in doc.warnings)
    assert any("not UTF-8" in w for w in doc.warnings)


def test_masking_keeps_offsets():
    text = "Say. [caption id=\"1\"] Image[/caption] Trade grew."
    masked, spans = mask_furniture(text)
    assert len(masked) == len(text) and "caption" not in masked
    assert [rule for _, _, rule in spans] == ["furniture.caption"]


def test_hard_wrapped_text_reads_across_lines():
    text = ("Azerbaijan and Turkmenistan have discussed opportunities for\n"
            "cooperation in the energy sector, the minister wrote on his\n"
            "page, and the trade turnover between the two countries grew\n"
            "to a record level in the first eight months of the year as\n"
            "officials from both sides said at a meeting in the capital.\n")
    masked, articles = split_articles(text)
    sentences = [masked[s.start:s.end] for s in articles[0].sentences]
    assert len(sentences) == 1


def test_sentences_split_at_stops_not_at_abbreviations():
    text = "Trade with the U.S. grew to $5 bln. Exports rose. On Feb. 23 it fell."
    assert [text[s.start:s.end] for s in find_sentences(text)] == [
        "Trade with the U.S. grew to $5 bln.", "Exports rose.", "On Feb. 23 it fell."]


def test_a_run_without_full_stops_is_read_in_bounded_pieces():
    from tradefacts.articles import MAX_SENTENCE_CHARS

    row = "Kazakhstan 12, Mongolia 7; "
    text = row * 400 + "Trade with China reached $5 billion."
    sentences = find_sentences(text)
    assert len(sentences) > 1
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.end - 1] in ",;." for s in sentences)  # cut after a comma or a semicolon
    assert sentences[0].start == 0 and sentences[-1].end == len(text)
