"""The date rules are data (resources/en/dates.yaml): every example beside a rule is run here."""

from __future__ import annotations

import pytest

from briefing.extract.dates import tag
from briefing.lexicon import lexicon

EXAMPLES = [(rule.name, *example) for rule in lexicon().dates.rules for example in rule.examples]


def test_every_rule_has_an_example() -> None:
    assert all(rule.examples for rule in lexicon().dates.rules)


@pytest.mark.parametrize("name,text,reference,expected", EXAMPLES, ids=[f"{e[0]}: {e[1][:40]}" for e in EXAMPLES])
def test_rule_examples(name: str, text: str, reference: str | None, expected: tuple[tuple[str, str, str], ...]) -> None:
    found = tag(text, reference)
    assert [(t.text, t.type, t.value) for t in found] == [tuple(x) for x in expected]
    assert all(text[t.start:t.end] == t.text for t in found)


@pytest.mark.parametrize("text,year", [
    ("Viet Nam is carrying out the resolution of the recent 12th National Congress.", "2016"),
    ("The reforms of three decades of Doi Moi changed the country.", "2016"),
    ("The recent 12th National Congress met.", None),  # no context: the event is not that congress
])
def test_reference_events_date_an_undated_article(text: str, year: str | None) -> None:
    from briefing.ingest.infer import infer_published

    found = infer_published(text)
    assert (found.value if found else None) == year
    assert found is None or (found.inferred and found.precision == "year")
