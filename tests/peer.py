"""Reading the peer suites of ../shared/peer (see its README) and applying their pass rule."""
import json
import math
from collections import defaultdict
from pathlib import Path

from tradefacts import find_amounts


def load(peer_dir: Path) -> dict[str, list[dict]]:
    cases = {}
    for path in sorted(peer_dir.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            cases[path.name] = [json.loads(line) for line in fh if line.strip()]
    return cases


def _same(found: float, wanted: float) -> bool:
    return math.isclose(found, wanted, rel_tol=1e-9, abs_tol=1e-12)


def _matches(amount, value, unit, kind) -> bool:
    if value is None or not _same(amount.value, value):
        return False
    return kind != "money" or amount.unit == unit


def passes(case: dict) -> bool:
    """The README's pass rule."""
    found = find_amounts(case["text"])
    kind = case["kind"]
    if case.get("expect_none"):
        return not [a for a in found if a.kind == kind]
    if case.get("amounts"):
        return all(any(_matches(a, want["value"], want.get("unit"), kind) for a in found) for want in case["amounts"])
    if case.get("interval"):
        bounds = case["interval"]
        return all(any(_matches(a, bounds[k], case.get("unit"), kind) for a in found) for k in ("min", "max"))
    return any(_matches(a, case["value"], case.get("unit"), kind) for a in found)


def category(case: dict) -> str:
    if not case.get("skip"):
        return "expect_none" if case.get("expect_none") else case["kind"]
    if case.get("amounts"):
        return "skip:amounts"
    if case.get("interval"):
        return "skip:interval"
    return "skip:other"


def tally(cases: dict[str, list[dict]]):
    """(file, category) -> [passed, total], and the failing cases."""
    counts = defaultdict(lambda: [0, 0])
    failing = []
    for name, rows in cases.items():
        for case in rows:
            ok = passes(case)
            for key in ((name, category(case)), ("all", category(case))):
                counts[key][0] += ok
                counts[key][1] += 1
            if not ok:
                failing.append((name, case))
    return counts, failing
