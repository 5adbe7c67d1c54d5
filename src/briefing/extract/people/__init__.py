"""People: person mentions per document, and persons merged across the corpus.

One job a module: ``vocab`` (the words, from ``resources/en/people.yaml``), ``tokens``,
``candidates`` (capitalised name runs), ``titles`` and ``posts`` (titles around a name and
their keys), ``dating`` (the date a title holds on), ``document`` (the persons of one
document), ``merge`` (persons across the corpus).

    >>> from briefing.models import Document
    >>> text = "US President Joe Biden met the press. Biden said little."
    >>> doc = Document(id="d", file="a.txt", path="a.txt", raw=text, text=text, title=None,
    ...                published=None)
    >>> from briefing.extract import DocContext
    >>> [(m.name, m.aliases, [t.title for t in m.titles]) for m in extract(DocContext(doc))]
    [('Joe Biden', ('Biden',), ['US President'])]
"""

from __future__ import annotations

from ...text import fold, name_key
from .document import DocPeople, DocPerson, Ref, analyse, extract
from .merge import (
    MAX_PEOPLE_FILE_BYTES,
    CorpusMerge,
    bucket_of,
    load_people_file,
    merge_batches,
    merge_groups,
)
from .posts import post_key, same_post
from .titles import split_titles


def _words(text: str) -> frozenset[str]:
    # Still imported by quotes until its vocabulary moves to the resource pack.
    return frozenset(text.split())


__all__ = [
    "MAX_PEOPLE_FILE_BYTES", "CorpusMerge", "DocPeople", "DocPerson", "Ref", "analyse", "bucket_of",
    "extract", "fold", "load_people_file", "merge_batches", "merge_groups", "name_key", "post_key", "same_post", "split_titles",
]
