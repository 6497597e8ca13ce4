"""The design system's template helpers (docs/design-system.md): status tags.

``{% load pencaker_ui %}`` then ``{{ application|status_tag }}`` for a model object whose
model registered its tags (``pencaker.core.status_tags``), or
``{% status_tag_for "cards.card" card.status %}`` for a bare value.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from pencaker.core.status_tags import StatusTag, status_tag_for, status_tag_of

register = template.Library()


def _render(tag: StatusTag) -> str:
    return format_html('<strong class="tag tag-{}">{}</strong>', tag.colour.value, tag.text)


@register.filter(name="status_tag")
def status_tag(obj) -> str:
    """The tag of ``obj``'s status, as HTML."""
    return _render(status_tag_of(obj))


@register.simple_tag(name="status_tag_for")
def status_tag_for_tag(kind: str, value: str) -> str:
    """The tag of ``value`` among the statuses registered as ``kind``, as HTML."""
    return _render(status_tag_for(kind, value))
