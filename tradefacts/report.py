"""The audit page: one self-contained HTML file to check every fact against its sentence.

`tradefacts report facts.parquet -o report.html` writes the consolidated pair table and,
for each fact, its sentence with the figure, the countries and the year marked, and a link
back to the document and the figure's character offsets. Two menus filter the page by pair
and by flow. The page needs no network: its style and script are inside it.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from . import pairtable
from .amounts import find_amounts
from .consolidate import consolidate
from .countries import find_countries
from .pairtable import FLOW_ORDER, format_value
from .patterns import compile as compile_pattern
from .table import atomic_output

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
.filters { position: sticky; top: 0; background: #fff; padding: .5em 0; border-bottom: 1px solid #ddd; }
.filters label { margin-right: 1.2em; }
.fact .quote { max-width: 60em; }
mark.figure { background: #ffe08a; } mark.country { background: #bfe3ff; } mark.year { background: #c8f0c8; }
.target { font-style: italic; }
.count { color: #555; }
"""

SCRIPT = """
function applyFilters() {
  const pair = document.getElementById('pair').value, flow = document.getElementById('flow').value;
  let shown = 0;
  document.querySelectorAll('[data-pair]').forEach(function (el) {
    const visible = (!pair || el.dataset.pair === pair) && (!flow || !el.dataset.flow || el.dataset.flow === flow);
    el.hidden = !visible;
    if (visible && el.classList.contains('fact')) { shown += 1; }
  });
  document.getElementById('shown').textContent = shown;
}
document.getElementById('pair').addEventListener('change', applyFilters);
document.getElementById('flow').addEventListener('change', applyFilters);
applyFilters();
"""

_WORD_EDGE = r"(?<![\w.,])"


def _pair_key(a: str, b: str) -> str:
    return "-".join(sorted((str(a), str(b))))


def _marks(fact) -> list[tuple[int, int, str]]:
    """Spans of the quote to mark: the figure (read again by the amount reader), the two
    countries, and the year."""
    quote = fact.quote or ""
    spans = []
    figures = [a for a in find_amounts(quote) if a.kind == fact.kind and a.unit == fact.unit
               and abs(a.value - fact.value) <= 1e-6 * max(1.0, abs(fact.value))]
    spans += [(a.start, a.end, "figure") for a in figures[:1]]
    spans += [(c.start, c.end, "country") for c in find_countries(quote) if c.iso3 in (str(fact.a), str(fact.b))]
    if pd.notna(fact.year):
        spans += [(m.start(), m.end(), "year") for m in compile_pattern(rf"{_WORD_EDGE}{int(fact.year)}(?!\d)").finditer(quote)]
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def marked_quote(fact) -> str:
    """The fact's sentence as HTML, with <mark class="figure|country|year"> around its parts."""
    quote, out, at = fact.quote or "", [], 0
    for start, end, kind in _marks(fact):
        out += [html.escape(quote[at:start]), f'<mark class="{kind}">{html.escape(quote[start:end])}</mark>']
        at = end
    out.append(html.escape(quote[at:]))
    return "".join(out)


def _document_link(fact) -> str:
    target = Path(str(fact.source))
    href = target.as_uri() if target.is_absolute() else html.escape(str(fact.source))
    return (f'<a href="{href}">{html.escape(str(fact.doc))}</a> '
            f'<span class="count">characters {int(fact.start)}–{int(fact.end)}</span>')


def _option(value: str, label: str) -> str:
    return f'<option value="{html.escape(value)}">{html.escape(label)}</option>'


def render(facts: pd.DataFrame, title: str = "tradefacts: facts and their sources") -> str:
    """The whole page as a string."""
    facts = facts.sort_values(["doc", "start"]).reset_index(drop=True)
    names = {}
    for a, b, an, bn in zip(facts["a"], facts["b"], facts["a_name"], facts["b_name"]):
        names[_pair_key(a, b)] = " – ".join(sorted((str(an), str(bn))))
    flows = [f for f in FLOW_ORDER if f in set(facts["flow"].astype(str))]
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="count">{len(facts)} facts from {facts["doc"].nunique()} documents; '
        f'<span id="shown">{len(facts)}</span> shown.</p>',
        '<div class="filters"><label>pair <select id="pair"><option value="">all pairs</option>',
        *[_option(key, names[key]) for key in sorted(names, key=names.get)],
        '</select></label><label>flow <select id="flow"><option value="">all flows</option>',
        *[_option(f, f) for f in flows],
        "</select></label></div>",
        "<h2>Pairs by year</h2>", _pair_table(facts),
        "<h2>Facts</h2>", '<table id="facts"><thead><tr><th>pair</th><th>flow</th><th>year</th><th>figure</th>'
        "<th>in USD</th><th>sentence</th><th>source</th></tr></thead><tbody>",
    ]
    for fact in facts.itertuples(index=False):
        figure = format_value(float(fact.value), str(fact.unit)) + (" (target)" if fact.status == "target" else "")
        usd = "" if pd.isna(fact.value_usd) else format_value(float(fact.value_usd), "USD")
        direction = f"{fact.a}→{fact.b}" if fact.flow in ("export", "import", "investment") else f"{fact.a}–{fact.b}"
        parts.append(
            f'<tr class="fact" data-pair="{_pair_key(fact.a, fact.b)}" data-flow="{html.escape(str(fact.flow))}">'
            f"<td>{html.escape(direction)}</td><td>{html.escape(str(fact.flow))}</td>"
            f"<td>{'' if pd.isna(fact.year) else int(fact.year)}</td>"
            f'<td class="{"target" if fact.status == "target" else ""}">{html.escape(figure)}</td>'
            f'<td title="{html.escape(str(fact.fx_source or ""))}">{html.escape(usd)}</td>'
            f'<td class="quote">{marked_quote(fact)}</td><td>{_document_link(fact)}</td></tr>')
    parts += ["</tbody></table>", f"<script>{SCRIPT}</script></body></html>"]
    return "\n".join(parts)


def _pair_table(facts: pd.DataFrame) -> str:
    """The consolidated pair table `tradefacts pairs --consolidated` prints, as HTML, its
    footnotes (the sentences behind each entry) folded away under it."""
    result = pairtable.build(consolidate(facts))
    out = ['<table id="pairs"><thead><tr><th>pair</th><th>year</th>',
           *[f"<th>{html.escape(f)}</th>" for f in result.flows], "</tr></thead><tbody>"]
    for row in result.rows:
        out.append(f'<tr data-pair="{"-".join(row.pair)}"><td>{html.escape(" – ".join(row.names))}</td>'
                   f'<td>{"" if row.year is None else row.year}</td>')
        out += [f"<td>{'<br>'.join(html.escape(cell) for cell in row.cells.get(f, []))}</td>" for f in result.flows]
        out.append("</tr>")
    out.append("</tbody></table><details><summary>sources of the pair table</summary><ol>")
    out += [f"<li>{html.escape(note)}</li>" for note in result.footnotes]
    out.append("</ol></details>")
    return "".join(out)


def write_report(facts: pd.DataFrame, output: str | Path) -> Path:
    """Write the page, whole or not at all."""
    output = Path(output)
    page = render(facts)
    with atomic_output(output) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return output
