"""Decision: one choice among a figure's candidates, weighed on their evidence, with the chance
that the choice is right.

A candidate's score is the sum of the weights of its evidence words; the scores of a figure's
candidates make a probability over its readings (a softmax, as in a conditional logit), the
readings that make the same fact (same flow and pair) adding up. The weights are a data file,
`datasets/decision.json`, that `tradefacts train` fits on the dev set's gold facts
(training.py). The fact's `confidence` is that probability, calibrated on facts of documents
held out of the fit (cross-validation), so that facts of confidence 0.9 are right about nine
times in ten.

With no weights (`Decision.first`), the rules' own choice is taken (the reading marked
`rules`, else no fact). Training starts from that.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from ..rulebook import PROJECT_ROOT
from .candidates import RULES_AGREE, Candidate

WEIGHTS_FILE = PROJECT_ROOT / "datasets" / "decision.json"


class DecisionError(ValueError):
    """A weights file that cannot be used; names the file."""


@dataclass(frozen=True)
class Choice:
    candidate: Candidate | None  # the best-scored candidate of the chosen reading; None: no fact
    probability: float  # of the chosen reading
    scores: tuple[float, ...]  # every candidate's score, in order
    probabilities: tuple[float, ...]  # every candidate's share of the probability


@dataclass(frozen=True)
class Decision:
    weights: dict[str, float] | None  # None: take the first candidate
    calibration: dict[str, float]  # slope, and an offset per kind of figure

    @classmethod
    def first(cls) -> "Decision":
        return cls(None, {})

    def score(self, candidate: Candidate) -> float:
        if self.weights is None:
            return 0.0
        return sum(self.weights.get(f, 0.0) for f in candidate.features)

    def choose(self, candidates: list[Candidate]) -> Choice:
        if self.weights is None:
            chosen = next((c for c in candidates if any(f.startswith(RULES_AGREE + "&") for f in c.features)), candidates[-1])
            shares = tuple(1.0 if c is chosen else 0.0 for c in candidates)
            return Choice(chosen if chosen.outcome is not None else None, 1.0, (0.0,) * len(candidates), shares)
        scores = [self.score(c) for c in candidates]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        shares = [e / total for e in exp]
        by_outcome: dict = {}
        for c, p in zip(candidates, shares):
            by_outcome[c.outcome] = by_outcome.get(c.outcome, 0.0) + p
        outcome = max(by_outcome, key=lambda o: (by_outcome[o], o is None))
        if outcome is None:
            return Choice(None, by_outcome[None], tuple(scores), tuple(shares))
        best = max((i for i, c in enumerate(candidates) if c.outcome == outcome), key=lambda i: scores[i])
        return Choice(candidates[best], by_outcome[outcome], tuple(scores), tuple(shares))

    def confidence(self, probability: float, fact) -> float:
        """The calibrated chance that the fact, whose reading was chosen with this probability, is right."""
        if not self.calibration:
            return probability
        p = min(max(probability, 1e-6), 1 - 1e-6)
        z = self.calibration.get("slope", 1.0) * math.log(p / (1 - p)) + self.calibration.get("offset", 0.0)
        z += sum(self.calibration.get(f"offset:{word}", 0.0) for word in calibration_words(fact))
        return round(1 / (1 + math.exp(-z)), 3)

    def to_json(self, about: dict) -> str:
        body = dict(about)
        body["calibration"] = self.calibration
        body["weights"] = dict(sorted((self.weights or {}).items(), key=lambda kv: (-abs(kv[1]), kv[0])))
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"


def calibration_words(fact) -> list[str]:
    """What, besides the decision's probability, tells how often a fact like this is right: its
    kind, the rule that gave its pair (a pair written as a pair is right more often than one
    taken from the topic), a flow taken from the sentences before, and a missing year. Few
    words on purpose: the errors cluster by document, and every word more is fitted to fewer of them."""
    rules = fact.rule.split("+")
    words = [f"kind:{fact.kind}"]
    words += [r for r in rules if r.startswith("pair.")][:1]
    if "flow.topic" in rules:
        words.append("flow.topic")
    if fact.year is None:
        words.append("no_year")
    return words


def read(path: str | Path) -> Decision:
    path = Path(path)
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecisionError(f"{path}: cannot be read as the decision's weights: {exc}") from None
    weights, calibration = body.get("weights"), body.get("calibration", {})
    if not isinstance(weights, dict) or not all(isinstance(v, (int, float)) for v in weights.values()):
        raise DecisionError(f"{path}: 'weights' must map evidence words to numbers")
    if not isinstance(calibration, dict) or not all(isinstance(v, (int, float)) for v in calibration.values()):
        raise DecisionError(f"{path}: 'calibration' must map names to numbers")
    return Decision({str(k): float(v) for k, v in weights.items()}, {str(k): float(v) for k, v in calibration.items()})


@functools.cache
def shipped() -> Decision:
    """The weights fitted by `tradefacts train`, read once per process."""
    return read(WEIGHTS_FILE)
