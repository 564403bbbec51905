"""Benchmark: the amount reader alone, and the whole extractor, against a bare regex scan.

    python tests/benchmarks/bench_reader.py [--mb 50] [--docs DIR]

The documents (../shared/eval/dev/docs, else datasets/demo) are read over and over until
--mb megabytes have passed through each contender, one document at a time, in this process
on one core. Printed: amounts read per second, MB/s, and each contender's time as a ratio of
the bare scan of `\\d[\\d,.]*` over the same text.
"""
import argparse
import sys
import time
from pathlib import Path

import regex

from tradefacts import find_amounts
from tradefacts.documents import make_document
from tradefacts.facts import extract_document

ROOT = Path(__file__).resolve().parents[2]


def corpus(directory: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(directory.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt documents in {directory}")
    return texts


def run(texts: list[str], megabytes: float, work) -> tuple[float, int, int]:
    """Seconds spent, bytes read and items found while `work` reads the texts round and round."""
    target = megabytes * 1_000_000
    done = found = 0
    sizes = [len(t.encode("utf-8")) for t in texts]
    started = time.perf_counter()
    while done < target:
        for text, size in zip(texts, sizes):
            found += work(text)
            done += size
            if done >= target:
                break
    return time.perf_counter() - started, done, found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="megabytes through each contender (default 50)")
    ap.add_argument("--end-to-end-mb", type=float, default=5.0, help="megabytes through the whole extractor (default 5)")
    ap.add_argument("--docs", type=Path, default=None)
    args = ap.parse_args()
    docs = args.docs or (ROOT.parent / "shared" / "eval" / "dev" / "docs")
    if not docs.is_dir():
        docs = ROOT / "datasets" / "demo"
    texts = corpus(docs)
    find_amounts("warm up: $5 million")  # compile the rules outside the timing
    extract_document(make_document("Trade between Kazakhstan and China reached $5 billion in 2023."))

    scan = regex.compile(r"\d[\d,.]*")
    base_s, base_bytes, base_n = run(texts, args.mb, lambda t: len(scan.findall(t)))
    amounts_s, amounts_bytes, amounts_n = run(texts, args.mb, lambda t: len(find_amounts(t)))
    facts_s, facts_bytes, facts_n = run(texts, args.end_to_end_mb, lambda t: len(extract_document(make_document(t))))

    def mbps(seconds, size):
        return size / 1_000_000 / seconds

    base_rate = mbps(base_s, base_bytes)
    print(f"corpus: {len(texts)} documents from {docs}")
    print(f"{'contender':28} {'MB':>7} {'seconds':>9} {'MB/s':>9} {'items/s':>11} {'time ratio':>11}")
    baseline = "regex " + scan.pattern + " (baseline)"
    print(f"{baseline:28} {base_bytes / 1e6:7.1f} {base_s:9.2f} {base_rate:9.2f} "
          f"{base_n / base_s:11.0f} {1.0:11.1f}")
    rate = mbps(amounts_s, amounts_bytes)
    print(f"{'find_amounts':28} {amounts_bytes / 1e6:7.1f} {amounts_s:9.2f} {rate:9.2f} "
          f"{amounts_n / amounts_s:11.0f} {base_rate / rate:11.1f}")
    rate = mbps(facts_s, facts_bytes)
    print(f"{'extract (end to end)':28} {facts_bytes / 1e6:7.1f} {facts_s:9.2f} {rate:9.2f} "
          f"{facts_n / facts_s:11.0f} {base_rate / rate:11.1f}")
    print("items/s: numbers the scan matched, amounts read, facts found; time ratio: seconds per MB over the baseline's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
