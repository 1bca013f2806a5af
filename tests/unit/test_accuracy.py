"""The parser on the real-plan corpus: at target, nothing invented (its pages are checked by
tests/unit/test_generated_files.py)."""

import pytest

from tests import accuracy


@pytest.fixture(scope="module")
def scores():
    return accuracy.score_corpus()


def test_the_corpus_holds_answers_for_real_plans():
    expected = accuracy.corpus()
    assert len(expected) >= 40
    for e in expected:
        assert e.plan.exists(), f"{e.name}: no plan file beside its answers"
        assert e.answers, f"{e.name}: no measure lines"
        assert {"source", "shape", "level", "jurisdiction"} <= set(e.header), e.name


def test_at_least_95_percent_of_measures_are_fully_right(scores):
    measures = sum(s.measures for s in scores)
    right = sum(s.right for s in scores)
    assert right >= accuracy.TARGET * measures, accuracy.accuracy_markdown(scores)


def test_no_unit_is_invented(scores):
    invented = {s.name: s.invented for s in scores if s.invented}
    assert invented == {}


def test_a_wrong_role_or_an_invented_unit_is_counted(tmp_path, monkeypatch):
    # The scorer itself: a plan read with one unit in the wrong role and one unit made up.
    (tmp_path / "p.txt").write_text(
        "一、章\n1. 甲。（牵头单位：区财政局。责任单位：区教育局、区民政局）\n", encoding="utf-8"
    )
    (tmp_path / "p.expected").write_text(
        "# shape: labelled-bracket\n1 | 区财政局；区教育局 |\n", encoding="utf-8"
    )
    score = accuracy.score_plan(accuracy.read_expected(tmp_path / "p.expected"))
    assert (score.measures, score.right, score.invented, score.dropped) == (1, 0, 1, 0)
    assert "leads 区财政局, expected 区财政局、区教育局" in score.misses[0]
