"""Direction: a pair put in ANNOTATION.md's order (exporter first, importer first, investor
first) by the roles of the countries' mentions near the figure."""
from __future__ import annotations

from ..countries import CountryMention
from .context import Context
from .fact import UNORDERED
from .mentions import Mentions


def ordered(flow, a, b, near: list[CountryMention], m: Mentions, ctx: Context, reporter_first: bool = True,
            fig_start: int = 0):
    """The pair in the flow's order. The roles come from the countries near the figure; with
    none marked, the pair keeps the order given, or (`reporter_first`) puts the article's
    reporting country first."""
    if flow in UNORDERED or a == b:
        return a, b
    marks = {}
    # the mention nearest the figure that has a role speaks for its country ("Exports of Uzbek
    # cement ... rose 2.2 times, Tashkent-based media reported": the media's city says nothing)
    for c in sorted(near, key=lambda c: abs(c.start - fig_start)):
        if c.iso3 in (a, b) and c.iso3 not in marks and m.roles[id(c)]:
            marks[c.iso3] = m.roles[id(c)]
    marks.setdefault(a, set())
    marks.setdefault(b, set())
    a_marks, b_marks = marks[a], marks[b]
    if not a_marks and not b_marks:
        return (b, a) if reporter_first and ctx.reporter == b else (a, b)
    if flow == "export":
        if ("destination" in a_marks and "destination" not in b_marks) or ("origin" in b_marks and "origin" not in a_marks):
            return b, a
    elif flow == "import":
        if (("origin" in a_marks and "origin" not in b_marks)
                or ("importer" in b_marks and "importer" not in a_marks)
                or ("reporter" in b_marks and "reporter" not in a_marks and "origin" not in b_marks)):
            return b, a
    elif flow == "investment":
        a_host = bool({"host", "destination"} & a_marks)
        b_host = bool({"host", "destination"} & b_marks)
        if "investor" in a_marks or "investor" in b_marks:  # "Japanese FDI": the investor, whatever else
            return (b, a) if "investor" in b_marks and "investor" not in a_marks else (a, b)
        if (a_host and not b_host) or ("origin" in b_marks and "origin" not in a_marks):
            return b, a
    return a, b
