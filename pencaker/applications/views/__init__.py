"""Pages for applicants (request, status) and operators (queue, review, decisions).

Views parse input, call one service or selector, and render; a ``DomainError`` becomes a
message next to the action.

One module per audience: ``applicant``, ``review`` (operators), ``counter`` (assisted
registration), ``office_admin``. ``urls`` imports from ``pencaker.applications.views``.
"""

from __future__ import annotations

from pencaker.applications.views.applicant import (
    check,
    detail,
    renew,
    resubmit,
    start,
    withdraw,
)
from pencaker.applications.views.counter import assisted_registration, counter_code_new
from pencaker.applications.views.office_admin import (
    reassign,
    return_reasons,
)
from pencaker.applications.views.review import (
    approve,
    card_preview,
    claim,
    dashboard,
    queue,
    reject,
    release,
    return_for_changes,
    review,
)
from pencaker.applications.views.transfers import transfer_decide, transfers

__all__ = [
    "transfer_decide",
    "transfers",
    "approve",
    "assisted_registration",
    "counter_code_new",
    "card_preview",
    "check",
    "claim",
    "dashboard",
    "detail",
    "queue",
    "renew",
    "reassign",
    "reject",
    "release",
    "resubmit",
    "return_for_changes",
    "return_reasons",
    "review",
    "start",
    "withdraw",
]
