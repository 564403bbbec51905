"""Articles: a page split into its articles, with page furniture masked and sentences found.

Furniture (rules/furniture.toml) is blanked out in a copy of the text of the
same length, so that every offset still points into the original. A listing
page (several headlines, each followed by its teaser paragraph) becomes one
article per headline; any other page is one article. Sentences are found in
the masked text; a hard-wrapped page ("...Azerbaijan and\\nTurkmenistan have...")
is read across its line breaks.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from . import patterns, rulebook


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph_start: bool  # the first sentence of a paragraph


@dataclass(frozen=True)
class Article:
    title: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    text: str

    @property
    def is_title(self) -> bool:
        t = self.text.strip()
        return (
            "\n" not in t and 3 <= len(t) <= 200 and len(t.split()) <= 30
            and t[:1].isupper() and not _CLOSED.search(t)
            and _WORD.search(t) is not None
        )

    @property
    def is_body(self) -> bool:
        return len(self.text.strip()) >= 150


@functools.cache
def _furniture():
    return [(rule.id, rule.compile("pattern")) for rule in rulebook.load("furniture").rules]


def mask_furniture(text: str, extra: list[tuple[int, int, str]] = ()) -> tuple[str, list[tuple[int, int, str]]]:
    """The text with furniture blanked (newlines kept), and the spans masked with their rule ids.
    `extra` spans (the page's own date line) are masked too."""
    chars = list(text)
    spans = list(extra)
    for rule_id, pattern in _furniture():
        spans.extend((m.start(), m.end(), rule_id) for m in pattern.finditer(text) if m.end() > m.start())
    for start, end, _ in spans:
        chars[start:end] = "\n".join(" " * len(line) for line in text[start:end].split("\n"))
    return "".join(chars), sorted(spans)


_CLOSED = patterns.compile(r"[.,;:]\W*$")
_WORD = patterns.compile(r"\p{L}{3}")
_LINE_CLOSED = patterns.compile(r"[.!?:;\"”’)]$")
_BLANK_LINES = patterns.compile(r"\n[ \t\u00a0]*\n\s*")


def _blocks(masked: str) -> list[_Block]:
    blocks, pos = [], 0
    for m in list(_BLANK_LINES.finditer(masked)) + [None]:
        end = m.start() if m else len(masked)
        chunk = masked[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            blocks.append(_Block(pos + lead, pos + len(chunk.rstrip()), chunk.strip()))
        pos = m.end() if m else len(masked)
    return blocks


def split_articles(text: str, extra_masks: list[tuple[int, int, str]] = ()) -> tuple[str, list[Article]]:
    """The masked text and the page's articles."""
    masked, _ = mask_furniture(text, extra_masks)
    blocks = _blocks(masked)
    kinds = ["T" if b.is_title else "B" if b.is_body else "o" for b in blocks]
    headline_pairs = sum(1 for a, b in zip(kinds, kinds[1:]) if a == "T" and b == "B")
    body_runs = sum(1 for a, b in zip(kinds, kinds[1:]) if a == "B" and b == "B")
    wrapped = _hard_wrapped(masked)
    if headline_pairs >= 3 and headline_pairs >= 2 * body_runs:
        articles = []
        for i, block in enumerate(blocks):
            if kinds[i] != "T" or i + 1 >= len(blocks) or kinds[i + 1] != "B":
                continue
            j = i + 1
            while j + 1 < len(blocks) and not (kinds[j + 1] == "T" and j + 2 < len(blocks) and kinds[j + 2] == "B"):
                j += 1
            articles.append(_article(masked, block.text, block.start, blocks[j].end, wrapped))
        return masked, articles
    title = blocks[0].text if blocks and kinds[0] == "T" else _first_line(masked)
    start = blocks[0].start if blocks else 0
    end = blocks[-1].end if blocks else len(masked)
    return masked, [_article(masked, title, start, end, wrapped)]


def _first_line(masked: str) -> str:
    line = next((l.strip() for l in masked.splitlines() if l.strip()), "")
    return line if len(line) <= 200 else line[:197].rsplit(" ", 1)[0] + "..."


def _article(masked: str, title: str, start: int, end: int, wrapped: bool) -> Article:
    return Article(title.strip(), start, end, tuple(find_sentences(masked, start, end, wrapped)))


def _hard_wrapped(masked: str) -> bool:
    """Lines broken at a fixed width: most long lines end without closing punctuation."""
    lines = [l.strip() for l in masked.splitlines() if len(l.strip()) >= 40]
    if len(lines) < 5:
        return False
    open_ended = sum(1 for l in lines if not _LINE_CLOSED.search(l))
    return open_ended >= 0.6 * len(lines) and max(len(l) for l in lines) <= 110


@functools.cache
def _sentence_rules():
    rules = rulebook.load("sentences")
    abbreviations = rules.rule("sentence.abbreviations").get("words", [])
    abbr = "|".join(regex.escape(a.rstrip(".")) for a in sorted(abbreviations, key=len, reverse=True))
    end = rules.rule("sentence.end").compile("pattern", pattern=rules.rule("sentence.end").get("pattern").replace("{abbreviations}", abbr))
    return end


_PARAGRAPH = patterns.compile(r"\n[ \t\u00a0]*\n")
_LINE = patterns.compile(r"\n")


def find_sentences(masked: str, start: int = 0, end: int | None = None, wrapped: bool = False) -> list[Sentence]:
    """Sentences of masked[start:end]: split at paragraph breaks, at line breaks unless the page
    is hard-wrapped, and at sentence-final punctuation (rules/sentences.toml)."""
    end = len(masked) if end is None else end
    sentence_end = _sentence_rules()
    cuts = []  # (position, starts a paragraph)
    for m in _PARAGRAPH.finditer(masked, start, end):
        cuts.append((m.end(), True))
    if not wrapped:
        for m in _LINE.finditer(masked, start, end):
            cuts.append((m.end(), True))
    for m in sentence_end.finditer(masked, start, end):
        cuts.append((m.end(), False))
    cuts.sort()
    out, pos, starts_paragraph = [], start, True
    for cut, cut_is_paragraph in cuts + [(end, True)]:
        for piece_start, piece_end in _pieces(masked, pos, cut):
            piece = masked[piece_start:piece_end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(Sentence(piece_start + lead, piece_start + len(piece.rstrip()), starts_paragraph))
                starts_paragraph = False
        pos = max(pos, cut)
        starts_paragraph = starts_paragraph or cut_is_paragraph
    return out


# No sentence of news prose comes near this; a longer run without a full stop is a table, a
# list or junk, and is read in pieces so that the work per sentence stays bounded.
MAX_SENTENCE_CHARS = 1500
_PIECE_BREAK = patterns.compile(r"[;,]\s|\s")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] in pieces of at most MAX_SENTENCE_CHARS, cut after the last ';' or ','
    (else the last space) before the limit."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        breaks = [m.end() for m in _PIECE_BREAK.finditer(text, start + MAX_SENTENCE_CHARS // 2, limit)]
        punctuated = [b for b in breaks if text[b - 2] in ",;"]
        cut = (punctuated or breaks or [limit])[-1]
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces
