"""Time phrases and how they resolve, as a table."""
import datetime as dt

import pytest

from tradefacts.periods import Span, find_periods, fiscal_start, resolve


def read(text, published=None, country=None, frame=None):
    mentions = find_periods(text)
    assert mentions, f"no period in {text!r}"
    span = resolve(mentions[0], dt.date.fromisoformat(published) if published else None, frame, fiscal_start(country))
    return (span.year, span.text) if span else (None, None)


@pytest.mark.parametrize("text,published,country,expected", [
    ("in 2017", None, None, (2017, "2017")),
    ("January-April 2023", None, None, (2023, "2023-01/2023-04")),
    ("from January through August", "2023-10-04", None, (2023, "2023-01/2023-08")),
    ("the first eight months of this year", "2024-10-22", None, (2024, "2024-01/2024-08")),
    ("the first eight months of this year", None, None, (None, None)),
    ("last year", "2011-12-25", None, (2010, "2010")),
    ("this year", None, None, (None, None)),
    ("at the end of 2023", None, None, (2023, "2023")),
    ("by 2030", None, None, (2030, "2030")),
    ("Q1 2024", None, None, (2024, "2024-01/2024-03")),
    ("the first half of 2022", None, None, (2022, "2022-01/2022-06")),
    ("FY 2022-23", None, "IND", (2023, "2022-04/2023-03")),
    ("FY20", None, "PAK", (2020, "2019-07/2020-06")),
    ("FY 2022/2023", None, "EGY", (2023, "2022-07/2023-06")),
    ("from 2007 through 2023", None, None, (2023, "2007-01/2023-12")),
    ("year 1401", None, None, (2023, "2022-04/2023-03")),
    ("the first five months of the current Iranian year", "2024-09-07", None, (2024, "2024-04/2024-08")),
    ("in April", "2021-05-07", None, (2021, "2021-04")),
])
def test_periods(text, published, country, expected):
    assert read(text, published, country) == expected


def test_same_period_takes_the_months_of_the_frame():
    frame = Span((2022, 1), (2022, 6))
    assert read("compared to the same period of 2021", frame=frame) == (2021, "2021-01/2021-06")
    assert read("the same period last year", frame=frame) == (2021, "2021-01/2021-06")


def test_year_on_year_is_not_a_period():
    assert not [m for m in find_periods("rose 5 percent year-on-year") if m.rule == "period.relative_year"]


def test_comparisons_are_marked():
    mentions = find_periods("rose by 5.4% in 2023 compared with 2022")
    assert [m.comparative for m in mentions] == [False, True]
