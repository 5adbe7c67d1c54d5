"""Persons across the corpus, merged from the per-document :class:`Mention` facts.

Names match without regard to case or diacritics; a one-word name joins the one person whose
name ends with it; a people file (see :func:`load_people_file`) overrides.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...models import Person, StoredFact, TitleRecord
from ...text import fold, name_key
from .gender import compatible


@dataclass
class _Group:
    """One person being merged: what its mentions add up to, not the mentions themselves, so
    that a merge holds the persons it makes, whatever the number of mentions of a name."""

    name: str
    first: StoredFact  # its first mention in corpus order
    spellings: dict[str, int] = field(default_factory=dict)  # count of each, in order of first use
    mention_aliases: dict[str, None] = field(default_factory=dict)  # in order of first use
    titles: dict[tuple[str, str, str | None], TitleRecord] = field(default_factory=dict)  # one per doc and date
    docs: dict[str, None] = field(default_factory=dict)  # the files of its mentions, in corpus order
    named_in: dict[str, None] = field(default_factory=dict)  # files naming it with no mention of it
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    applied: set[int] = field(default_factory=set)  # the override entries whose aliases are in

    def add(self, m: StoredFact) -> None:
        """Add a mention (they come in corpus order)."""
        name = m.data.get("name", "")
        self.spellings[name] = self.spellings.get(name, 0) + 1
        self.mention_aliases.update(dict.fromkeys(m.data.get("aliases") or ()))
        for t in m.data.get("titles") or ():
            title, doc, as_of = t.get("title", ""), t.get("doc") or m.doc_file, t.get("as_of")
            if (title, doc, as_of) not in self.titles:  # the same title again in one doc: once
                self.titles[title, doc, as_of] = TitleRecord(
                    title=title, as_of=as_of, doc=doc, span=(t["span"][0], t["span"][1]) if t.get("span") else None)
        self.docs[m.doc_file] = None


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


def _best_spelling(counts: dict[str, int]) -> str:
    """The spelling to show, of the spellings' counts in order of first use: diacritics first
    (they carry information the plain spelling lost), then frequency, then the first used
    (``max`` keeps the first of equals)."""
    return max(counts, key=lambda s: (s != fold(s) and not s.isascii(), counts[s]))


def _plain(key: str) -> str:
    """The name key without middle initials: ``donald j trump`` -> ``donald trump``."""
    words = key.split()
    if len(words) < 3 or len(words[0]) == 1 or all(len(w) > 1 for w in words[1:-1]):
        return key
    return " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])


def _full_name_of(word: str, gendered: tuple[str, ...], longer: list[str], named_in: dict[str, set[str]]) -> str:
    """The full name a surname alone stands for: the one full name ending with it that its
    honorifics (``gendered``: the first words of its aliases) allow ("Mrs. Clinton" is not
    "Bill Clinton"), or, among several, the one the corpus names far more often ("Mr. Trump"
    in 2016 news is Donald Trump, not Eric Trump); else the surname stays a person of its own."""
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


def bucket_of(key: str) -> str:
    """The surname bucket of a name key, its last word: a person's mentions never span two,
    so persons can be merged one bucket at a time (the names a full name ending in the word
    stands for, and its variants without middle initials, all end in it).

        >>> bucket_of("donald j trump"), bucket_of("trump")
        ('trump', 'trump')
    """
    return key.rsplit(" ", 1)[-1]


def bucket_groups(word: str, keys: Iterable[str]) -> set[str]:
    """Every group key a merge of the bucket ``word`` can give, given name keys in it (stored
    now, or removed since the last merge): the keys, their forms without middle initials and
    the lone surname. The stored persons of these keys are the bucket's."""
    return {word} | {k for key in keys for k in (key, _plain(key))}


class CorpusMerge:
    """Persons across the corpus, merged bucket by bucket (see :func:`bucket_of`).

    :meth:`buckets` merges the mentions and unconfirmed names of whole buckets (all that it
    needs to know of the corpus is in them), read one at a time in corpus order; mentions a
    people file claims may join names of other buckets, so they are kept until
    :meth:`claimed`, which merges them after the last.
    """

    def __init__(self, people_file: str | None = None) -> None:
        self.overrides = _Overrides(load_people_file(people_file)) if people_file else None
        self.held: list[tuple[StoredFact, int, dict[str, Any]]] = []  # claimed mentions, for claimed()

    def bucket(self, facts: Iterable[StoredFact]) -> list[tuple[str, Person]]:
        """:meth:`buckets` of whole buckets' mentions and names given at once, in any order."""
        facts = sorted(facts, key=_position)
        mentions = [f for f in facts if f.kind == "mention"]
        named = ((name_key(m.data.get("name", "")), m.doc_file) for m in mentions)
        return self.buckets(named, mentions, (f for f in facts if f.kind == "name"))

    def buckets(self, named: Iterable[tuple[str, str]], mentions: Iterable[StoredFact],
                unconfirmed: Iterable[StoredFact]) -> list[tuple[str, Person]]:
        """The persons of whole buckets, each with its group key; those of the people file's
        entries come from :meth:`claimed`. ``named`` gives (name key, file) of every mention of
        the buckets; ``mentions`` and ``unconfirmed`` names come in corpus order (file, then
        place in it), and are consumed one at a time, in that order: a merge holds the persons
        it makes, not the mentions, so the largest bucket costs no more than a small one.

        Linear in the mentions: overrides are looked up by name key, and each group's aliases,
        titles and spellings are deduplicated through dicts and sets.
        """
        # How many documents name each full name, and "Smith" alone joins the one full name
        # ending with it: full names by their last word.
        files: dict[str, set[str]] = {}
        for key, file in named:
            files.setdefault(key, set()).add(file)
        plain = _by_initials(set(files))
        named_in: dict[str, set[str]] = {}
        for k, docs in files.items():
            named_in.setdefault(plain.get(k, k), set()).update(docs)
        ending_with: dict[str, list[str]] = {}
        for k in named_in:
            if " " in k:
                ending_with.setdefault(bucket_of(k), []).append(k)
        groups: dict[str, _Group] = {}
        resolved: dict[tuple[str, tuple[str, ...]], str] = {}  # a surname's full name, by honorifics
        for m in mentions:
            name = m.data.get("name", "")
            key = name_key(name)
            hit = self.overrides.find(m, key) if self.overrides else None
            if hit:
                if not hit[1].get("drop"):
                    self.held.append((m, *hit))
                continue
            key = plain.get(key, key)
            if key and " " not in key:
                gendered = tuple(a.split()[0] for a in m.data.get("aliases") or [] if " " in a)
                if (key, gendered) not in resolved:
                    resolved[key, gendered] = _full_name_of(key, gendered, ending_with.get(key, []), named_in)
                key = resolved[key, gendered]
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(name=name, first=m)
            g.add(m)

        # A name recognised as a person in one document is that person wherever it is named.
        for f in unconfirmed:
            key = name_key(f.data.get("name", ""))
            g = groups.get(plain.get(key, key))
            if g is not None and f.doc_file not in g.docs:
                g.named_in[f.doc_file] = None
        return [(key, _person(key, g)) for key, g in groups.items()]

    def claimed(self) -> list[tuple[str, Person]]:
        """The persons of the people file's entries (group key ``=name``), from the mentions
        the buckets merged so far set aside, in corpus order."""
        groups: dict[str, _Group] = {}
        for m, index, entry in sorted(self.held, key=lambda h: _position(h[0])):
            key = "=" + entry["name"]
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(name=entry["name"], first=m, note=entry.get("note"))
            if index not in g.applied:  # applying an entry's aliases again would add nothing
                g.applied.add(index)
                g.aliases.extend(a for a in entry.get("aliases", []) if a not in g.aliases)
            g.add(m)
        self.held = []
        return [(key, _person(key, g)) for key, g in groups.items()]


_position = operator.attrgetter("doc_file", "span")  # corpus order: file, then place in it


def merge_groups(facts: list[StoredFact], people_file: str | None = None) -> list[tuple[str, Person]]:
    """Persons across the corpus from the per-document :class:`Mention` facts (and unconfirmed
    names) of whole buckets, each with its group key (its name key, or ``=name`` for an
    override)."""
    merge = CorpusMerge(people_file)
    return merge.bucket(facts) + merge.claimed()


def _person(key: str, g: _Group) -> Person:
    """The merged person of one group of mentions."""
    first = g.first
    name = g.name if key.startswith("=") else _best_spelling(g.spellings)
    folded_name = fold(name)
    # Each distinct alias once, in order of first appearance; whether one is kept depends
    # on it alone.
    candidates = dict.fromkeys(itertools.chain(g.aliases, g.mention_aliases, g.spellings))
    aliases = [a for a in candidates if a != name and not (fold(a) == folded_name and a == fold(a))]
    titles = sorted(g.titles.values(), key=lambda t: (t.as_of or "", t.doc))
    docs = tuple(itertools.chain(g.docs, g.named_in))
    return Person(doc_id=first.doc_id, span=first.span, text=first.text, name=name,
                  aliases=tuple(aliases), titles=tuple(titles), docs=docs, note=g.note)


# How many mentions and names a merge reads at a time (whole buckets, so one bucket may exceed
# it): memory stays that of a batch however large the corpus grows.
MERGE_BATCH = 5000


def merge_batches(stored: dict[str, int], dirty: set[str] | None,
                  limit: int | None = None) -> Iterator[tuple[list[str], set[str]]]:
    """What a merge reads and replaces, batch by batch: (the name keys whose mentions and names
    to read, every group key those buckets can hold), over every bucket (``dirty`` None) or
    those of the dirty keys. ``stored`` counts the stored mentions and names by name key; a
    batch holds whole buckets, up to ``limit`` facts (:data:`MERGE_BATCH`) unless one is larger.

        >>> stored = {"jo day": 2, "day": 1, "al roe": 1}
        >>> [(keys, sorted(groups)) for keys, groups in merge_batches(stored, {"day"})]
        [(['jo day', 'day'], ['day', 'jo day'])]
    """
    limit = MERGE_BATCH if limit is None else limit
    words = None if dirty is None else {bucket_of(k) for k in dirty}
    buckets: dict[str, dict[str, int]] = {}
    for key, n in stored.items():
        word = bucket_of(key)
        if words is None or word in words:
            buckets.setdefault(word, {})[key] = n
    for key in dirty or ():  # a name no longer stored: its person goes
        buckets.setdefault(bucket_of(key), {}).setdefault(key, 0)
    keys: list[str] = []
    groups: set[str] = set()
    size = 0
    for word in sorted(buckets):
        counts = buckets[word]
        if keys and size + sum(counts.values()) > limit:
            yield keys, groups
            keys, groups, size = [], set(), 0
        keys += counts
        groups |= bucket_groups(word, counts)
        size += sum(counts.values())
    if keys:
        yield keys, groups
