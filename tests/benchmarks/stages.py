"""Benchmark: each step of the extraction alone, against a bare regex scan of the same text.

    python tests/benchmarks/stages.py [--mb 20] [--docs DIR]

The documents (../shared/eval/dev/docs, else datasets/demo) are read over and over until
--mb megabytes have passed through each contender, one document at a time, in this process
on one core. Each reader of mentions runs sentence by sentence over every sentence of the
documents, as the extractor runs it (the sentences are split before the timing). Printed: items found per second, MB/s,
and each contender's time as a ratio of the bare scan of `\\d[\\d,.]*`: the speed budget is
10 for the whole extraction.

Two references show what another engine would give for one step, the country names: the
same trie compiled by the standard library's `re` (which has no timeout, so the extractor
does not use it), and a Python loop over the words of the text with one dictionary lookup
each (single-word names only, so less work than the real step). A third shows the least a
reader of amounts can do in Python: the bare scan, and one more regex call after each number
it finds (is a scale word next?); the real reader tries about fifteen rules there (currency
before and after, scale, unit, percent, bounds, ranges).
"""
import argparse
import re
import sys
import time
from pathlib import Path

import regex

from tradefacts import find_amounts
from tradefacts.articles import split_articles
from tradefacts.countries import _matcher, find_countries
from tradefacts.cues import find_cues
from tradefacts.documents import make_document
from tradefacts.facts import extract_document
from tradefacts.periods import find_periods

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 10  # the design's budget: the whole extraction within 10 times the bare scan


def corpus(directory: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(directory.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt documents in {directory}")
    return texts


def run(texts: list, megabytes: float, work) -> tuple[float, int, int]:
    """Seconds spent, bytes read and items found while `work` reads the texts round and round."""
    target = megabytes * 1_000_000
    done = found = 0
    sizes = [len((t if isinstance(t, str) else t.text).encode("utf-8")) for t in texts]
    started = time.perf_counter()
    while done < target:
        for text, size in zip(texts, sizes):
            found += work(text)
            done += size
            if done >= target:
                break
    return time.perf_counter() - started, done, found


class Sentences:
    """A document's text with its sentences, split once so the readers' timing leaves the split out."""

    def __init__(self, text: str):
        doc = make_document(text)
        self.text = text
        self.masked, articles = split_articles(doc.text, [])
        self.spans = [(s.start, s.end) for article in articles for s in article.sentences]


def contenders():
    """(name, work, is a step of the extractor) in the order printed; work returns items found."""
    country_trie, country_table = _matcher()
    stdlib_trie = re.compile(country_trie.pattern)
    single_words = {name: entry for name, entry in country_table.items() if entry and " " not in name}
    word = regex.compile(r"\w+")
    number = regex.compile(r"\d[\d,.]*")
    scale_after = regex.compile(r"\s*(?:million|billion|thousand|mln|bln)\b")

    def each_sentence(reader):
        return lambda doc: sum(len(reader(doc.masked, start, end)) for start, end in doc.spans)

    def dictionary_loop(doc):
        return sum(1 for w in word.findall(doc.text) if w in single_words)

    def one_match_per_number(doc):
        return sum(1 for m in number.finditer(doc.text) if scale_after.match(doc.text, m.end(), timeout=10))

    return [
        ("documents + articles", lambda doc: len(Sentences(doc.text).spans), True),
        ("find_amounts", each_sentence(lambda text, start, end: find_amounts(text[start:end])), True),
        ("find_countries", each_sentence(find_countries), True),
        ("find_periods", each_sentence(find_periods), True),
        ("find_cues", each_sentence(find_cues), True),
        ("countries, trie in stdlib re", lambda doc: len(stdlib_trie.findall(doc.text)), False),
        ("countries, dict per word", dictionary_loop, False),
        ("one match after each number", one_match_per_number, False),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="megabytes through each contender (default 20)")
    ap.add_argument("--end-to-end-mb", type=float, default=5.0, help="megabytes through the whole extractor (default 5)")
    ap.add_argument("--docs", type=Path, default=None)
    args = ap.parse_args()
    docs = args.docs or (ROOT.parent / "shared" / "eval" / "dev" / "docs")
    if not docs.is_dir():
        docs = ROOT / "datasets" / "demo"
    texts = corpus(docs)
    extract_document(make_document("Trade between Kazakhstan and China reached $5 billion in 2023."))  # compile the rules

    scan = regex.compile(r"\d[\d,.]*")
    base_s, base_bytes, base_n = run(texts, args.mb, lambda t: len(scan.findall(t)))
    base_rate = base_bytes / 1e6 / base_s
    print(f"corpus: {len(texts)} documents from {docs}")
    print(f"{'contender':30} {'MB':>7} {'seconds':>9} {'MB/s':>9} {'items/s':>11} {'time ratio':>11}")

    def line(name, seconds, size, found):
        rate = size / 1e6 / seconds
        print(f"{name:30} {size / 1e6:7.1f} {seconds:9.2f} {rate:9.2f} {found / seconds:11.0f} {base_rate / rate:11.1f}")
        return base_rate / rate

    line("regex " + scan.pattern + " (baseline)", base_s, base_bytes, base_n)
    steps = 0.0
    split = [Sentences(text) for text in texts]
    for name, work, is_step in contenders():
        ratio = line(name, *run(split, args.mb, work))
        steps += ratio if is_step else 0
    line("extract (end to end)", *run(texts, args.end_to_end_mb, lambda t: len(extract_document(make_document(t)))))
    print(f"the five steps alone, summed: {steps:.1f} times the scan (budget for the whole extraction: {BUDGET})")
    print("items/s: numbers the scan matched, sentences, amounts, mentions, facts; "
          "time ratio: seconds per MB over the baseline's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
