"""The office's list of reasons to return an application for changes (issue 3, item 3).

Reads and writes of one small configuration list, kept together: the admin dinas renames,
adds and deactivates reasons; operators choose from the active ones (plus free text per
item). An office without a list gets the defaults (``choices.ReturnReason``) on first use;
offices that existed before the list did were seeded by migration 0003.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.applications.choices import ReturnReason as DefaultReturnReason
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import ReturnReason
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, NotFound, PermissionDenied

OTHER = DefaultReturnReason.OTHER.value


def return_reasons_seed(*, office: Any) -> int:
    """Give ``office`` the default reasons if it has none yet; returns how many were added."""
    if ReturnReason.objects.filter(office=office).exists():
        return 0
    rows = [
        ReturnReason(office=office, code=code, position=(n + 1) * 10)
        for n, code in enumerate(DefaultReturnReason.values)
    ]
    return len(ReturnReason.objects.bulk_create(rows, ignore_conflicts=True))


def return_reasons_for_office(office: Any, *, active_only: bool = True) -> list[ReturnReason]:
    """The office's reasons in display order (seeded with the defaults on first use)."""
    return_reasons_seed(office=office)
    qs = ReturnReason.objects.filter(office=office)
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("position", "id"))


def return_reason_choices(office: Any) -> list[tuple[str, str]]:
    return [(r.code, r.display) for r in return_reasons_for_office(office)]


def _require_admin(actor: Any) -> None:
    if getattr(actor, "role", None) != Role.ADMIN_DINAS or not getattr(actor, "office_id", None):
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN,
            _("Only the office administrator can change the list of reasons."),
        )


def _clean_label(label: str) -> str:
    label = " ".join((label or "").split())
    if not label:
        raise DomainError(
            ApplicationErrorCode.REASON_LABEL_REQUIRED,
            _("Write the reason as the applicant will read it."),
            fields={"label": [_("Write the reason as the applicant will read it.")]},
        )
    if len(label) > 200:
        raise DomainError(
            ApplicationErrorCode.REASON_LABEL_TOO_LONG,
            _("Keep the reason under 200 characters."),
            fields={"label": [_("Keep the reason under 200 characters.")]},
        )
    return label


def return_reason_create(*, actor: Any, label: str) -> ReturnReason:
    """Add a reason to the actor's office; the code is made from the label."""
    _require_admin(actor)
    label = _clean_label(label)
    with transaction.atomic():
        return_reasons_seed(office=actor.office)
        base = slugify(label).replace("-", "_")[:16] or "reason"
        code = base
        n = 1
        while ReturnReason.objects.filter(office_id=actor.office_id, code=code).exists():
            n += 1
            code = f"{base}_{n}"[:20]
        last = ReturnReason.objects.filter(office_id=actor.office_id).order_by("-position").first()
        reason = ReturnReason.objects.create(
            office_id=actor.office_id,
            code=code,
            label=label,
            position=(last.position + 10) if last else 10,
        )
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATIONS_RETURN_REASON_CREATED,
            obj=reason,
            office=actor.office,
            data={"code": code, "label": label},
        )
    return reason


def return_reason_update(*, actor: Any, reason_id: int, label: str, active: bool) -> ReturnReason:
    """Rename or (de)activate a reason. "Other" stays active: free text always needs it."""
    _require_admin(actor)
    label = " ".join((label or "").split())
    if label:
        label = _clean_label(label)
    with transaction.atomic():
        reason = (
            ReturnReason.objects.select_for_update()
            .filter(pk=reason_id, office_id=actor.office_id)
            .first()
        )
        if reason is None:
            raise NotFound(ApplicationErrorCode.NOT_FOUND, _("This reason was not found."))
        if reason.code == OTHER and not active:
            raise DomainError(
                ApplicationErrorCode.REASON_OTHER_REQUIRED,
                _("“Other” cannot be switched off: operators need it for free-text reasons."),
            )
        before = {"label": reason.label, "active": reason.active}
        reason.label = label
        reason.active = active
        reason.save(update_fields=["label", "active"])
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATIONS_RETURN_REASON_UPDATED,
            obj=reason,
            office=actor.office,
            data={"before": before, "after": {"label": label, "active": active}},
        )
    return reason
