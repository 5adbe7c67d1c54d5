"""Lists and figures on 23 articles of other outlets and topics (``tests/fixtures/lists-figures``),
scored against the hand-marked gold: the targets of issue #16."""

from __future__ import annotations

import pytest

from tests.lists_figures_score import Score, score


@pytest.fixture(scope="module")
def result() -> Score:
    return score()


def test_lists_found_with_their_exact_items(result: Score) -> None:
    s = result.summary()
    assert s["lists_recall"] >= 0.9 and s["lists_exact"] >= 0.9, "\n".join(result.log)
    assert s["lists_precision"] >= 0.9, "\n".join(result.log)


def test_figures_found_precisely_with_what_they_measure(result: Score) -> None:
    s = result.summary()
    assert s["figures_precision"] >= 0.9 and s["figures_recall"] >= 0.9, "\n".join(result.log)
    assert s["figures_measure"] >= 0.9, "\n".join(result.log)
