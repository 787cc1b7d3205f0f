"""The reader's search words, parsed once for every database: words, phrases and exclusions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from calaccess_toolkit.errors import UsageError

#: A quoted phrase (closed or not), or a run of characters up to the next space.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
WORD = re.compile(r"\w+", re.UNICODE)


class BadQuery(UsageError):
    """The words cannot be searched (nothing left to find, or only exclusions)."""


@dataclass(frozen=True)
class Term:
    """One word or phrase (its words in order), to find or, when ``excluded``, to leave out."""

    words: tuple[str, ...]
    excluded: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]

    @property
    def included(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if not term.excluded)

    @property
    def excluded(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.excluded)


def parse(text: str) -> Query:
    """Words, ``"phrases"`` and ``-exclusions``; punctuation inside a word splits it (``O'Neil``
    is the phrase ``O Neil``), as every database's tokenizer does."""
    terms = []
    for match in TOKEN.finditer(text):
        excluded = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        words = tuple(word.lower() for word in WORD.findall(raw))
        if words:
            terms.append(Term(words, excluded))
    query = Query(tuple(terms))
    if not query.included:
        raise BadQuery("a full-text search needs at least one word to find (not only -exclusions)")
    return query
