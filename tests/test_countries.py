import pytest

from tradefacts.countries import find_countries


@pytest.mark.parametrize("text,expected", [
    ("Kyrgyz-Russian trade", ["KGZ", "RUS"]),
    ("Kazakh-Afghan relations", ["KAZ", "AFG"]),
    ("trade between Astana and Moscow", ["KAZ", "RUS"]),
    ("Sino-Indian ties", ["CHN", "IND"]),
    ("Uzbekistan’s exports to Türkiye", ["UZB", "TUR"]),
    ("the UAE and S. Korea", ["ARE", "KOR"]),
    ("exports to Latin America and the Indian Ocean", []),
    ("$5 billion in US dollars", []),
    ("Minsk Oblast and China", ["CHN"]),
    ("Papua New Guinea and Guinea", ["PNG", "GIN"]),
])
def test_countries(text, expected):
    assert [c.iso3 for c in find_countries(text)] == expected
