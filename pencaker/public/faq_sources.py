"""Wiring between siblings: complaints' published anonymised answers in info's FAQ."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def complaint_answers(office: Any) -> list:
    from pencaker.complaints.selectors import published_answers
    from pencaker.info.selectors import FaqItem

    return [
        FaqItem(
            question=_("Complaint about: %(category)s") % {"category": row["category"]},
            answer=row["answer"],
            source="complaint",
        )
        for row in published_answers(office)
    ]


def complaint_answers_register() -> None:
    from pencaker.info.selectors import faq_source_register

    faq_source_register(complaint_answers)
