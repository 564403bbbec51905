"""No case string of the peer suites is written into the code, the rules or the tests
(issue 4: fixes must generalise; the cases are read from ../shared/peer at test time)."""
import json
import subprocess

import pytest

from conftest import PEER, ROOT, needs

pytestmark = needs(PEER)


def test_no_peer_case_is_quoted_in_the_repository():
    cases = set()
    for path in PEER.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                # single words ("three") and single digits are vocabulary, not cases
                if len(case["text"].split()) > 1 or (len(case["text"]) > 2 and any(ch.isdigit() for ch in case["text"])):
                    cases.add(case["text"].strip())
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    quoted = []
    for name in listed:
        path = ROOT / name
        if path.suffix not in (".py", ".toml", ".md", ".csv") or not path.is_file():
            continue
        body = path.read_text(encoding="utf-8", errors="ignore")
        quoted += [(name, c) for c in cases if f'"{c}"' in body or f"'{c}'" in body]
    assert not quoted, quoted[:10]
