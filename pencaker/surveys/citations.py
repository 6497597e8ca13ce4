"""Complaints a line of the follow-up plan answers (issue 15, scope 7).

A plan line keeps the tracking numbers it cites as text (``FollowUpAction.cited_complaints``,
comma separated). The complaints app sits above surveys, so it registers a resolver in its
``AppConfig.ready`` that says which numbers are not complaints of the office and gives the
staff links; this app imports nothing of theirs (ADR 12). Without a resolver any
well-formed number is kept and shown without a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_CITATIONS = 10
#: Letters, digits and hyphens: the shape of every tracking number (core.tracking).
NUMBER_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,23}$")
_SPLIT_RE = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class CitationResolver:
    #: ``unknown(office, numbers)``: the numbers that are not complaints of the office.
    unknown: Callable[[Any, Sequence[str]], list[str]]
    #: ``links(viewer, office, numbers)``: ``{number: url}`` of those the viewer may open.
    links: Callable[[Any, Any, Sequence[str]], dict[str, str]]


_RESOLVERS: list[CitationResolver] = []


def citation_resolver_register(resolver: CitationResolver) -> None:
    """Check and link cited complaint numbers (idempotent)."""
    if resolver not in _RESOLVERS:
        _RESOLVERS.append(resolver)


def citations_split(text: str) -> list[str]:
    """The numbers of the text, upper case, in order, each once."""
    numbers: list[str] = []
    for part in _SPLIT_RE.split((text or "").strip().upper()):
        if part and part not in numbers:
            numbers.append(part)
    return numbers


def citations_malformed(numbers: Iterable[str]) -> list[str]:
    return [number for number in numbers if not NUMBER_RE.match(number)]


def citations_unknown(office: Any, numbers: Sequence[str]) -> list[str]:
    """The numbers no registered resolver knows as a complaint of ``office``."""
    unknown: list[str] = []
    for resolver in _RESOLVERS:
        for number in resolver.unknown(office, numbers):
            if number not in unknown:
                unknown.append(number)
    return unknown


@dataclass(frozen=True)
class Citation:
    number: str
    url: str = ""


def citations_for(viewer: Any, office: Any, text: str) -> list[Citation]:
    """The cited numbers of a plan line, each with the staff link the viewer may follow."""
    numbers = citations_split(text)
    links: dict[str, str] = {}
    for resolver in _RESOLVERS:
        links.update(resolver.links(viewer, office, numbers))
    return [Citation(number, links.get(number, "")) for number in numbers]
