"""Property tests of the text path: no text or bytes make it raise, and every row it writes
points at its own words."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradefacts import find_amounts
from tradefacts.corpus import extract_item
from tradefacts.documents import DocumentError, document_from_record
from tradefacts.sources import Record

# words the rules react to, so that random sentences reach deep into the linker
VOCABULARY = [
    "Kazakhstan", "Mongolia", "Kyrgyz-Russian", "Chinese", "the two countries", "Tashkent", "between", "and",
    "trade", "turnover", "exports", "imports", "investment", "agreements", "signed", "worth", "reached", "grew",
    "by", "to", "from", "in", "this year", "last year", "January-April", "2023", "2024", "H1", "FY2022-23",
    "$", "US$", "€", "USD", "tenge", "rubles", "million", "billion", "bln", "mln", "thousand", "crore",
    "percent", "%", "fold", "doubled", "tons", "bcm", "barrels", "about", "over", "up to", "nearly", "-", "–",
    "(", ")", ",", ".", ";", ":", "\n", "\n\n", "1", "74.8", "1,500", "0.5", "5/8", "one", "half", "twelve",
    "KZT/USD = 0.00190 0%", "Viewing results 1 - 6 of 63", "[caption id=1]", "[/caption]", "respectively",
]
noise = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6)), max_size=30).map(" ".join)
# sentences shaped like the ones that hold facts, with noise in between, so that the linker's
# deeper paths (pairs, flows, periods, lists, frames) run on odd inputs
COUNTRIES = ["Kazakhstan", "Mongolia", "Russia", "China", "Kyrgyzstan", "Uzbek", "Turkish", "Astana", "the two countries"]
FLOWS = ["trade turnover", "exports", "imports from", "investment in", "trade", "agreements worth"]
VERBS = ["reached", "amounted to", "grew by", "fell to", "is expected to reach", "were signed for", "stood at", ""]
AMOUNTS = ["$74.8 million", "1.5 bln tenge", "US$3 billion", "€2.3bn", "one billion dollars", "16 percent",
           "5.5-fold", "1.4 million tons", "10 bcm", "about $500 million", "from $2.5 billion to $5 billion", "$1"]
PERIODS = ["in 2017", "in January-April 2023", "this year", "by 2030", "last year", "in the first half of 2022", ""]
sentence = st.tuples(
    st.sampled_from(COUNTRIES), st.sampled_from([" and ", "-", "'s ", " to "]), st.sampled_from(COUNTRIES),
    st.sampled_from(FLOWS), st.sampled_from(VERBS), st.sampled_from(AMOUNTS), st.sampled_from(PERIODS), noise,
    st.sampled_from([".", ";", ",", "\n\n", ""]),
).map(lambda p: f"{p[0]}{p[1]}{p[2]} {p[3]} {p[4]} {p[5]} {p[6]} {p[7]}{p[8]}")
news_like = st.lists(st.one_of(sentence, noise), min_size=1, max_size=8).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_like)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_rows(text: str, outcome) -> None:
    assert not outcome.failed, outcome.problems
    for fact in outcome.facts:
        assert 0 <= fact.start < fact.end <= len(text)
        assert text[fact.start:fact.end].strip()
        assert fact.a != fact.b and fact.kind in ("money", "quantity", "change")


@SETTINGS
@given(any_text)
def test_any_text_extracts_without_error_and_rows_point_at_their_words(text):
    check_rows(text, extract_item(Record("t.txt", "/t.txt", text, "text")))


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_read_as_a_document_or_a_clear_refusal(data):
    record = Record("b.txt", "/b.txt", data, "text")
    try:
        document = document_from_record(record)
    except DocumentError as exc:
        assert "binary" in str(exc)
        return
    check_rows(document.text, extract_item(record))


@SETTINGS
@given(st.binary(max_size=600) | news_like.map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()))
def test_any_html_bytes_never_raise(data):
    outcome = extract_item(Record("p.html", "/p.html", data, "html"))
    assert all(p.stage in ("read", "extract") for p in outcome.problems)
    assert all(p.level == "warning" or "binary" in p.error or "HTML" in p.error for p in outcome.problems)


@SETTINGS
@given(any_text)
def test_amounts_lie_inside_the_text(text):
    for amount in find_amounts(text):
        assert 0 <= amount.start <= amount.number_start < amount.end <= len(text)
