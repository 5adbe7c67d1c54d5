"""People: the per-document helpers that speed extraction up give what the plain versions give."""

from __future__ import annotations

from briefing.extract import people as P

TRICKY = (
    "Nguyễn Phú Trọng's visit — co-chair O’Brien-Smith met Ursula von der Leyen's envoy (U.S.).\n"
    "  Tran’s  e-mail: 2024-03-04, 1,000 people; ‐dash‐ 'quoted' don't-stop x_y __ 3rd\t\tend-"
)


def test_tokens_match_the_token_pattern() -> None:
    for text in (TRICKY, "", " ", "word", "'", "a-", "-a", TRICKY * 3):
        toks = P._tokens(text)
        expected = [(m.start(), m.end(), m.group()) for m in P.TOKEN.finditer(text)]
        assert list(zip(toks.starts, toks.ends, toks.words, strict=True)) == expected
        # gaps[i] is what lies before token i; the last gap is the tail
        assert len(toks.gaps) == len(toks.words) + 1
        assert "".join(g + w for g, w in zip(toks.gaps[:-1], toks.words, strict=True)) + toks.gaps[-1] == text


def test_indices_and_positions() -> None:
    words = ["of", "the", "head", "of", "of"]
    assert list(P._indices(words, "of")) == [0, 3, 4]
    assert list(P._indices(words, "none")) == []
    assert list(P._positions([False, True, True, False])) == [1, 2]


def test_word_memo_is_bounded_and_correct() -> None:
    calls: list[str] = []

    def upper(w: str) -> str:
        calls.append(w)
        return w.upper()

    memo = P._WordMemo(upper, limit=3)
    assert list(map(memo.__getitem__, ["a", "b", "a", "c"])) == ["A", "B", "A", "C"]
    assert calls == ["a", "b", "c"]
    assert memo["d"] == "D" and len(memo) <= 3  # full: emptied, then filled again
    assert P._lw("Ministry’s") == "ministry" and P._name_like("Trọng") and not P._name_like("Ministry")
