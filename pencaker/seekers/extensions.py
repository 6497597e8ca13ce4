"""Registration hooks for apps above seekers (ADR 12): they react to profile changes or add
a panel to the seeker's home without seekers importing them.

- ``profile_change_listener_register(fn)``: ``fn(user_id)`` runs after the commit of every
  recorded profile change (matching refreshes its copy of the profile).
- ``home_panel_register(fn)``: ``fn(request)`` returns HTML (or "") shown on the seeker's
  home below the completeness panel (matching's "Lowongan untuk Anda").
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

_change_listeners: list[Callable[[int], None]] = []
_home_panels: list[Callable[[HttpRequest], str]] = []


def profile_change_listener_register(listener: Callable[[int], None]) -> None:
    if listener not in _change_listeners:
        _change_listeners.append(listener)


def profile_change_listeners() -> tuple[Callable[[int], None], ...]:
    return tuple(_change_listeners)


def home_panel_register(panel: Callable[[HttpRequest], str]) -> None:
    if panel not in _home_panels:
        _home_panels.append(panel)


def home_panels(request: HttpRequest) -> list[SafeString]:
    # The panels render their own templates (autoescaped); seekers only places them.
    return [mark_safe(html) for panel in _home_panels if (html := panel(request))]  # noqa: S308
