"""Writes of the office's public information: announcements, FAQ entries, settings.

Every service takes the acting user, refuses anyone but the administrator (admin dinas) of
the office concerned, runs in one transaction and writes an audit row. Text is plain text
(``core.text.text_clean``); it is escaped when shown, never rendered as HTML.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.permissions import is_office_admin
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.core.text import name_clean, text_clean
from pencaker.documents.checks import PDF, check_upload
from pencaker.info.errors import InfoErrorCode
from pencaker.info.models import Announcement, FaqEntry, InfoSettings
from pencaker.offices.models import Office

logger = logging.getLogger(__name__)
IMAGE_CHECK_KIND = "announcement_image"


def _require_admin(actor: Any, office_id: int | None) -> None:
    if not is_office_admin(actor, office_id):
        raise PermissionDenied(
            InfoErrorCode.FORBIDDEN, _("Only the office administrator can do this.")
        )


def _invalid(fields: dict[str, list[str]]) -> DomainError:
    return DomainError(InfoErrorCode.INVALID, _("Check the highlighted fields."), fields=fields)


@dataclass(frozen=True)
class AnnouncementInput:
    title: str
    body: str
    publish_at: dt.datetime
    unpublish_at: dt.datetime | None = None


def _clean_announcement(data: AnnouncementInput) -> AnnouncementInput:
    title = name_clean(data.title)
    body = text_clean(data.body, multiline=True)
    errors: dict[str, list[str]] = {}
    if not 3 <= len(title) <= 200:
        errors["title"] = [_("Write a title of 3 to 200 characters.")]
    if not body:
        errors["body"] = [_("Write the text of the announcement.")]
    if data.unpublish_at is not None and data.unpublish_at <= data.publish_at:
        errors["unpublish_at"] = [_("The unpublish time must be after the publish time.")]
    if errors:
        raise _invalid(errors)
    return AnnouncementInput(title, body, data.publish_at, data.unpublish_at)


def _store_image(uploaded_file: Any) -> tuple[str, str]:
    """Check by content (documents' rules: sniffing, re-encoding without metadata); only
    JPEG and PNG pictures, no PDF. Returns (storage name, content type)."""
    try:
        checked = check_upload(kind=IMAGE_CHECK_KIND, uploaded_file=uploaded_file)
    except DomainError as exc:
        raise DomainError(
            exc.code, exc.message, status=exc.status, fields={"image": [exc.message]}
        ) from exc
    if checked.content_type == PDF:
        message = _("The image must be a JPG or PNG picture, not a PDF.")
        raise DomainError(InfoErrorCode.IMAGE_NOT_ALLOWED, message, fields={"image": [message]})
    now = timezone.now()
    extension = "png" if checked.content_type == "image/png" else "jpg"
    name = default_storage.save(
        f"info/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{extension}", ContentFile(checked.data)
    )
    return name, checked.content_type


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except Exception:  # the original error matters more than a failed clean-up
        logger.exception("could not delete orphan upload %s", name)


def announcement_create(
    *, actor: Any, office: Office, data: AnnouncementInput, image: Any = None
) -> Announcement:
    _require_admin(actor, office.pk)
    data = _clean_announcement(data)
    stored = _store_image(image) if image else None
    try:
        with transaction.atomic():
            item = Announcement.objects.create(
                office=office,
                title=data.title,
                body=data.body,
                publish_at=data.publish_at,
                unpublish_at=data.unpublish_at,
                image=stored[0] if stored else "",
                image_content_type=stored[1] if stored else "",
                created_by=actor,
            )
            audit_record(
                actor=actor,
                action=AuditAction.INFO_ANNOUNCEMENT_CREATED,
                obj=item,
                office=office,
                data={"title": item.title},
            )
    except Exception:
        if stored:
            _delete_quietly(stored[0])
        raise
    return item


def _announcement_locked(actor: Any, pk: int) -> Announcement:
    item = Announcement.objects.select_for_update().filter(pk=pk).first()
    if item is None or not is_office_admin(actor, item.office_id):
        # Another office's item is not shown to exist.
        raise NotFound(InfoErrorCode.NOT_FOUND, _("This announcement does not exist."))
    return item


def announcement_update(
    *,
    actor: Any,
    pk: int,
    data: AnnouncementInput,
    image: Any = None,
    remove_image: bool = False,
) -> Announcement:
    data = _clean_announcement(data)
    stored = _store_image(image) if image else None
    old_image = ""
    try:
        with transaction.atomic():
            item = _announcement_locked(actor, pk)
            item.title, item.body = data.title, data.body
            item.publish_at, item.unpublish_at = data.publish_at, data.unpublish_at
            if stored or remove_image:
                old_image = item.image
                item.image = stored[0] if stored else ""
                item.image_content_type = stored[1] if stored else ""
            item.save()
            audit_record(
                actor=actor,
                action=AuditAction.INFO_ANNOUNCEMENT_UPDATED,
                obj=item,
                office=item.office,
                data={"title": item.title},
            )
    except Exception:
        if stored:
            _delete_quietly(stored[0])
        raise
    if old_image:
        transaction.on_commit(lambda: _delete_quietly(old_image))
    return item


def announcement_unpublish(*, actor: Any, pk: int) -> Announcement:
    """Take the announcement off the public pages now (kept for the record)."""
    with transaction.atomic():
        item = _announcement_locked(actor, pk)
        now = timezone.now()
        if item.unpublish_at is None or item.unpublish_at > now:
            item.unpublish_at = now
            if item.publish_at > now:
                item.publish_at = now
            item.save(update_fields=["unpublish_at", "publish_at", "updated_at"])
            audit_record(
                actor=actor,
                action=AuditAction.INFO_ANNOUNCEMENT_UNPUBLISHED,
                obj=item,
                office=item.office,
            )
    return item


@dataclass(frozen=True)
class FaqInput:
    question: str
    answer: str
    position: int = 100
    published: bool = True


def _clean_faq(data: FaqInput) -> FaqInput:
    question = name_clean(data.question)
    answer = text_clean(data.answer, multiline=True)
    errors: dict[str, list[str]] = {}
    if not 3 <= len(question) <= 300:
        errors["question"] = [_("Write a question of 3 to 300 characters.")]
    if not answer:
        errors["answer"] = [_("Write the answer.")]
    if not 0 <= data.position <= 32767:
        errors["position"] = [_("Enter an order number from 0 to 32767.")]
    if errors:
        raise _invalid(errors)
    return FaqInput(question, answer, data.position, data.published)


def faq_create(*, actor: Any, office: Office, data: FaqInput) -> FaqEntry:
    _require_admin(actor, office.pk)
    data = _clean_faq(data)
    with transaction.atomic():
        entry = FaqEntry.objects.create(
            office=office,
            question=data.question,
            answer=data.answer,
            position=data.position,
            published=data.published,
        )
        audit_record(actor=actor, action=AuditAction.INFO_FAQ_CREATED, obj=entry, office=office)
    return entry


def faq_update(*, actor: Any, pk: int, data: FaqInput) -> FaqEntry:
    data = _clean_faq(data)
    with transaction.atomic():
        entry = FaqEntry.objects.select_for_update().filter(pk=pk).first()
        if entry is None or not is_office_admin(actor, entry.office_id):
            raise NotFound(InfoErrorCode.NOT_FOUND, _("This question does not exist."))
        entry.question, entry.answer = data.question, data.answer
        entry.position, entry.published = data.position, data.published
        entry.save()
        audit_record(
            actor=actor,
            action=AuditAction.INFO_FAQ_UPDATED,
            obj=entry,
            office=entry.office,
            data={"published": entry.published},
        )
    return entry


def info_settings_update(
    *, actor: Any, office: Office, regional_regulation: str, services: str, map_url: str
) -> InfoSettings:
    _require_admin(actor, office.pk)
    map_url = text_clean(map_url)
    if map_url and not map_url.startswith("https://"):
        raise _invalid({"map_url": [_("Enter a link that starts with https://.")]})
    with transaction.atomic():
        row, _created = InfoSettings.objects.select_for_update().get_or_create(office=office)
        row.regional_regulation = text_clean(regional_regulation, multiline=True)
        row.services = text_clean(services, multiline=True)
        row.map_url = map_url
        row.save()
        audit_record(actor=actor, action=AuditAction.INFO_SETTINGS_CHANGED, obj=row, office=office)
    return row
