"""Staff's handling of the respondents' suggestions (saran): tags, the follow-up line they
feed, and an anonymised extract that may be published. Operators and administrators of the
period's office only; every change audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.accounts.permissions import can_decide
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.core.text import name_clean, text_clean
from pencaker.surveys.errors import SurveyErrorCode
from pencaker.surveys.models import (
    FollowUpAction,
    SuggestionReview,
    SuggestionTag,
    SurveyPeriod,
)
from pencaker.surveys.selectors import period_responses

TAG_MAX_LENGTH = 60
MAX_TAGS = 10
EXTRACT_MAX_LENGTH = 500


def suggestion_review_save(
    *,
    actor: Any,
    period: SurveyPeriod,
    response_id: Any,
    tags: Iterable[str] = (),
    followup_id: Any = None,
    extract: str = "",
    publish_extract: bool = False,
) -> SuggestionReview:
    """Tag a suggestion of ``period`` (new tag names join the office's list), link it to a
    line of the period's follow-up plan, and write or publish an anonymised extract."""
    if not can_decide(actor, period.office_id):
        raise PermissionDenied(
            SurveyErrorCode.SUGGESTION_FORBIDDEN,
            _("Only operators and administrators of this office can handle suggestions."),
        )
    names = []
    for raw in tags:
        name = name_clean(raw).lower()
        if not name:
            continue
        if len(name) > TAG_MAX_LENGTH:
            message = _("A tag has at most %(n)s characters.") % {"n": TAG_MAX_LENGTH}
            raise DomainError(
                SurveyErrorCode.SUGGESTION_TAG_INVALID, message, fields={"tags": [message]}
            )
        if name not in names:
            names.append(name)
    if len(names) > MAX_TAGS:
        message = _("Give at most %(n)s tags.") % {"n": MAX_TAGS}
        raise DomainError(
            SurveyErrorCode.SUGGESTION_TAG_INVALID, message, fields={"tags": [message]}
        )
    extract = text_clean(extract or "", multiline=True)[:EXTRACT_MAX_LENGTH]
    with transaction.atomic():
        try:
            response = (
                period_responses(period)
                .exclude(suggestion="")
                .select_for_update()
                .get(pk=int(response_id))
            )
        except (ValueError, TypeError, period_responses(period).model.DoesNotExist):
            raise NotFound(SurveyErrorCode.SUGGESTION_UNKNOWN, _("No such suggestion.")) from None
        followup = None
        if followup_id not in (None, ""):
            followup = FollowUpAction.objects.filter(period=period, pk=followup_id).first()
            if followup is None:
                raise NotFound(SurveyErrorCode.FOLLOWUP_UNKNOWN, _("No such follow-up action."))
        review, _created = SuggestionReview.objects.get_or_create(response=response)
        review.followup = followup
        review.extract = extract
        review.extract_published = bool(publish_extract and extract)
        review.save()
        tag_rows = []
        for name in names:
            tag, _new = SuggestionTag.objects.get_or_create(office_id=period.office_id, name=name)
            tag_rows.append(tag)
        review.tags.set(tag_rows)
        audit_record(
            actor=actor,
            action=AuditAction.SURVEY_SUGGESTION_REVIEWED,
            obj=review,
            office=period.office,
            data={
                "tags": names,
                "followup": followup.pk if followup else None,
                "extract_published": review.extract_published,
            },
        )
    return review
