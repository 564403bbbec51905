"""Benchmark: corpus throughput and memory of `tradefacts extract`, one core and every core.

    python tests/benchmarks/throughput.py [--mb 200] [--memory-mb 100 1000] [--keep DIR]

Builds a corpus of --mb megabytes of JSON Lines (the demo articles and the documents under
../shared/eval/dev/docs, repeated, each copy its own document) and extracts it with the
local engine on one core and on every core, each run in a fresh process. Printed per run:
MB/s of text, documents/s, facts/s, the peak RSS of the main process and of the largest
worker, and the time ratio of the run to a bare `regex` scan of \\d[\\d,.]* over the same
text, timed in this same process just before.

With --memory-mb A B it also extracts corpora of A and B megabytes on every core and prints
the ratio of their peak RSS: memory must not grow with the corpus.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "datasets" / "demo", ROOT.parent / "shared" / "eval" / "dev" / "docs"]
PART_MB = 10  # megabytes per JSON Lines file of the built corpus


def source_texts() -> list[str]:
    texts = []
    for directory in SOURCES:
        if directory.is_dir():
            texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(directory.glob("*.txt"))]
    if not texts:
        sys.exit("no documents to build a corpus from")
    return texts


def build_corpus(directory: Path, megabytes: float, texts: list[str]) -> tuple[int, int]:
    """JSON Lines files of `megabytes` in all; (documents, bytes of text)."""
    directory.mkdir(parents=True, exist_ok=True)
    target, written, documents, part = megabytes * 1e6, 0, 0, 0
    out = None
    while written < target:
        for text in texts:
            if out is None or out.tell() >= PART_MB * 1e6:
                if out:
                    out.close()
                out = open(directory / f"part-{part:04d}.jsonl", "w", encoding="utf-8")
                part += 1
            out.write(json.dumps({"id": f"copy-{documents}", "text": text}, ensure_ascii=False) + "\n")
            written += len(text.encode("utf-8"))
            documents += 1
            if written >= target:
                break
    out.close()
    return documents, written


def bare_scan_seconds(directory: Path) -> float:
    """Seconds to read the corpus's texts and scan them for \\d[\\d,.]* (the baseline)."""
    scan = regex.compile(r"\d[\d,.]*")
    started = time.perf_counter()
    for path in sorted(directory.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                scan.findall(json.loads(line)["text"])
    return time.perf_counter() - started


def child(corpus: str, output: str, jobs: int) -> None:
    """Run in a fresh process: extract, and print what it took as JSON."""
    from tradefacts import corpus as corpus_mod

    started = time.perf_counter()
    summary = corpus_mod.run([corpus], output, jobs=jobs)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "seconds": seconds, "documents": summary.documents, "facts": summary.facts, "bytes": summary.bytes,
        "failed": summary.failed,
        "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def measure(corpus: Path, jobs: int, scratch: Path) -> dict:
    out = scratch / f"facts-{jobs}.parquet"
    result = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(out), str(jobs)],
                            capture_output=True, text=True, check=True)
    out.unlink(missing_ok=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(label: str, run: dict, baseline: float) -> None:
    mb = run["bytes"] / 1e6
    print(f"{label:22} {mb:8.1f} {run['seconds']:9.1f} {mb / run['seconds']:8.2f} "
          f"{run['documents'] / run['seconds']:8.1f} {run['facts'] / run['seconds']:8.1f} "
          f"{run['rss_main_mb']:8.0f} {run['rss_worker_mb']:8.0f} {run['seconds'] / baseline:9.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=200.0, help="corpus size in megabytes of text (default 200)")
    ap.add_argument("--memory-mb", type=float, nargs=2, metavar=("SMALL", "LARGE"),
                    help="also compare peak memory on corpora of these sizes, every core")
    ap.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return 0

    from tradefacts.corpus import default_jobs

    scratch = args.keep or Path(tempfile.mkdtemp(prefix="tradefacts-bench-"))
    texts = source_texts()
    cores = default_jobs()
    try:
        corpus = scratch / f"corpus-{args.mb:g}mb"
        documents, size = build_corpus(corpus, args.mb, texts)
        baseline = bare_scan_seconds(corpus)
        print(f"corpus: {documents:,} documents, {size / 1e6:.1f} MB of text, from {len(texts)} distinct pages")
        print(f"baseline: bare scan of \\d[\\d,.]* {size / 1e6 / baseline:.1f} MB/s ({baseline:.2f} s)")
        print(f"{'run':22} {'MB':>8} {'seconds':>9} {'MB/s':>8} {'docs/s':>8} {'facts/s':>8} "
              f"{'RSS main':>8} {'worker':>8} {'vs scan':>9}")
        one = measure(corpus, 1, scratch)
        report("1 core", one, baseline)
        every = measure(corpus, cores, scratch)
        report(f"{cores} cores", every, baseline)
        print(f"speed-up on {cores} cores: {one['seconds'] / every['seconds']:.2f}x")
        if args.memory_mb:
            peaks = []
            for mb in args.memory_mb:
                path = scratch / f"corpus-{mb:g}mb"
                build_corpus(path, mb, texts)
                run = measure(path, cores, scratch)
                peaks.append(max(run["rss_main_mb"], run["rss_worker_mb"]))
                report(f"{mb:g} MB, {cores} cores", run, bare_scan_seconds(path))
            print(f"peak RSS {args.memory_mb[1]:g} MB / {args.memory_mb[0]:g} MB: {peaks[1] / peaks[0]:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
