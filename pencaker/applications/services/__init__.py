"""Every write to an AK/1 application, by sub-area: ``submission`` (the applicant submits,
withdraws, resubmits), ``decisions`` (office staff claim, release, reassign, approve,
return, reject) and ``card`` (what an approval sets off in the apps below, and the
renewal request). Import from here: ``from pencaker.applications import services``."""

from pencaker.applications.services.card import application_card_issue, renewal_request
from pencaker.applications.services.decisions import (
    application_approve,
    application_claim,
    application_reassign,
    application_reject,
    application_release,
    application_return,
)
from pencaker.applications.services.submission import (
    ASSISTED_WAIVED_ITEMS,
    MAX_KEY_LENGTH,
    ReturnItemInput,
    _tracking_number,
    application_resubmit,
    application_submit,
    application_withdraw,
)

__all__ = [
    "ASSISTED_WAIVED_ITEMS",
    "MAX_KEY_LENGTH",
    "ReturnItemInput",
    "_tracking_number",
    "application_approve",
    "application_card_issue",
    "application_claim",
    "application_reassign",
    "application_reject",
    "application_release",
    "application_resubmit",
    "application_return",
    "application_submit",
    "application_withdraw",
    "renewal_request",
]
