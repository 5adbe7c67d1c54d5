"""Persons across the corpus, merged from the per-document :class:`Mention` facts.

Names match without regard to case or diacritics; a one-word name joins the one person whose
name ends with it; a people file (see :func:`load_people_file`) overrides.
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass, field
from typing import Any

from ...models import Person, StoredFact, TitleRecord
from ...text import fold, name_key
from .gender import compatible


@dataclass
class _Group:
    name: str
    spellings: list[str] = field(default_factory=list)
    mentions: list[StoredFact] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    applied: set[int] = field(default_factory=set)  # the override entries whose aliases are in
    named_in: list[StoredFact] = field(default_factory=list)  # unconfirmed names of it elsewhere


MAX_PEOPLE_FILE_BYTES = 4 * 1024 * 1024


def load_people_file(path: str) -> list[dict[str, Any]]:
    """Read ``people.yaml``: a list of entries (or ``{people: [...]}``).

    Each entry: ``name`` (canonical name and spelling, required), ``aliases`` (other names
    that mean this person: extracted persons with any of them are merged into it), ``docs``
    (only mentions in these source files: splits one extracted name into several persons),
    ``note`` (one line), ``drop: true`` (not a person: remove it).
    """
    from ...errors import SpecError
    from ...yaml_input import read_yaml_file

    # Plain YAML only (no tags, no duplicate keys, no alias bombs), size-capped; errors name file and line.
    data = read_yaml_file(path, MAX_PEOPLE_FILE_BYTES, "people file", max_nodes=200_000)
    if isinstance(data, dict):
        data = data.get("people", [])
    if data is None:
        return []
    if not isinstance(data, list):
        raise SpecError("expected a list of people (or a `people:` list)", path=path)
    out = []
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise SpecError(f"entry {i}: each person needs a `name`", path=path)
        unknown = set(entry) - {"name", "aliases", "docs", "note", "drop"}
        if unknown:
            raise SpecError(f"entry {i} ({entry['name']}): unknown key {sorted(unknown)[0]!r}; expected "
                            "name, aliases, docs, note, drop", path=path)
        for key in ("aliases", "docs"):
            value = entry.get(key, [])
            if isinstance(value, str):
                entry[key] = [value]
            elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SpecError(f"entry {i} ({entry['name']}): `{key}` must be a list of strings", path=path)
        out.append(entry)
    return out


def _best_spelling(spellings: list[str]) -> str:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, s in enumerate(spellings):
        counts[s] = counts.get(s, 0) + 1
        first.setdefault(s, i)
    # Diacritics first (they carry information the plain spelling lost), then frequency.
    return max(counts, key=lambda s: (s != fold(s) and not s.isascii(), counts[s], -first[s]))


def affected_groups(changed: set[str], keys: set[str]) -> set[str]:
    """The group keys whose persons may differ after mentions with the name keys ``changed``
    were added or removed, given the name keys of all mentions now stored (``keys``).

    A one-word name joins the one full name ending with it, so a change to any name ending
    in a word touches that word's group and every full name ending in it. The mentions of the
    returned keys are all :func:`merge_groups` needs to redo those persons.
    """
    plains = {_plain(k) for k in changed}
    changed = changed | plains | {k for k in keys if _plain(k) in plains}
    words = {k.rsplit(" ", 1)[-1] for k in changed}
    groups = {k for k in changed if " " in k} | words
    groups.update(k for k in keys if " " in k and k.rsplit(" ", 1)[-1] in words)
    return groups


def _plain(key: str) -> str:
    """The name key without middle initials: ``donald j trump`` -> ``donald trump``."""
    words = key.split()
    if len(words) < 3 or len(words[0]) == 1 or all(len(w) > 1 for w in words[1:-1]):
        return key
    return " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])


def _full_name_of(word: str, m: StoredFact, longer: list[str], named_in: dict[str, set[str]]) -> str:
    """The full name a surname alone stands for: the one full name ending with it that its
    honorific allows ("Mrs. Clinton" is not "Bill Clinton"), or, among several, the one the
    corpus names far more often ("Mr. Trump" in 2016 news is Donald Trump, not Eric Trump);
    else the surname stays a person of its own."""
    gendered = [a.split()[0] for a in m.data.get("aliases") or [] if " " in a]
    fits = [k for k in longer if all(compatible(h, k) for h in gendered)]
    if len(fits) == 1:
        return fits[0]
    counts = sorted(((len(named_in.get(k, ())), k) for k in fits), reverse=True)
    if len(counts) > 1 and counts[0][0] >= 3 * max(counts[1][0], 1):
        return counts[0][1]
    return word


def _by_initials(keys: set[str]) -> dict[str, str]:
    """Name keys with middle initials -> the key without them, when the initials tell no two
    persons apart ("Donald J. Trump" is "Donald Trump"; "George W. Bush" and "George H. W.
    Bush" both stay)."""
    variants: dict[str, list[str]] = {}
    for k in keys:
        p = _plain(k)
        if p != k:
            variants.setdefault(p, []).append(k)
    return {ks[0]: p for p, ks in variants.items() if len(ks) == 1}


class _Overrides:
    """The people file's entries, indexed by the name keys they claim."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.entries = entries
        self.docs = [frozenset(e.get("docs") or ()) for e in entries]
        self.by_key: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            for k in {name_key(e["name"])} | {name_key(a) for a in e.get("aliases", [])}:
                self.by_key.setdefault(k, []).append(i)

    def find(self, m: StoredFact, key: str) -> tuple[int, dict[str, Any]] | None:
        """The first entry (in file order) claiming one of the mention's names (``key`` is its
        name's), for its document: (index, entry)."""
        hits = set(self.by_key.get(key, ()))
        for a in m.data.get("aliases") or []:
            hits.update(self.by_key.get(name_key(a), ()))
        for i in sorted(hits):
            if not self.docs[i] or m.doc_file in self.docs[i]:
                return i, self.entries[i]
        return None


def merge_groups(facts: list[StoredFact], people_file: str | None = None,
                 full_keys: set[str] | None = None) -> list[tuple[str, Person]]:
    """Persons across the corpus from the per-document :class:`Mention` facts, each with its
    group key (its name key, or ``=name`` for an override).

    ``full_keys`` are the name keys of every mention in the corpus, when ``facts`` hold only
    some of them (an incremental merge; see :func:`affected_groups`).

    Linear in the mentions (plus sorting them): overrides are looked up by name key, and each
    group's aliases, titles and spellings are deduplicated through dicts and sets.
    """
    mentions = sorted((f for f in facts if f.kind == "mention"), key=operator.attrgetter("doc_file", "span"))
    unconfirmed = sorted((f for f in facts if f.kind == "name"), key=operator.attrgetter("doc_file", "span"))
    overrides = _Overrides(load_people_file(people_file)) if people_file else None
    groups: dict[str, _Group] = {}

    names = [m.data.get("name", "") for m in mentions]
    keys = [name_key(n) for n in names]
    if full_keys is None:
        full_keys = set(keys)
    plain = _by_initials(full_keys)
    # "Smith" alone joins the one full name ending with it: full names by their last word.
    ending_with: dict[str, list[str]] = {}
    for k in {plain.get(k, k) for k in full_keys}:
        if " " in k:
            ending_with.setdefault(k.rsplit(" ", 1)[-1], []).append(k)
    # How many documents name each full name (the mentions of every full name ending in a word
    # are all here, also in an incremental merge: see affected_groups).
    named_in: dict[str, set[str]] = {}
    for m, k in zip(mentions, keys, strict=True):
        named_in.setdefault(plain.get(k, k), set()).add(m.doc_file)
    for m, name, key in zip(mentions, names, keys, strict=True):
        hit = overrides.find(m, key) if overrides else None
        if hit:
            index, entry = hit
            if entry.get("drop"):
                continue
            key = "=" + entry["name"]
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(name=entry["name"], note=entry.get("note"))
            if index not in g.applied:  # applying an entry's aliases again would add nothing
                g.applied.add(index)
                g.aliases.extend(a for a in entry.get("aliases", []) if a not in g.aliases)
        else:
            key = plain.get(key, key)
            if key and " " not in key:
                key = _full_name_of(key, m, ending_with.get(key, []), named_in)
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(name=name)
        g.mentions.append(m)
        g.spellings.append(name)

    # A name recognised as a person in one document is that person wherever it is named.
    for f in unconfirmed:
        key = name_key(f.data.get("name", ""))
        g = groups.get(plain.get(key, key))
        if g is not None and all(m.doc_file != f.doc_file for m in g.mentions):
            g.named_in.append(f)
    return [(key, _person(key, g)) for key, g in groups.items()]


def _person(key: str, g: _Group) -> Person:
    """The merged person of one group of mentions."""
    first = g.mentions[0]
    name = g.name if key.startswith("=") else _best_spelling(g.spellings)
    folded_name = fold(name)
    # Each distinct alias once, in order of first appearance; whether one is kept depends
    # on it alone.
    candidates = dict.fromkeys(itertools.chain(
        g.aliases, (x for m in g.mentions for x in m.data.get("aliases") or []), g.spellings))
    aliases = [a for a in candidates if a != name and not (fold(a) == folded_name and a == fold(a))]
    titles = []
    seen = set()
    for m in g.mentions:
        for t in m.data.get("titles") or []:
            title, doc, as_of = t.get("title", ""), t.get("doc") or m.doc_file, t.get("as_of")
            if (title, doc, as_of) not in seen:  # the same title again in one doc: once
                seen.add((title, doc, as_of))
                titles.append(TitleRecord(title=title, as_of=as_of, doc=doc,
                                          span=(t["span"][0], t["span"][1]) if t.get("span") else None))
    titles.sort(key=lambda t: (t.as_of or "", t.doc))
    docs = tuple(dict.fromkeys(m.doc_file for m in [*g.mentions, *g.named_in]))
    return Person(doc_id=first.doc_id, span=first.span, text=first.text, name=name,
                  aliases=tuple(aliases), titles=tuple(titles), docs=docs, note=g.note)
