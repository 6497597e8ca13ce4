"""Every write about cards, by sub-area: ``card`` (number, issue, render and sign,
re-issue, status changes), ``revocation`` (four-eyes revocation and the objection) and
``verification`` (the public checks). Import from here:
``from pencaker.cards.services import card_issue``."""

from pencaker.cards.services.card import (
    CURRENT_STATUSES,
    HOLDER_CHANGES,
    PlacementLine,
    ReportLine,
    card_download_record,
    card_issue,
    card_issue_record,
    card_number_next,
    card_placement_annul,
    card_placement_print,
    card_reissue,
    card_render,
    card_report_print,
    card_status_change,
    verify_url,
)
from pencaker.cards.services.revocation import (
    card_revocation_confirm,
    card_revocation_object,
    card_revocation_objection_decide,
    card_revocation_request,
)
from pencaker.cards.services.verification import (
    Verification,
    card_verify_number,
    card_verify_token,
    client_hash,
    effective_status,
    not_found_message,
    verification_answer,
)

__all__ = [
    "CURRENT_STATUSES",
    "HOLDER_CHANGES",
    "PlacementLine",
    "ReportLine",
    "Verification",
    "card_download_record",
    "card_issue",
    "card_issue_record",
    "card_number_next",
    "card_placement_annul",
    "card_placement_print",
    "card_reissue",
    "card_revocation_confirm",
    "card_revocation_object",
    "card_revocation_objection_decide",
    "card_revocation_request",
    "card_render",
    "card_report_print",
    "card_status_change",
    "card_verify_number",
    "card_verify_token",
    "client_hash",
    "effective_status",
    "not_found_message",
    "verification_answer",
    "verify_url",
]
