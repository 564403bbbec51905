"""The extractor on the real pages of ../shared/eval/dev, scored by the reference scorer.

The decision's weights (datasets/decision.json) are fitted on these pages, so the extractor's
score here would measure memory: the floors hold the cross-validated score instead (fitted on
four fifths of the documents, scored on the fifth, five times). Skipped when ../shared is absent.
"""
import importlib.util

import pytest

from tradefacts import evaluation
from tradefacts.api import run_paths
from tradefacts.linker import training

from conftest import BACKGROUND, DEV, SHARED, needs

# A ratchet: raised with every landing, never lowered. Issue 11 asks for money core F1 >= 0.95 and
# strict >= 0.90, quantity and change core F1 >= 0.85, cross-validated.
MONEY_CORE_F1 = 0.89
MONEY_STRICT_F1 = 0.84
QUANTITY_CORE_F1 = 0.76
CHANGE_CORE_F1 = 0.90
# held-out facts of confidence >= 0.9 are right at least this often (issue 11 asks 0.90)
TOP_BAND_RIGHT = 0.91
BACKGROUND_FACTS_PER_100_PAGES = 1.0  # issue 11: at most 1 fact per 100 pages

pytestmark = needs(DEV)


@pytest.fixture(scope="module")
def reference():
    spec = importlib.util.spec_from_file_location("reference_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold_and_docs():
    docs = [line.strip() for line in open(DEV / "docs.txt", encoding="utf-8") if line.strip()]
    return evaluation.load_gold(DEV / "gold.jsonl"), docs


@pytest.fixture(scope="module")
def held_out(gold_and_docs):
    gold, _ = gold_and_docs
    return training.cross_validate(training.read_documents(DEV / "docs"), gold, folds=5)


@pytest.mark.parametrize("kind,floor", [("money", MONEY_CORE_F1), ("quantity", QUANTITY_CORE_F1), ("change", CHANGE_CORE_F1)])
def test_cross_validated_core_f1(reference, gold_and_docs, held_out, kind, floor):
    gold, docs = gold_and_docs
    result, _ = reference.score(gold, docs, held_out.facts, kind)
    print(f"{kind}: core {result['core']}, strict {result['strict']}")
    assert result["core"]["f1"] >= floor


def test_cross_validated_money_strict_f1(reference, gold_and_docs, held_out):
    gold, docs = gold_and_docs
    result, _ = reference.score(gold, docs, held_out.facts, "money")
    assert result["strict"]["f1"] >= MONEY_STRICT_F1


def test_confidence_of_held_out_facts(gold_and_docs, held_out):
    gold, _ = gold_and_docs
    table = training.reliability(held_out, evaluation.correct(gold, held_out.facts))
    print(table)
    band, facts, share = table[-1]
    assert band == "≥ 0.9" and facts >= 100 and share >= TOP_BAND_RIGHT


def test_every_fold_fits_apart_from_the_documents_it_scores(gold_and_docs, held_out):
    _, docs = gold_and_docs
    scored = {}
    for fact, fold in zip(held_out.facts, held_out.fold):
        scored.setdefault(fact["doc"], set()).add(fold)
    assert all(len(folds) == 1 for folds in scored.values())
    assert len(set(held_out.fold)) == 5 and len(scored) > len(docs) / 2


def test_our_scorer_agrees_with_the_reference(reference, gold_and_docs):
    gold, docs = gold_and_docs
    run = run_paths([DEV / "docs"])
    assert not run.errors
    predicted = [vars(f) for f in run.facts]
    for kind in evaluation.KINDS:
        ours = evaluation.score(gold, docs, predicted, kind)
        theirs, _ = reference.score(gold, docs, predicted, kind)
        assert ours.core == tuple(theirs["core"].values())
        assert ours.strict == tuple(theirs["strict"].values())


@needs(BACKGROUND)
def test_general_news_yields_almost_nothing():
    pages = sorted((BACKGROUND / "docs").iterdir())
    run = run_paths([BACKGROUND / "docs"])
    assert not run.errors and len(pages) >= 100
    assert len(run.facts) / len(pages) * 100 <= BACKGROUND_FACTS_PER_100_PAGES
