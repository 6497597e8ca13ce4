"""Writes of the survey app. Every write is atomic and audited; email goes through the
notifications outbox after commit.

``invitation_create`` is the entry point for other apps (card issue, placement report).
One module per sub-area: ``periods``, ``invitations``, ``responses`` (kiosk and paper),
``paper_import`` (CSV) and ``followups`` (the follow-up plan); import from here.
"""

from pencaker.surveys.services.followups import (
    ACTION_MAX_LENGTH,
    PERSON_MAX_LENGTH,
    QUARTER_RE,
    QUARTER_YEARS,
    followup_create,
    followup_delete,
    followup_update,
)
from pencaker.surveys.services.invitations import invitation_answer, invitation_create
from pencaker.surveys.services.paper_import import responses_import
from pencaker.surveys.services.periods import period_create, period_publish
from pencaker.surveys.services.questions import (
    EXTRA_PER_ELEMENT,
    QUESTION_MAX_LENGTH,
    question_create,
    question_retire,
    question_update,
)
from pencaker.surveys.services.responses import Profile, response_record
from pencaker.surveys.services.suggestions import suggestion_review_save

__all__ = [
    "ACTION_MAX_LENGTH",
    "EXTRA_PER_ELEMENT",
    "QUESTION_MAX_LENGTH",
    "PERSON_MAX_LENGTH",
    "QUARTER_RE",
    "QUARTER_YEARS",
    "Profile",
    "followup_create",
    "followup_delete",
    "followup_update",
    "invitation_answer",
    "invitation_create",
    "period_create",
    "period_publish",
    "question_create",
    "question_retire",
    "question_update",
    "response_record",
    "responses_import",
    "suggestion_review_save",
]
