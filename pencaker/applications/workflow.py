"""The AK/1 application transition table (DESIGN.md §4) and the one helper services use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from pencaker.applications.choices import Status
from pencaker.applications.errors import ApplicationErrorCode
from pencaker.applications.models import Application, ApplicationStatusChange
from pencaker.core.errors import Conflict
from pencaker.core.workflow import transition

ALLOWED: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
    Status.SUBMITTED: frozenset({Status.IN_REVIEW, Status.WITHDRAWN}),
    Status.IN_REVIEW: frozenset(
        {Status.APPROVED, Status.NEEDS_CHANGES, Status.REJECTED, Status.SUBMITTED}
    ),
    Status.NEEDS_CHANGES: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
}


def move(
    application: Application,
    *,
    to: str,
    actor: Any,
    note: str = "",
    expected_from: Iterable[str] | None = None,
) -> ApplicationStatusChange:
    """Move ``application`` to ``to``; the caller holds the row lock and the transaction.

    ``expected_from`` narrows the table for one action: ``in_review → submitted`` is a
    release and ``needs_changes → submitted`` a resubmission, and neither action may
    borrow the other's edge.
    """
    if expected_from is not None and application.status not in set(expected_from):
        raise Conflict(
            ApplicationErrorCode.INVALID_TRANSITION,
            _("This action is not possible while the status is: %(status)s.")
            % {"status": application.get_status_display()},
            details={"from": application.status, "to": to},
        )
    change = transition(
        obj=application,
        to=to,
        allowed=ALLOWED,
        history_model=ApplicationStatusChange,
        history_fk="application",
        actor=actor,
        note=note,
    )
    assert isinstance(change, ApplicationStatusChange)
    return change
