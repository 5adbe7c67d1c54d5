"""The resource pack: every file loads into the typed lexicon, and every example in it holds."""

from __future__ import annotations

import re

import pytest

from briefing.lexicon import lexicon
from briefing.text import lemma

LEX = lexicon()


def test_calendar_covers_every_month_and_weekday_with_their_abbreviations():
    assert LEX.month_names[0] == "January" and len(LEX.month_names) == 12
    assert [LEX.months[m.lower()] for m in LEX.month_names] == list(range(1, 13))
    assert LEX.months["sept"] == LEX.months["sep"] == 9
    assert [LEX.weekdays[d.lower()] for d in LEX.weekday_names] == list(range(1, 8))


def test_numbers_are_consistent():
    assert LEX.cardinals["seven"] == 7 and LEX.ordinals["seventh"] == 7
    assert LEX.scales["bn"] == LEX.scales["billion"] == 1e9
    # Every ordinal up to twelve has its cardinal: lists counted in words rely on both.
    by_value = {v: k for k, v in LEX.cardinals.items()}
    assert all(by_value.get(v) for v in LEX.ordinals.values() if v <= 12)


@pytest.mark.parametrize("verb", LEX.speech_verbs, ids=lambda v: v.lemma)
def test_every_speech_verb_example_uses_one_of_its_forms(verb):
    assert verb.uses, verb.lemma
    assert any(re.search(rf"\b{re.escape(f)}\b", verb.example) for f in verb.forms), verb.example
    for use, forms in verb.forms_by_use.items():
        assert use in verb.uses and set(forms) <= set(verb.forms), verb.lemma


def test_irregular_plurals_drive_lemma():
    for plural, singular in LEX.irregular_plurals.items():
        assert lemma(plural) == singular


def test_lexicon_is_frozen():
    with pytest.raises(TypeError):
        LEX.months["smarch"] = 13  # type: ignore[index]
