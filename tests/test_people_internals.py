"""People: the per-document helpers that speed extraction up give what the plain versions give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.extract import people as P
from briefing.extract.people import tokens as T
from briefing.extract.people import vocab as V
from briefing.models import StoredFact

TRICKY = (
    "Nguyễn Phú Trọng's visit — co-chair O’Brien-Smith met Ursula von der Leyen's envoy (U.S.).\n"
    "  Tran’s  e-mail: 2024-03-04, 1,000 people; ‐dash‐ 'quoted' don't-stop x_y __ 3rd\t\tend-"
)


def test_tokens_match_the_token_pattern() -> None:
    for text in (TRICKY, "", " ", "word", "'", "a-", "-a", TRICKY * 3):
        toks = T.tokens(text)
        expected = [(m.start(), m.end(), m.group()) for m in T.TOKEN.finditer(text)]
        assert list(zip(toks.starts, toks.ends, toks.words, strict=True)) == expected
        # gaps[i] is what lies before token i; the last gap is the tail
        assert len(toks.gaps) == len(toks.words) + 1
        assert "".join(g + w for g, w in zip(toks.gaps[:-1], toks.words, strict=True)) + toks.gaps[-1] == text


def test_indices_and_positions() -> None:
    words = ["of", "the", "head", "of", "of"]
    assert list(T.indices(words, "of")) == [0, 3, 4]
    assert list(T.indices(words, "none")) == []
    assert list(T.positions([False, True, True, False])) == [1, 2]


def test_word_memo_is_bounded_and_correct() -> None:
    calls: list[str] = []

    def upper(w: str) -> str:
        calls.append(w)
        return w.upper()

    memo = V.WordMemo(upper, limit=3)
    assert list(map(memo.__getitem__, ["a", "b", "a", "c"])) == ["A", "B", "A", "C"]
    assert calls == ["a", "b", "c"]
    assert memo["d"] == "D" and len(memo) <= 3  # full: emptied, then filled again
    assert V.lw("Ministry’s") == "ministry" and V.name_like("Trọng") and not V.name_like("Ministry")


def _merge(facts: list[StoredFact], people_file: str | None = None) -> list[Any]:
    return [person for _key, person in P.merge_groups(facts, people_file)]


def _mention(doc: str, name: str, aliases: tuple[str, ...] = ()) -> StoredFact:
    return StoredFact(id=f"{doc}:{name}", kind="mention", doc_id="id-" + doc, doc_file=doc, span=(0, len(name)),
                      text=name, data={"name": name, "aliases": list(aliases), "titles": []})


def test_people_file_entries_apply_in_file_order_whichever_name_matches(tmp_path: Path) -> None:
    # The mention's alias matches the first entry, its name the second: the first entry wins,
    # except in a document the first entry is not for.
    path = tmp_path / "people.yaml"
    path.write_text("- name: First\n  aliases: [Trung]\n  docs: [a.txt, b.txt]\n"
                    "- name: Second\n  aliases: [Le Hoai Trung, Second Alias, Second Alias]\n"
                    "- name: Second\n  aliases: [Other Alias]\n", encoding="utf-8")
    facts = [_mention("a.txt", "Le Hoai Trung", ("Trung",)), _mention("c.txt", "Le Hoai Trung", ("Trung",)),
             _mention("b.txt", "Le Hoai Trung"), _mention("d.txt", "Le Hoai Trung", ("Mr. Trung",))]
    persons = {p.name: p for p in _merge(facts, str(path))}
    assert persons["First"].docs == ("a.txt",)
    assert persons["Second"].docs == ("b.txt", "c.txt", "d.txt")
    # Each entry's aliases once, in order; then the mentions' own.
    assert persons["Second"].aliases == ("Le Hoai Trung", "Second Alias", "Trung", "Mr. Trung")


def test_merge_keeps_each_alias_once_in_order_of_first_appearance() -> None:
    facts = [_mention(f"d{i}.txt", "Joe Biden" if i % 3 else "JOE BIDEN", (f"Biden-{i % 5}", "Biden"))
             for i in range(50)]
    (person,) = _merge(facts)
    assert person.name == "Joe Biden"
    assert person.aliases == ("Biden-0", "Biden", "Biden-1", "Biden-2", "Biden-3", "Biden-4", "JOE BIDEN")
    assert len(person.docs) == 50
