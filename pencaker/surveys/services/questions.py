"""An office's own survey questions: at most ``EXTRA_PER_ELEMENT`` per IKM element beside
the standard question of PermenPANRB 14/2017, written by the office's admin dinas only.

A question takes the answer scale of its element's standard question, so its answers sit
on the same 1–4 scale that ``ikm`` averages into the element. A question that has answers
is never deleted (the results of past periods keep it): retiring it deactivates it; one
without answers is removed. Every change is audited and the next survey form asks it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.accounts.permissions import is_office_admin
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.core.text import text_clean
from pencaker.offices.models import Office
from pencaker.surveys import ikm
from pencaker.surveys.errors import SurveyErrorCode
from pencaker.surveys.models import Question

EXTRA_PER_ELEMENT = 3
QUESTION_MAX_LENGTH = 300


def _check_writer(actor: User, office_id: int | None) -> None:
    if not is_office_admin(actor, office_id):
        raise PermissionDenied(
            SurveyErrorCode.QUESTION_FORBIDDEN,
            _("Only the office administrator can change the survey questions."),
        )


def _clean_texts(text: str, text_en: str) -> tuple[str, str]:
    text, text_en = text_clean(text or ""), text_clean(text_en or "")
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Write the question in Indonesian.")]
    if not text_en:
        errors["text_en"] = [_("Write the question in English.")]
    for name, value in (("text", text), ("text_en", text_en)):
        if len(value) > QUESTION_MAX_LENGTH:
            errors[name] = [
                _("Write at most %(limit_value)d characters.")
                % {"limit_value": QUESTION_MAX_LENGTH}
            ]
    if errors:
        first = next(iter(errors.values()))[0]
        raise DomainError(SurveyErrorCode.QUESTION_TEXT_INVALID, first, fields=errors)
    return text, text_en


@transaction.atomic
def question_create(
    *,
    actor: User,
    office: Office,
    element: str,
    text: str,
    text_en: str,
    ip_address: str | None = None,
) -> Question:
    _check_writer(actor, office.pk)
    if element not in ikm.ELEMENT_CODES:
        message = _("Choose one of the nine elements.")
        raise DomainError(SurveyErrorCode.QUESTION_ELEMENT, message, fields={"element": [message]})
    text, text_en = _clean_texts(text, text_en)
    # the office row serialises two admins adding to the same element at once
    Office.objects.select_for_update().filter(pk=office.pk).first()
    active = Question.objects.filter(office=office, element=element, is_active=True).count()
    if active >= EXTRA_PER_ELEMENT:
        raise DomainError(
            SurveyErrorCode.QUESTION_LIMIT,
            _("An element can have at most %(max)s questions of the office.")
            % {"max": EXTRA_PER_ELEMENT},
            details={"element": element, "max": EXTRA_PER_ELEMENT},
        )
    standard = Question.objects.filter(office__isnull=True, element=element).first()
    scale = {}
    if standard is not None:
        scale = {
            f"option_{i}{suffix}": getattr(standard, f"option_{i}{suffix}")
            for i in range(1, 5)
            for suffix in ("", "_en")
        }
    question = Question.objects.create(
        office=office,
        element=element,
        order=standard.order if standard is not None else 100,
        text=text,
        text_en=text_en,
        **scale,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_QUESTION_ADDED,
        obj=question,
        office=office,
        ip_address=ip_address,
        data={"element": element, "text": text, "text_en": text_en},
    )
    return question


@transaction.atomic
def question_update(
    *,
    actor: User,
    question: Question,
    text: str,
    text_en: str,
    ip_address: str | None = None,
) -> Question:
    _check_writer(actor, question.office_id)  # a standard question has no office: refused
    text, text_en = _clean_texts(text, text_en)
    before = {"text": question.text, "text_en": question.text_en}
    question.text, question.text_en = text, text_en
    question.save(update_fields=["text", "text_en"])
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_QUESTION_UPDATED,
        obj=question,
        office=question.office,
        ip_address=ip_address,
        data={"before": before, "after": {"text": text, "text_en": text_en}},
    )
    return question


@transaction.atomic
def question_retire(*, actor: User, question: Question, ip_address: str | None = None) -> bool:
    """Stop asking ``question``; returns True when it was deleted (no answers yet), False
    when it was kept inactive because answers point at it."""
    _check_writer(actor, question.office_id)
    office = question.office
    data = {"element": question.element, "text": question.text, "question_id": question.pk}
    deleted = not question.answers.exists()
    if deleted:
        question.delete()
    else:
        question.is_active = False
        question.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action=AuditAction.SURVEY_QUESTION_RETIRED,
        obj=None if deleted else question,
        office=office,
        ip_address=ip_address,
        data={**data, "deleted": deleted},
    )
    return deleted
