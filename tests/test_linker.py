"""The linker's decision: candidates weighed by evidence, the weights file, training,
cross-validation, confidence and `tradefacts explain` (texts and gold written for these tests)."""
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from tradefacts import extract_text
from tradefacts.cli import main
from tradefacts.linker import training
from tradefacts.linker.candidates import Candidate
from tradefacts.linker.flows import FlowOption
from tradefacts.linker.pairs import PairOption
from tradefacts.linker.decision import Decision, DecisionError, read, shipped


def candidate(flow, a, b, features):
    return Candidate(FlowOption(flow, f"flow.{flow}", set()), PairOption(a, b, ["pair.clause"], set()), features)


NO_FACT = Candidate(None, None, ["null"])


def test_the_heaviest_reading_wins_and_readings_of_one_fact_add_up():
    decision = Decision({"near": 2.0, "far": 1.5, "null": 1.8}, {})
    offered = [candidate("export", "KAZ", "CHN", ["far"]), candidate("export", "CHN", "KAZ", ["far"]),
               candidate("import", "KAZ", "CHN", ["near"]), NO_FACT]
    choice = decision.choose(offered)
    # two readings of export KAZ-CHN (1.5 each) outweigh one import (2.0) together
    assert choice.candidate.outcome == ("export", frozenset({"KAZ", "CHN"}))
    assert abs(sum(choice.probabilities) - 1) < 1e-9
    assert choice.probability == pytest.approx(choice.probabilities[0] + choice.probabilities[1])


def test_no_fact_when_nothing_outweighs_it():
    decision = Decision({"weak": -1.0, "null": 0.5}, {})
    choice = decision.choose([candidate("turnover", "UZB", "TJK", ["weak"]), NO_FACT])
    assert choice.candidate is None and choice.probability > 0.5


def test_without_weights_the_rules_own_reading_is_taken():
    offered = [candidate("export", "KAZ", "CHN", ["x"]), candidate("import", "KAZ", "CHN", ["rules&money"]), NO_FACT]
    assert Decision.first().choose(offered).candidate is offered[1]
    assert Decision.first().choose([candidate("export", "KAZ", "CHN", ["x"]), NO_FACT]).candidate is None


@pytest.mark.parametrize("body,problem", [
    ("not json", "cannot be read"),
    ('{"weights": {"a": "heavy"}}', "'weights' must map"),
    ('{"weights": {"a": 1}, "calibration": {"slope": null}}', "'calibration' must map"),
    ('{"calibration": {}}', "'weights' must map"),
])
def test_a_broken_weights_file_is_named(tmp_path, body, problem):
    path = tmp_path / "decision.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DecisionError) as err:
        read(path)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_the_shipped_weights_hold_the_rules_prior_and_a_calibration():
    decision = shipped()
    assert decision.weights["rules&money"] > 1 and decision.calibration["slope"] >= 0
    assert any(k.startswith("offset:") for k in decision.calibration)


def test_fitting_learns_which_evidence_marks_the_right_reading():
    found = [training.Example([["cue_before", "x"], ["cue_after", "x"], ["null"]], [True, False, False])] * 30
    found += [training.Example([["cue_after", "y"], ["null"]], [False, True])] * 10
    weights = training.fit(found, l2=0.1)
    assert weights["cue_before"] > weights.get("cue_after", 0.0)
    assert weights["null"] > weights.get("cue_after", 0.0)


def test_calibration_turns_probabilities_into_how_often_facts_are_right():
    facts = [{"kind": "money", "flow": "export", "status": "actual", "unit_assumed": False, "year": 2023,
              "rule": "pair.clause", "confidence": p} for p in (0.95,) * 40 + (0.6,) * 40]
    right = [True] * 38 + [False] * 2 + [True] * 20 + [False] * 20
    decision = Decision({}, training.calibrate(facts, right))
    high, low = (decision.confidence(p, pd.Series(facts[0]).to_frame().T.iloc[0]) for p in (0.95, 0.6))
    assert high > 0.85 and 0.35 < low < 0.65


# A small corpus with gold, written for these tests: each document states one bilateral figure
# and one figure that is no fact of the pair.
CORPUS = {
    "a.txt": ("Trade between Kazakhstan and Mongolia reached $150 million in 2023. Mongolia's GDP grew by $2 billion.",
              [("money", "KAZ", "MNG", "turnover", 150e6)]),
    "b.txt": ("Uzbekistan exported goods worth $95 million to Tajikistan in 2022. The budget was $4 billion.",
              [("money", "UZB", "TJK", "export", 95e6)]),
    "c.txt": ("Georgia's imports from Armenia stood at $71 million in 2021. Tourists spent $3 billion.",
              [("money", "GEO", "ARM", "import", 71e6)]),
    "d.txt": ("China and Laos signed agreements worth $2 billion in 2024. Rainfall rose by 3 percent.",
              [("money", "CHN", "LAO", "deal", 2e9)]),
}


@pytest.fixture
def corpus(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    with open(tmp_path / "gold.jsonl", "w", encoding="utf-8") as gold:
        for name, (text, facts) in CORPUS.items():
            (docs / name).write_text(text, encoding="utf-8")
            for kind, a, b, flow, value in facts:
                gold.write(json.dumps({"doc": name, "kind": kind, "a": a, "b": b, "flow": flow, "status": "actual",
                                       "year": None, "period": None, "value": value,
                                       "unit": "USD", "approx": "exact"}) + "\n")
    return tmp_path


def test_cross_validation_scores_each_document_with_weights_fitted_without_it(corpus):
    documents = training.read_documents(corpus / "docs")
    gold = [json.loads(line) for line in open(corpus / "gold.jsonl")]
    held = training.cross_validate(documents, gold, folds=2)
    assert sorted(f["doc"] for f in held.facts) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert all(0 < f["confidence"] <= 1 for f in held.facts)
    assert len(set(held.fold)) == 2


def test_train_writes_the_weights_and_the_honest_scores(corpus):
    out = corpus / "decision.json"
    result = CliRunner().invoke(main, ["train", str(corpus / "gold.jsonl"), str(corpus / "docs"), "-o", str(out), "--folds", "2"])
    assert result.exit_code == 0, result.output
    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["fitted_on"]["documents"] == 4 and body["cross_validated"]["folds"] == 2
    assert body["cross_validated"]["scores"]["money"]["core_f1"] == 1.0
    assert read(out).weights and "reliability of confidence" in result.output


def test_evaluate_with_folds_cross_validates(corpus):
    result = CliRunner().invoke(main, ["evaluate", str(corpus / "gold.jsonl"), str(corpus / "docs"), "--folds", "2"])
    assert result.exit_code == 0, result.output
    assert "2-fold cross-validation" in result.output and "core   precision 1.000  recall 1.000" in result.output


def test_explain_shows_readings_evidence_decision_and_what_dropped_a_figure():
    text = ("Trade between Armenia and Iran reached $720 million in 2023. "
            "Armenian exports to Iran increased by $40 million.")
    result = CliRunner().invoke(main, ["explain", text])
    assert result.exit_code == 0, result.output
    first, second = result.output.split("\n\n")[:2]
    assert '"$720 million"' in first and "readings weighed" in first and "→" in first
    assert "turnover ARM–IRN" in first or "turnover IRN–ARM" in first
    assert "rules&money" in first and "fact: money turnover" in first and "confidence" in first
    assert '"$40 million"' in second and "settled by rule flow.absolute_change" in second and "fact:" not in second


def test_explain_a_document_and_say_when_no_fact_was_made(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Bolivia's copper output reached 40,000 tons, and its GDP grew by 3 percent.", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", "--doc", str(page)])
    assert result.exit_code == 0, result.output
    assert '"40,000 tons"' in result.output and "no fact" in result.output and "fact: " not in result.output


def test_explain_needs_text_or_a_document():
    assert CliRunner().invoke(main, ["explain"]).exit_code == 2


def test_every_fact_has_a_confidence_between_0_and_1():
    facts = extract_text("Trade between Peru and Chile reached $4.1 billion in 2023, and Chilean exports to Peru "
                         "rose by 12 percent.", doc="t.txt")
    assert len(facts) >= 2 and facts["confidence"].between(0, 1, inclusive="right").all()


def test_min_confidence_filters_extract_and_pairs(tmp_path):
    runner = CliRunner()
    out = tmp_path / "all.parquet"
    assert runner.invoke(main, ["extract", "datasets/demo", "-o", str(out), "-q"]).exit_code == 0
    every = pd.read_parquet(out)
    threshold = float(every["confidence"].median())
    kept = tmp_path / "kept.parquet"
    result = runner.invoke(main, ["extract", "datasets/demo", "-o", str(kept), "-q", "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    confident = pd.read_parquet(kept)
    assert 0 < len(confident) < len(every) and (confident["confidence"] >= threshold).all()
    table = runner.invoke(main, ["pairs", str(out), "--min-confidence", "1"])
    assert table.exit_code == 0 and "no facts match" in table.output
