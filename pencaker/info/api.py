"""Public information API, mounted at /api/v1/info (no token).

``announcement_list_public``: announcements inside their publish window, newest first.
``faq_list_public``: the office's published questions in their order, then the published
anonymised complaint answers. ``office`` (Kemendagri code) picks an office; without it the
installation's default office answers. An unknown office answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from pencaker.core.errors import NotFound
from pencaker.core.links import absolute_url
from pencaker.info import selectors
from pencaker.info.errors import InfoErrorCode

router = Router(tags=["info"])
PAGE_SIZE = 50


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, Any] = {}


class AnnouncementOut(Schema):
    id: int
    office: str
    title: str
    body: str
    publish_at: dt.datetime
    unpublish_at: dt.datetime | None
    image_url: str | None
    url: str


class FaqOut(Schema):
    question: str
    answer: str
    source: str


def _office(code: str | None):
    office = selectors.office_for_public(code)
    if office is None:
        raise NotFound(InfoErrorCode.NOT_FOUND, _("There is no such office."))
    return office


@router.get(
    "/announcements",
    auth=None,
    operation_id="announcement_list_public",
    summary="Published announcements of the office, newest first",
    response={200: list[AnnouncementOut], 404: ErrorOut},
)
def announcement_list_public(request, office: str | None = None, page: int = 1):
    page = max(1, min(page, 10_000))
    rows = selectors.announcements_published(_office(office))
    start = (page - 1) * PAGE_SIZE
    return [
        AnnouncementOut(
            id=a.pk,
            office=a.office.name,
            title=a.title,
            body=a.body,
            publish_at=a.publish_at,
            unpublish_at=a.unpublish_at,
            image_url=absolute_url(reverse("info:announcement_image", args=[a.pk]))
            if a.image
            else None,
            url=absolute_url(reverse("info:announcement", args=[a.pk])),
        )
        for a in rows[start : start + PAGE_SIZE]
    ]


@router.get(
    "/faq",
    auth=None,
    operation_id="faq_list_public",
    summary="Published questions and answers of the office, in their order",
    response={200: list[FaqOut], 404: ErrorOut},
)
def faq_list_public(request, office: str | None = None):
    return [
        FaqOut(question=i.question, answer=i.answer, source=i.source)
        for i in selectors.faq_published(_office(office))
    ]
