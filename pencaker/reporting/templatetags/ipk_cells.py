"""``{% cell cells "left_before" %}``: one numbered column of an IPK row."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def cell(cells, attr: str) -> int:
    return getattr(cells, attr)
