"""Training: the decision's weights fitted on gold facts, and the honest score of doing so.

Every figure the linker weighs becomes an example: its candidates' evidence, and which
candidates read it as the gold says (same flow and pair as a gold fact of the same kind and
value in the document; the reading "no fact" when the document's gold holds no such value).
The weights maximise the probability of the right readings (a conditional logit with an L2
penalty, fitted by SciPy's L-BFGS). The context a sentence leans on (the topic) depends on
the decisions made before it, so the examples are read twice: first deciding as a reader
would try the rules (`Decision.first`), then with the weights of that first fit.

`cross_validate` fits on all documents but one fold and extracts that fold, for every fold:
its scores are the ones to quote. The calibration of `confidence` is fitted on those held-out
facts, and the reliability table is made with a calibration fitted on the other folds only.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from scipy import optimize, sparse

from .. import evaluation
from ..corpus import records
from ..documents import Document, document_from_record
from ..sources import Failure
from .candidates import RULES_AGREE, RULES_SAY_NONE
from .decision import Decision, calibration_words
from .link import Reading, extract_document

L2 = 50.0  # the penalty on the weights' squares, chosen by cross-validation on the dev set (3, 20, 50, 200): the
# dev set is too small for the evidence to overrule the rules' own choice often, and a weaker penalty
# trades a few facts of one kind for a few of another from fold to fold
BANDS = 10
CALIBRATION_L2 = 10.0  # the calibration words' offsets held towards zero: they must hold across documents


@dataclass
class Example:
    features: list[list[str]]
    positive: list[bool]


@dataclass
class Fold:
    facts: list[dict] = field(default_factory=list)  # held-out facts, confidence = the raw probability
    fold: list[int] = field(default_factory=list)  # the fold each fact was held out in


def read_documents(folder: str | Path) -> list[Document]:
    out = []
    for item in records([folder]):
        if isinstance(item, Failure):
            raise ValueError(f"{item.doc}: {item.error}")
        out.append(document_from_record(item))
    return out


def gold_by_doc(gold_rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for g in gold_rows:
        out.setdefault(Path(str(g["doc"])).name, []).append(g)
    return out


def examples(readings: list[Reading], gold: dict[str, list[dict]]) -> list[Example]:
    """The weighed figures as examples; a figure whose right reading is not among its candidates
    teaches nothing and is left out."""
    out = []
    for r in readings:
        if not r.candidates:
            continue
        fig = r.figure
        right = {(g["flow"], frozenset((g["a"], g["b"]))) for g in gold.get(Path(r.doc).name, [])
                 if g["kind"] == fig.kind and _close(fig.value, float(g["value"]))}
        positive = [(c.outcome in right) if right else c.outcome is None for c in r.candidates]
        if any(positive):
            out.append(Example([c.features for c in r.candidates], positive))
    return out


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.005 * abs(y) if y else x == y


def collect(documents: list[Document], gold: dict[str, list[dict]], decision: Decision) -> list[Example]:
    readings: list[Reading] = []
    for doc in documents:
        extract_document(doc, decision, readings)
    return examples(readings, gold)


def fit(found: list[Example], l2: float | None = None) -> dict[str, float]:
    """Weights maximising the log-probability of each figure's right readings, minus l2/2 |w|^2
    (l2: L2 unless given)."""
    l2 = L2 if l2 is None else l2
    vocabulary = {f: i for i, f in enumerate(sorted({f for ex in found for fs in ex.features for f in fs}))}
    rows, cols, positive, sizes = [], [], [], []
    row = 0
    for ex in found:
        for features, right in zip(ex.features, ex.positive):
            for f in set(features):
                rows.append(row)
                cols.append(vocabulary[f])
            positive.append(right)
            row += 1
        sizes.append(len(ex.features))
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(row, len(vocabulary)))
    # the rules' own choice is the prior: its weight is not held towards zero
    penalty = np.array([0.0 if f.startswith((RULES_AGREE + "&", RULES_SAY_NONE + "&")) else l2
                        for f in sorted(vocabulary, key=vocabulary.get)])
    right_mask = np.array(positive, dtype=float)
    sizes_ = np.array(sizes)
    starts = np.concatenate([[0], np.cumsum(sizes_)[:-1]])

    def loss(w):
        s = x @ w
        s = s - np.repeat(np.maximum.reduceat(s, starts), sizes_)
        e = np.exp(s)
        total = np.add.reduceat(e, starts)
        total_right = np.add.reduceat(e * right_mask, starts)
        value = -np.sum(np.log(total_right) - np.log(total)) + 0.5 * (penalty * w) @ w
        grad = x.T @ (e / np.repeat(total, sizes_) - e * right_mask / np.repeat(total_right, sizes_)) + penalty * w
        return value, grad

    result = optimize.minimize(loss, np.zeros(len(vocabulary)), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    names = sorted(vocabulary, key=vocabulary.get)
    return {name: round(float(w), 4) for name, w in zip(names, result.x) if abs(w) >= 1e-4}


def fit_decision(documents: list[Document], gold: dict[str, list[dict]]) -> Decision:
    """Two rounds: examples read as a reader tries the rules, then as the first fit decides."""
    weights = fit(collect(documents, gold, Decision.first()))
    weights = fit(collect(documents, gold, Decision(weights, {})))
    return Decision(weights, {})


def folds_of(documents: list[Document], folds: int, seed: int = 0) -> list[int]:
    """Each document's fold: documents shuffled once (a fixed seed), then dealt out in turn."""
    order = list(range(len(documents)))
    random.Random(seed).shuffle(order)
    out = [0] * len(documents)
    for rank, i in enumerate(order):
        out[i] = rank % folds
    return out


def cross_validate(documents: list[Document], gold_rows: list[dict], folds: int = 5, seed: int = 0) -> Fold:
    gold = gold_by_doc(gold_rows)
    assigned = folds_of(documents, folds, seed)
    held = Fold()
    for k in range(folds):
        train = [d for d, f in zip(documents, assigned) if f != k]
        decision = fit_decision(train, gold)
        for doc, f in zip(documents, assigned):
            if f == k:
                for fact in extract_document(doc, decision):
                    held.facts.append(vars(fact))
                    held.fold.append(k)
    return held


def calibrate(facts: list[dict], right: list[bool | None]) -> dict[str, float]:
    """A slope on the log-odds of the decision's probability, an offset, and an offset per word of
    `calibration_words` (kind, flow, status, the linking rules), fitted by logistic loss to
    whether each held-out fact was right (a repeat the scorer leaves out, None, teaches nothing);
    the words' offsets are held towards zero."""
    facts, right = zip(*[(f, r) for f, r in zip(facts, right) if r is not None]) if any(r is not None for r in right) else ((), ())
    rows = [calibration_words(SimpleNamespace(**f)) for f in facts]
    words = sorted({w for r in rows for w in r})
    index = {w: i for i, w in enumerate(words)}
    x = np.zeros((len(facts), 2 + len(words)))
    x[:, 0] = [_logit(f["confidence"]) for f in facts]
    x[:, 1] = 1.0
    for i, r in enumerate(rows):
        for w in r:
            x[i, 2 + index[w]] = 1.0
    y = np.array(right, dtype=float)
    penalty = np.array([0.0, 0.0] + [CALIBRATION_L2] * len(words))

    def loss(params):
        p = 1 / (1 + np.exp(-(x @ params)))
        value = -np.sum(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)) + 0.5 * (penalty * params) @ params
        return value, x.T @ (p - y) + penalty * params

    start = np.zeros(x.shape[1])
    start[0] = 1.0
    # a likelier reading is never less likely right: the slope is held at zero or above
    bounds = [(0.0, None)] + [(None, None)] * (x.shape[1] - 1)
    result = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    out = {"slope": round(float(result.x[0]), 4), "offset": round(float(result.x[1]), 4)}
    out.update({f"offset:{w}": round(float(v), 4) for w, v in zip(words, result.x[2:]) if abs(v) >= 1e-4})
    return out


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def reliability(held: Fold, right: list[bool | None]) -> list[tuple[str, int, float | None]]:
    """Facts and the share right per band of confidence, each fold's facts calibrated on the
    other folds' facts only."""
    calibrated = [0.0] * len(held.facts)
    for k in sorted(set(held.fold)):
        others = [i for i, f in enumerate(held.fold) if f != k]
        calibration = calibrate([held.facts[i] for i in others], [right[i] for i in others])
        decision = Decision({}, calibration)
        for i, f in enumerate(held.fold):
            if f == k:
                calibrated[i] = decision.confidence(held.facts[i]["confidence"], SimpleNamespace(**held.facts[i]))
    table = []
    for band in range(BANDS):
        lo, hi = band / BANDS, (band + 1) / BANDS
        inside = [right[i] for i, c in enumerate(calibrated)
                  if right[i] is not None and (lo <= c < hi or (band == BANDS - 1 and c == 1.0))]
        table.append((f"{lo:.1f}-{hi:.1f}", len(inside), round(sum(inside) / len(inside), 3) if inside else None))
    above = [right[i] for i, c in enumerate(calibrated) if c >= 0.9 and right[i] is not None]
    table.append(("≥ 0.9", len(above), round(sum(above) / len(above), 3) if above else None))
    return table


@dataclass
class Trained:
    decision: Decision  # fitted on every document, calibrated on the held-out facts
    held: Fold  # the cross-validation's held-out facts
    gold_rows: list[dict]
    docs: list[str]  # the documents' names
    reliability: list[tuple[str, int, float | None]]


def train(docs_folder: str | Path, gold_path: str | Path, folds: int = 5) -> Trained:
    """The weights fitted on every document, with confidence calibrated on the held-out facts of
    a cross-validation, which also gives the scores to quote."""
    documents = read_documents(docs_folder)
    gold_rows = evaluation.load_gold(gold_path)
    held = cross_validate(documents, gold_rows, folds)
    right = evaluation.correct(gold_rows, held.facts)
    decision = fit_decision(documents, gold_by_doc(gold_rows))
    return Trained(replace(decision, calibration=calibrate(held.facts, right)), held, gold_rows,
                   [d.doc for d in documents], reliability(held, right))


def write(trained: Trained, path: str | Path, gold_path: Path, docs_folder: Path) -> None:
    """The weights file, written whole or not at all, with what it was fitted on and the
    cross-validated scores beside the weights."""
    from ..table import atomic_output

    docs = trained.docs
    scores = {}
    for kind in evaluation.KINDS:
        s = evaluation.score(trained.gold_rows, docs, trained.held.facts, kind)
        scores[kind] = {"core_f1": s.core[2], "strict_f1": s.strict[2], "core_precision": s.core[0], "core_recall": s.core[1]}
    about = {
        "about": "The weights of the linker's decision (tradefacts/linker/decision.py): evidence word -> weight. "
                 "Rebuilt by `tradefacts train` from gold facts; do not edit by hand.",
        "fitted_on": {"gold": gold_path.name, "documents": len(docs), "folder": docs_folder.parent.name + "/" + docs_folder.name},
        "cross_validated": {"folds": len(set(trained.held.fold)), "scores": scores,
                            "reliability": [{"band": b, "facts": n, "share_right": r} for b, n, r in trained.reliability]},
        "l2": L2,
    }
    path = Path(path)
    with atomic_output(path) as tmp:
        tmp.write_text(trained.decision.to_json(about), encoding="utf-8")
