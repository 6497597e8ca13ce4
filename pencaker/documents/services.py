"""Writes: uploading a document version and logging staff access."""

from __future__ import annotations

import hashlib
import logging
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role, User
from pencaker.accounts.permissions import is_verified_staff
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.documents.checks import check_upload, sanitise_filename
from pencaker.documents.choices import DocumentKind
from pencaker.documents.errors import DocumentErrorCode
from pencaker.documents.models import Document, DocumentAccess, DocumentVersion
from pencaker.documents.selectors import owner_office_id
from pencaker.offices.models import Office

logger = logging.getLogger(__name__)


def _storage_name(extension: str) -> str:
    # Random and meaningless: the name leaks nothing about the person or the document.
    now = timezone.now()
    return f"documents/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{extension}"


def _check_may_upload(*, actor: User, owner: User) -> None:
    if owner is None or getattr(owner, "role", None) != Role.JOB_SEEKER:
        raise PermissionDenied(
            DocumentErrorCode.DOCUMENT_OWNER_NOT_JOB_SEEKER,
            _("Documents can only be uploaded for a job seeker account."),
        )
    if actor.pk == owner.pk:
        return
    if is_verified_staff(actor) and owner_office_id(owner) == actor.office_id:
        return
    raise PermissionDenied(
        DocumentErrorCode.DOCUMENT_UPLOAD_FORBIDDEN,
        _("You may not upload documents for this person."),
    )


def document_upload(
    *,
    actor: User,
    owner: User,
    kind: str,
    uploaded_file: Any,
    ip_address: str | None = None,
) -> DocumentVersion:
    """Check ``uploaded_file`` by content and store it as the new current version of the
    owner's ``kind`` document (older versions are kept).

    The file is written to storage first, then the rows in one transaction; if anything
    fails after the write, the written file is deleted again, so there is never a row
    without its file nor a file without its row.
    """
    if kind not in DocumentKind.values:
        raise DomainError(
            DocumentErrorCode.DOCUMENT_KIND_UNKNOWN,
            _("Choose which document this is (for example KTP, photo or ijazah)."),
        )
    _check_may_upload(actor=actor, owner=owner)
    checked = check_upload(kind=kind, uploaded_file=uploaded_file)
    original = sanitise_filename(getattr(uploaded_file, "name", ""))
    sha256 = hashlib.sha256(checked.data).hexdigest()

    stored_name = default_storage.save(_storage_name(checked.extension), ContentFile(checked.data))
    try:
        with transaction.atomic():
            document, _created = Document.objects.select_for_update().get_or_create(
                owner=owner, kind=kind
            )
            last = document.versions.aggregate(n=Max("number"))["n"] or 0
            version = DocumentVersion.objects.create(
                document=document,
                number=last + 1,
                file=stored_name,
                sha256=sha256,
                content_type=checked.content_type,
                size=len(checked.data),
                width=checked.width,
                height=checked.height,
                page_count=checked.page_count,
                original_filename=original,
                uploaded_by=actor,
            )
            previous_id = document.current_version_id
            document.current_version = version
            document.save(update_fields=["current_version", "updated_at"])
            office_id = owner_office_id(owner)
            audit_record(
                actor=actor,
                action=AuditAction.DOCUMENT_UPLOADED,
                obj=version,
                office=_office(office_id),
                ip_address=ip_address,
                data={
                    "owner": owner.pk,
                    "kind": kind,
                    "number": version.number,
                    "replaces": previous_id,
                    "sha256": sha256,
                    "content_type": checked.content_type,
                    "size": version.size,
                },
            )
    except (OperationalError, InterfaceError):
        # The connection broke, perhaps during COMMIT: the row may be stored, so the file
        # stays; `cleanup_orphans` removes it later if no row points to it.
        raise
    except BaseException:
        try:
            default_storage.delete(stored_name)
        except Exception:  # the original error matters more than a failed clean-up
            logger.exception("could not delete orphan upload %s", stored_name)
        raise
    return version


def _office(office_id: int | None) -> Office | None:
    if office_id is None:
        return None
    return Office.objects.filter(pk=office_id).first()


def document_access_record(
    *, staff: User, version: DocumentVersion, ip_address: str | None = None
) -> DocumentAccess:
    """Log that ``staff`` opened ``version``: an access-log row and an audit row."""
    with transaction.atomic():
        access = DocumentAccess.objects.create(
            staff=staff, version=version, office_id=staff.office_id, ip=ip_address
        )
        audit_record(
            actor=staff,
            action=AuditAction.DOCUMENT_VIEWED,
            obj=version,
            office=staff.office,
            ip_address=ip_address,
            data={
                "owner": version.document.owner_id,
                "kind": version.document.kind,
                "number": version.number,
                "access": access.pk,
            },
        )
    return access
