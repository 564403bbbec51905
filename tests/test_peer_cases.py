"""The amount reader on other projects' test cases (../shared/peer; skipped when absent).

In-scope cases (no `skip`): money >= 97 %, number >= 97 %, expect_none >= 90 % (issue 4).
The pass rates per file and kind are printed (run with -s to see them)."""
import pytest

from conftest import PEER, needs
from peer import load, tally

THRESHOLDS = {"money": 0.97, "number": 0.97, "expect_none": 0.90}

pytestmark = needs(PEER)


@pytest.fixture(scope="module")
def results():
    counts, failing = tally(load(PEER))
    print()
    print(f"{'file':28} {'kind':14} {'passed':>7} {'total':>6} {'rate':>7}")
    for (name, kind), (ok, total) in sorted(counts.items()):
        print(f"{name:28} {kind:14} {ok:7d} {total:6d} {ok / total:7.1%}")
    return counts, failing


@pytest.mark.parametrize("kind", sorted(THRESHOLDS))
def test_in_scope_pass_rate(results, kind):
    counts, failing = results
    ok, total = counts[("all", kind)]
    assert total > 0
    shown = [c["text"] for name, c in failing if not c.get("skip") and (c.get("expect_none") and kind == "expect_none"
                                                                        or not c.get("expect_none") and c["kind"] == kind)]
    assert ok / total >= THRESHOLDS[kind], f"{kind}: {ok}/{total}; failing: {shown[:20]}"
