"""Error codes of the surveys app (values are stable: clients and tests match on them).

Member name = the value upper-cased (ADR 13).
"""

from __future__ import annotations

from enum import StrEnum


class SurveyErrorCode(StrEnum):
    ANSWER_OUT_OF_RANGE = "answer_out_of_range"
    CHANNEL_INVALID = "channel_invalid"
    FOLLOWUP_ACTION_LONG = "followup_action_long"
    FOLLOWUP_ACTION_MISSING = "followup_action_missing"
    FOLLOWUP_COMPLAINTS = "followup_complaints"
    FOLLOWUP_ELEMENT = "followup_element"
    FOLLOWUP_FORBIDDEN = "followup_forbidden"
    FOLLOWUP_PERSON = "followup_person"
    FOLLOWUP_QUARTER = "followup_quarter"
    FOLLOWUP_STATUS = "followup_status"
    FOLLOWUP_UNKNOWN = "followup_unknown"
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_REASON = "invitation_reason"
    INVITATION_UNKNOWN = "invitation_unknown"
    INVITATION_USED = "invitation_used"
    NO_ANSWERS = "no_answers"
    PERIOD_DATES = "period_dates"
    PERIOD_NAME_TAKEN = "period_name_taken"
    PROFILE_INVALID = "profile_invalid"
    QUESTION_ELEMENT = "question_element"
    QUESTION_FORBIDDEN = "question_forbidden"
    QUESTION_LIMIT = "question_limit"
    QUESTION_TEXT_INVALID = "question_text_invalid"
    QUESTION_UNKNOWN = "question_unknown"
    SUGGESTION_FORBIDDEN = "suggestion_forbidden"
    SUGGESTION_TAG_INVALID = "suggestion_tag_invalid"
    SUGGESTION_UNKNOWN = "suggestion_unknown"
    SURVEY_DATE_FUTURE = "survey_date_future"
