"""A PKCS#12 uploaded by an office's admin dinas on the settings screen (ADR 0032).

The file is checked before it is kept: it must open with the password given, hold a
private key and its certificate, be valid today and be meant for signing (key usage
digitalSignature or nonRepudiation, when the certificate says). Refusals are Indonesian
sentences with the error codes of ``CardErrorCode``. The file and the password are stored
encrypted with a key derived from ``SECRET_KEY`` (Fernet); the office's next card is
signed with it (``signing.current_signer(office)``). Every upload and removal is audited
with the certificate's subject, issuer, validity and SHA-256 (before and after).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.permissions import is_office_admin
from pencaker.cards.errors import CardErrorCode
from pencaker.cards.models import OfficeSigner
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, PermissionDenied

MAX_P12_BYTES = 256 * 1024


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"pencaker-office-signer:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(token: bytes | memoryview) -> bytes:
    return _fernet().decrypt(bytes(token))


@dataclass(frozen=True)
class CheckedP12:
    subject: str
    issuer: str
    valid_from: dt.datetime
    valid_until: dt.datetime
    fingerprint: str


def _name(name: x509.Name) -> str:
    return name.rfc4514_string()[:500]


def p12_check(data: bytes, password: str, *, now: dt.datetime | None = None) -> CheckedP12:
    """Open and check a PKCS#12; raise ``DomainError`` (field ``p12``) when it cannot sign."""
    now = now or timezone.now()

    def refuse(code: str, message: str) -> DomainError:
        return DomainError(code, message, fields={"p12": [message]})

    if not data or len(data) > MAX_P12_BYTES:
        raise refuse(
            CardErrorCode.SIGNER_FILE_INVALID,
            _("Upload a PKCS#12 file (.p12 or .pfx) of at most 256 KB."),
        )
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(
            data, password.encode() if password else None
        )
    except (ValueError, TypeError):
        raise refuse(
            CardErrorCode.SIGNER_FILE_INVALID,
            _("The file cannot be opened: the password is wrong or it is not a PKCS#12 file."),
        ) from None
    if key is None or cert is None:
        raise refuse(
            CardErrorCode.SIGNER_NO_KEY,
            _("The file has no private key with its certificate, so it cannot sign."),
        )
    valid_from = cert.not_valid_before_utc
    valid_until = cert.not_valid_after_utc
    if valid_until <= now:
        raise refuse(
            CardErrorCode.SIGNER_EXPIRED,
            _("The certificate expired on %(date)s. Ask the issuer for a new one.")
            % {"date": valid_until.date().isoformat()},
        )
    if valid_from > now:
        raise refuse(
            CardErrorCode.SIGNER_NOT_YET_VALID,
            _("The certificate is valid only from %(date)s.")
            % {"date": valid_from.date().isoformat()},
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise refuse(
            CardErrorCode.SIGNER_NOT_FOR_SIGNING,
            _(
                "This certificate is not meant for signing documents (its key usage has no "
                "digital signature)."
            ),
        )
    try:
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        basic = None
    if basic is not None and basic.ca:
        raise refuse(
            CardErrorCode.SIGNER_NOT_FOR_SIGNING,
            _("This is a certificate authority's certificate, not an office's signing one."),
        )
    return CheckedP12(
        subject=_name(cert.subject),
        issuer=_name(cert.issuer),
        valid_from=valid_from,
        valid_until=valid_until,
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
    )


def _summary(row: OfficeSigner | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "subject": row.subject,
        "issuer": row.issuer,
        "valid_until": row.valid_until.isoformat(),
        "fingerprint": row.fingerprint,
    }


def _require_admin(actor: Any, office: Any) -> None:
    if not is_office_admin(actor, office.pk):
        raise PermissionDenied(
            CardErrorCode.SIGNER_FORBIDDEN, _("Only the office administrator can do this.")
        )


def office_signer_upload(
    *, actor: Any, office: Any, data: bytes, password: str, ip_address: str | None = None
) -> OfficeSigner:
    """Check and keep an office's PKCS#12 (replacing an earlier one); the office's next card
    is signed with it."""
    _require_admin(actor, office)
    checked = p12_check(data, password)
    with transaction.atomic():
        row = OfficeSigner.objects.select_for_update().filter(office=office).first()
        before = _summary(row)
        if row is None:
            row = OfficeSigner(office=office)
        row.p12_encrypted = encrypt(data)
        row.password_encrypted = encrypt((password or "").encode())
        row.subject = checked.subject
        row.issuer = checked.issuer
        row.valid_from = checked.valid_from
        row.valid_until = checked.valid_until
        row.fingerprint = checked.fingerprint
        row.uploaded_by = actor
        row.save()
        audit_record(
            actor=actor,
            action=AuditAction.CARD_SIGNER_UPLOADED,
            obj=office,
            office=office,
            ip_address=ip_address,
            data={"before": before, "after": _summary(row)},
        )
    return row


def office_signer_remove(*, actor: Any, office: Any, ip_address: str | None = None) -> None:
    """Go back to the installation's configured signer for this office."""
    _require_admin(actor, office)
    with transaction.atomic():
        row = OfficeSigner.objects.select_for_update().filter(office=office).first()
        if row is None:
            return
        before = _summary(row)
        row.delete()
        audit_record(
            actor=actor,
            action=AuditAction.CARD_SIGNER_REMOVED,
            obj=office,
            office=office,
            ip_address=ip_address,
            data={"before": before, "after": None},
        )


def office_signer_material(office_id: int) -> tuple[tuple[Any, ...], bytes, str] | None:
    """(stamp, PKCS#12 bytes, password) of the office's uploaded signer, or None."""
    row = (
        OfficeSigner.objects.filter(office_id=office_id)
        .only("pk", "fingerprint", "uploaded_at", "p12_encrypted", "password_encrypted")
        .first()
    )
    if row is None:
        return None
    stamp = (row.pk, row.fingerprint, row.uploaded_at)
    return stamp, decrypt(row.p12_encrypted), decrypt(row.password_encrypted).decode()


def office_signer_upload_hook(
    *, actor: Any, office: Any, uploaded_file: Any, password: str, ip_address: str | None = None
) -> None:
    """The offices settings screen's entry point (offices sits below cards)."""
    data = uploaded_file.read(MAX_P12_BYTES + 1) if uploaded_file is not None else b""
    office_signer_upload(
        actor=actor, office=office, data=data, password=password, ip_address=ip_address
    )
