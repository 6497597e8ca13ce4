"""Words for the application pages: staff read staff wording, nobody reads an internal code."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.formats import date_format

from pencaker.applications import intake
from pencaker.applications.choices import STAFF_STATUS_LABELS, Status

register = template.Library()


@register.filter
def staff_status(status: str) -> str:
    """The status as an operator reads it ("returned to the applicant", not "to you")."""
    label = STAFF_STATUS_LABELS.get(status)
    return str(label) if label is not None else str(Status(status).label)


@register.filter
def return_item_label(code: str) -> str:
    """A returned item's name ("Pas foto berwarna 3x4"), never its code ("document:photo")."""
    return intake.item_label(code)


@register.filter
def long_date(value) -> str:
    """A date from a frozen snapshot (ISO text) or a date, as "17 Agustus 1995"."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return date_format(value, "j F Y")
