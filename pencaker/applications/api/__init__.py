"""AK/1 applications API, mounted at /api/v1/applications.

Applicant operations (job-seeker token): ``application_checklist``, ``application_submit``,
``application_list_mine``, ``application_get``, ``application_withdraw``,
``application_resubmit``. Staff operations (token of an operator or admin dinas who belongs
to an office): ``operator_queue``, ``application_claim``, ``application_release``,
``application_approve``, ``application_return``, ``application_reject``.

Staff tokens come only from ``auth_login``, which for staff demands the current TOTP code,
so every staff token was issued after two-factor verification (ADR 0006). Errors answer
``{"code", "message", "details"}`` with the status of the ``DomainError``.

One module per audience (``applicant``, ``staff``), the shapes in ``schemas``; both
register on the one ``router`` that ``pencaker.api`` mounts.
"""

from __future__ import annotations

from pencaker.applications.api import applicant, staff  # noqa: F401 (registers the operations)
from pencaker.applications.api._common import router

__all__ = ["router"]
