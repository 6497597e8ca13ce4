"""Template helpers for forms."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def error_line(label, error) -> str:
    """ "<label>: <error>" for the error summary, without doubled punctuation: a label
    that is a sentence ("…as described.") or a question ("Where is the job?") keeps its own
    mark and is not followed by a colon."""
    label = str(label).rstrip().rstrip(":").rstrip()
    if label.endswith(("?", ".", "!")):
        return f"{label} {error}"
    return f"{label}: {error}"
