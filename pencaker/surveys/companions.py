"""Figures other apps show beside an IKM element on the staff results page.

Complaints show their figures beside the complaint-handling element, the counter queue its
waiting times beside the facilities element. Those apps sit above surveys, so they register
a source in their ``AppConfig.ready`` and this app imports nothing of theirs (ADR 12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Companion:
    """A short block of figures shown under the element table, labelled with its element."""

    element_code: str
    title: str
    lines: list[str] = field(default_factory=list)
    link_url: str = ""
    link_label: str = ""


CompanionSource = Callable[[Any, dt.date, dt.date], Iterable[Companion]]

_SOURCES: list[CompanionSource] = []


def result_companion_register(source: CompanionSource) -> None:
    """Add ``source(office, start_date, end_date)`` to every results page (idempotent)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def result_companions(office: Any, start: dt.date, end: dt.date) -> list[Companion]:
    """Every registered source's blocks for the office and period, in element order."""
    blocks: list[Companion] = []
    for source in _SOURCES:
        blocks.extend(source(office, start, end))
    return sorted(blocks, key=lambda block: block.element_code)
