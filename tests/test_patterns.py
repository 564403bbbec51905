"""Every compiled pattern runs under a timeout, so that no input can hang the extractor."""
import subprocess
import sys

import pytest

from tradefacts import patterns

# exponential backtracking: each "a" may be one "a" or half of an "aa"
CATASTROPHIC = r"^(a|aa)+$"


def run_python(code: str, timeout_setting: str) -> subprocess.CompletedProcess:
    env = {"TRADEFACTS_REGEX_TIMEOUT": timeout_setting, "PATH": ""}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


CALLS = ["p.search(text)", "p.match(text)", "p.fullmatch(text)", "list(p.finditer(text))",
         "p.findall(text)", "p.sub('', text)", "p.split(text)"]


def test_every_call_gives_up_after_the_timeout():
    code = (f"from tradefacts import patterns\np = patterns.compile({CATASTROPHIC!r})\ntext = 'a' * 60 + 'b'\n"
            f"for call in {CALLS!r}:\n"
            f"    try:\n        eval(call)\n        print(call, 'finished')\n"
            f"    except TimeoutError:\n        print(call, 'timed out')\n")
    result = run_python(code, "0.2")
    assert result.stdout.splitlines() == [f"{call} timed out" for call in CALLS], result.stderr


@pytest.mark.parametrize("setting", ["soon", "0", "-2.5"])
def test_a_bad_timeout_setting_is_a_clear_error(setting):
    result = run_python("import tradefacts.patterns", setting)
    assert result.returncode != 0
    assert "TRADEFACTS_REGEX_TIMEOUT" in result.stderr


def test_a_pattern_answers_like_regex():
    p = patterns.compile(r"(?P<n>\d+)")
    assert p.search("a 12 b", 3).group() == "2"
    assert [m.group("n") for m in p.finditer("1 22 333", 1)] == ["22", "333"]
    assert p.sub("#", "1 and 2") == "# and #"
    assert patterns.squeeze("a \n\t b") == "a b"
