"""The applications API's router and the helpers its operations share."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Router

from pencaker.accounts.api_auth import TokenAuth
from pencaker.accounts.models import STAFF_ROLES, Role, User
from pencaker.applications import selectors, sla
from pencaker.applications.choices import Status as AppStatus
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application
from pencaker.core.errors import PermissionDenied

router = Router(tags=["applications"], auth=TokenAuth())


# --- helpers ------------------------------------------------------------------------------


def _seeker(request) -> User:
    user = request.auth
    if user.role != Role.JOB_SEEKER:
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only job seekers can request an AK/1 card.")
        )
    return user


def _staff(request) -> User:
    """Staff of an office, for the reads (the services check who may decide)."""
    user = request.auth
    if user.role not in STAFF_ROLES or not user.office_id:
        raise PermissionDenied(
            ApplicationErrorCode.FORBIDDEN, _("Only office operators can do this.")
        )
    return user


def _application_out(application: Application) -> dict[str, Any]:
    state = sla.sla_state(application)
    return_items = (
        selectors.application_return_items(application)
        if application.status == AppStatus.NEEDS_CHANGES
        else []
    )
    return {
        "id": application.pk,
        "tracking_number": application.tracking_number,
        "type": application.type,
        "type_label": str(application.get_type_display()),
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "office_code": application.office.code,
        "office_name": application.office.name,
        "assisted": application.assisted_by_id is not None,
        "submitted_at": application.submitted_at,
        "due_at": application.due_at,
        "decided_at": application.decided_at,
        "reject_reason": application.reject_reason,
        "decision_note": application.decision_note,
        "return_items": [
            {
                "item": r.code,
                "label": r.label,
                "reason": r.reason,
                "reason_label": r.reason_label,
                "text": r.text,
                "fix_url": r.fix_url,
            }
            for r in return_items
        ],
        "timeline": [
            {"from_status": c.from_status, "to_status": c.to_status, "at": c.at, "note": c.note}
            for c in selectors.application_timeline(application)
        ],
        "sla": {
            "due_at": state.due_at,
            "remaining_hours": state.remaining_hours,
            "overdue": state.overdue,
            "paused": state.paused,
        },
    }


def _staff_out(application: Application) -> dict[str, Any]:
    profile = application.snapshot.get("profile") or {}
    return {
        **_application_out(application),
        "staff": {
            "applicant_name": profile.get("full_name") or application.applicant.full_name,
            "claimed_by": application.claimed_by.email if application.claimed_by else None,
            "snapshot": application.snapshot,
            "documents": application.documents,
            "nik_warnings": selectors.application_nik_warnings(application),
        },
    }


def _reload_for_staff(actor: User, application: Application) -> dict[str, Any]:
    return _staff_out(selectors.application_for_staff(actor, application.pk))
