"""Registration hook for apps above vacancies (ADR 12): links shown on the employer's and
the reviewer's vacancy page without vacancies importing the app that serves them.

``vacancy_link_register(fn)``: ``fn(vacancy, audience)`` returns ``(label, url)`` or None;
``audience`` is ``"employer"`` or ``"staff"`` (matching adds "Kandidat yang cocok").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_links: list[Callable[[Any, str], tuple[str, str] | None]] = []


def vacancy_link_register(link: Callable[[Any, str], tuple[str, str] | None]) -> None:
    if link not in _links:
        _links.append(link)


def vacancy_links(vacancy: Any, audience: str) -> list[tuple[str, str]]:
    return [found for link in _links if (found := link(vacancy, audience))]
