"""Search the measures' text: the search-measures report, with the matches found in Python.

The report (queries/search-measures.cypher) picks and ranks the measures on either store
(policygraph.api.search runs it); this module splits the query into terms and adds where the
first match is (character offsets into the measure's text) and a snippet around it with every
match marked 【…】.
"""

from __future__ import annotations

import re

from policygraph.loader.errors import InputError
from policygraph.loader.stores.base import QueryResult

REPORT = "search-measures"
BEFORE, AFTER = 12, 30  # characters of context a snippet keeps around its first match
MARK_OPEN, MARK_CLOSE = "【", "】"
SEARCH_COLUMNS = ("start", "end", "snippet")  # added after the report's columns


def split_terms(query: str) -> list[str]:
    """The distinct terms of a query, split at spaces (ASCII or full-width); none is an error."""
    terms = list(dict.fromkeys(query.split()))
    if not terms:
        raise InputError("the search is empty; give one or more words, e.g. 人才 or 企业家 培训.")
    return terms


def with_matches(result: QueryResult, terms: list[str]) -> QueryResult:
    """The search-measures report's rows plus start, end (of the first match) and snippet."""
    pattern = _pattern(terms)
    text_at = result.columns.index("text")
    rows = [[*row, *_match(str(row[text_at] or ""), pattern)] for row in result.rows]
    return QueryResult([*result.columns, *SEARCH_COLUMNS], rows)


def _pattern(terms: list[str]) -> re.Pattern[str]:
    # longest first, so a term that contains another is marked whole
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))


def _match(text: str, pattern: re.Pattern[str]) -> tuple[int, int, str]:
    """(start, end) of the first match and the snippet around it, each match in 【】."""
    first = pattern.search(text)
    if first is None:  # the store matched what Python does not: show the start of the text
        return -1, -1, text[: BEFORE + AFTER]
    lo, hi = max(first.start() - BEFORE, 0), min(first.end() + AFTER, len(text))
    window = text[lo:hi]
    marked = pattern.sub(lambda m: f"{MARK_OPEN}{m.group()}{MARK_CLOSE}", window)
    return (
        first.start(),
        first.end(),
        ("…" if lo > 0 else "") + marked + ("…" if hi < len(text) else ""),
    )
