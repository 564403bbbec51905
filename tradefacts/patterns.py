"""Compiled regular expressions that give up instead of hanging.

Every pattern the extractor runs is compiled here. Each call passes the `regex`
module's `timeout=`, so no input, however pathological, can hold a worker for
ever: the call raises `TimeoutError`, and the corpus run records the document
as failed and goes on. The limit is per call, in seconds, from the environment
variable TRADEFACTS_REGEX_TIMEOUT (default 10), read when the process starts.
"""
from __future__ import annotations

import os

import regex


def _timeout_from_environment() -> float:
    raw = os.environ.get("TRADEFACTS_REGEX_TIMEOUT", "10")
    try:
        seconds = float(raw)
    except ValueError:
        raise ValueError(f"TRADEFACTS_REGEX_TIMEOUT must be a number of seconds, not {raw!r}") from None
    if seconds <= 0:
        raise ValueError(f"TRADEFACTS_REGEX_TIMEOUT must be positive, not {raw!r}")
    return seconds


TIMEOUT = _timeout_from_environment()


class Pattern:
    """A compiled `regex` pattern whose every call runs under the timeout."""

    __slots__ = ("compiled",)

    def __init__(self, compiled: regex.Pattern):
        self.compiled = compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def search(self, string, pos=None, endpos=None):
        return self.compiled.search(string, pos, endpos, timeout=TIMEOUT)

    def match(self, string, pos=None, endpos=None):
        return self.compiled.match(string, pos, endpos, timeout=TIMEOUT)

    def fullmatch(self, string, pos=None, endpos=None):
        return self.compiled.fullmatch(string, pos, endpos, timeout=TIMEOUT)

    def finditer(self, string, pos=None, endpos=None):
        return self.compiled.finditer(string, pos, endpos, timeout=TIMEOUT)

    def findall(self, string, pos=None, endpos=None):
        return self.compiled.findall(string, pos, endpos, timeout=TIMEOUT)

    def sub(self, repl, string, count=0):
        return self.compiled.sub(repl, string, count, timeout=TIMEOUT)

    def split(self, string, maxsplit=0):
        return self.compiled.split(string, maxsplit, timeout=TIMEOUT)

    def __repr__(self) -> str:
        return f"Pattern({self.compiled.pattern!r})"


def compile(pattern: str, flags: int = 0) -> Pattern:
    """`regex.compile` (version 0 syntax), every call of the result under the timeout."""
    return Pattern(regex.compile(pattern, flags | regex.V0))


SPACES = compile(r"\s+")


_OTHER_ASCII_SPACE = frozenset("\t\n\r\x0b\x0c")


def squeeze(text: str) -> str:
    """Runs of whitespace as one space: how phrases are looked up in word tables."""
    # most phrases are plain words and single spaces: nothing to squeeze, and no regex call
    if text.isascii() and "  " not in text and _OTHER_ASCII_SPACE.isdisjoint(text):
        return text
    return SPACES.sub(" ", text)
