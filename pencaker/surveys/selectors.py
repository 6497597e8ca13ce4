"""Reads of the survey app: the questionnaire of an office, a period's results, the
respondent rows behind them (processing table), the trend over periods and the follow-up
plan. Staff reads are filtered by the user's office."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext

from pencaker.accounts.models import User
from pencaker.offices.models import Office
from pencaker.surveys import citations, ikm
from pencaker.surveys.choices import ELEMENT_CHOICES
from pencaker.surveys.models import (
    Answer,
    FollowUpAction,
    Invitation,
    Question,
    Response,
    SuggestionReview,
    SuggestionTag,
    SurveyPeriod,
)


def questionnaire_for_office(office: Office) -> list[Question]:
    """The active questions an office asks: the 9 standard ones plus its own."""
    return list(
        Question.objects.filter(Q(office__isnull=True) | Q(office=office), is_active=True).order_by(
            "order", "id"
        )
    )


def questions_by_element(office: Office) -> dict[str, list[Question]]:
    """Per element, standard question first, then the office's own in their order; this is
    how columns U1.1, U1.2 … of an imported file map onto questions."""
    grouped: dict[str, list[Question]] = {code: [] for code in ikm.ELEMENT_CODES}
    for question in sorted(
        questionnaire_for_office(office), key=lambda q: (not q.is_standard, q.order, q.id)
    ):
        grouped[question.element].append(question)
    return grouped


def periods_for_office(office: Office) -> QuerySet[SurveyPeriod]:
    return SurveyPeriod.objects.filter(office=office)


def period_for_staff(*, user: User, pk: int) -> SurveyPeriod | None:
    return SurveyPeriod.objects.filter(office=user.office, pk=pk).select_related("office").first()


def published_periods() -> QuerySet[SurveyPeriod]:
    return SurveyPeriod.objects.filter(published_at__isnull=False).select_related("office")


TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def invitation_by_token(token: str) -> Invitation | None:
    if not TOKEN_RE.fullmatch(token or ""):
        return None  # also keeps NUL bytes away from PostgreSQL
    return Invitation.objects.filter(token=token).select_related("office").first()


def period_responses(period: SurveyPeriod) -> QuerySet[Response]:
    return Response.objects.filter(
        office_id=period.office_id, survey_date__range=(period.start_date, period.end_date)
    )


@dataclass(frozen=True)
class PeriodResults:
    period: SurveyPeriod
    result: ikm.IkmResult
    sample_target: int
    profile: list[tuple[str, list[tuple[str, int]]]]  # (question, [(answer, count)])
    channels: list[tuple[str, int]]

    @property
    def respondents(self) -> int:
        return self.result.respondents

    @property
    def progress_percent(self) -> int:
        if self.sample_target <= 0:
            return 100 if self.respondents else 0
        return min(100, self.respondents * 100 // self.sample_target)

    @property
    def weakest(self) -> list[ikm.ElementResult]:
        """The lowest elements: the three lowest NRRs (more if tied)."""
        ordered = self.result.weakest_first()
        if len(ordered) <= 3:
            return ordered
        cutoff = ordered[2].nrr
        assert cutoff is not None  # weakest_first() only returns answered elements
        return [e for e in ordered if e.nrr is not None and e.nrr <= cutoff]


PROFILE_FIELDS = ("gender", "age_band", "education", "occupation", "service", "time_slot")


def _answers_by_response(period: SurveyPeriod) -> dict[int, dict[str, list[int | None]]]:
    """Response id -> element code -> the values answered, for responses with answers."""
    by_response: dict[int, dict[str, list[int | None]]] = defaultdict(lambda: defaultdict(list))
    rows = Answer.objects.filter(response__in=period_responses(period)).values_list(
        "response_id", "element", "value"
    )
    for response_id, element, value in rows.iterator():
        by_response[response_id][element].append(value)
    return by_response


def period_ikm(period: SurveyPeriod) -> ikm.IkmResult:
    """Only the computed index of a period (no profile breakdowns)."""
    return ikm.compute(_answers_by_response(period).values())


def period_results(period: SurveyPeriod) -> PeriodResults:
    """Compute the period's IKM from the stored answers with ``ikm.compute``."""
    responses = period_responses(period)
    by_response = _answers_by_response(period)
    result = ikm.compute(by_response.values())

    profile: list[tuple[str, list[tuple[str, int]]]] = []
    answered = responses.filter(id__in=list(by_response))
    for name in PROFILE_FIELDS:
        field = cast(models.Field, Response._meta.get_field(name))
        labels = dict(field.choices or [])
        counts = Counter(answered.values_list(name, flat=True))
        breakdown = [(str(labels[key]), counts[key]) for key in labels if counts[key]]
        if counts[""]:
            breakdown.append((gettext("Not stated"), counts[""]))
        profile.append((capfirst(str(field.verbose_name)), breakdown))
    channel_field = cast(models.Field, Response._meta.get_field("channel"))
    channel_labels = dict(channel_field.choices or [])
    channel_counts = Counter(answered.values_list("channel", flat=True))
    channels = [
        (str(channel_labels[k]), channel_counts[k]) for k in channel_labels if channel_counts[k]
    ]
    return PeriodResults(
        period=period,
        result=result,
        sample_target=period.sample_target,
        profile=profile,
        channels=channels,
    )


# --- Processing table (one row per respondent) ---------------------------------------------


@dataclass(frozen=True)
class RespondentRow:
    """A respondent's element scores: the mean of their answers in each element, exact;
    None when they answered no question of that element."""

    number: int
    survey_date: dt.date
    channel: str
    scores: dict[str, Fraction | None]


def period_respondent_rows(period: SurveyPeriod) -> list[RespondentRow]:
    """The rows of the processing table, oldest first; respondents without answers are left
    out, exactly as ``ikm.compute`` leaves them out."""
    by_response = _answers_by_response(period)
    responses = (
        period_responses(period)
        .filter(id__in=list(by_response))
        .order_by("survey_date", "id")
        .values_list("id", "survey_date", "channel")
    )
    rows = []
    for number, (response_id, survey_date, channel) in enumerate(responses, start=1):
        answers = by_response[response_id]
        scores: dict[str, Fraction | None] = {}
        for code in ikm.ELEMENT_CODES:
            given = [v for v in answers.get(code, []) if v is not None]
            scores[code] = Fraction(sum(given), len(given)) if given else None
        rows.append(
            RespondentRow(number=number, survey_date=survey_date, channel=channel, scores=scores)
        )
    return rows


# --- Trend over periods ----------------------------------------------------------------------

TREND_PERIODS = 12


@dataclass(frozen=True)
class TrendEntry:
    period: SurveyPeriod
    result: ikm.IkmResult


def office_trend(office: Office, *, limit: int = TREND_PERIODS) -> list[TrendEntry]:
    """The converted IKM of the office's latest ``limit`` periods, oldest first."""
    periods = list(
        SurveyPeriod.objects.filter(office=office).order_by("-start_date", "-end_date", "-id")[
            :limit
        ]
    )
    periods.reverse()
    return [TrendEntry(period=p, result=period_ikm(p)) for p in periods]


# --- Follow-up plan --------------------------------------------------------------------------


def followups_for_period(period: SurveyPeriod) -> QuerySet[FollowUpAction]:
    return FollowUpAction.objects.filter(period=period).order_by("element", "quarter", "id")


def followups_with_citations(viewer: Any, period: SurveyPeriod) -> list[FollowUpAction]:
    """The plan of the period, each line with ``citations``: the complaints it cites, with
    the staff link where the viewer may open the complaint (``surveys.citations``)."""
    rows = list(followups_for_period(period))
    for row in rows:
        # An attribute for the template only, not a model field.
        row.citations = citations.citations_for(  # type: ignore[attr-defined]
            viewer, period.office, row.cited_complaints
        )
    return rows


def followup_for_staff(*, user: User, pk: int) -> FollowUpAction | None:
    """A follow-up action of the user's office, or None (also for other offices' actions)."""
    return (
        FollowUpAction.objects.filter(pk=pk, period__office=user.office)
        .select_related("period", "period__office")
        .first()
    )


def period_suggestions(period: SurveyPeriod) -> list[Response]:
    """The period's responses that carry a suggestion, newest first, with staff's review."""
    return list(
        period_responses(period)
        .exclude(suggestion="")
        .select_related("suggestion_review__followup")
        .prefetch_related("suggestion_review__tags")
        .order_by("-survey_date", "-id")
    )


def period_suggestion_tag_counts(period: SurveyPeriod) -> list[tuple[str, int]]:
    """How many of the period's suggestions carry each tag (most first): what the published
    results show instead of the text."""
    rows = (
        SuggestionTag.objects.filter(
            reviews__response__in=period_responses(period).exclude(suggestion="")
        )
        .annotate(n=Count("reviews"))
        .order_by("-n", "name")
        .values_list("name", "n")
    )
    return list(rows)


def period_suggestion_total(period: SurveyPeriod) -> int:
    return period_responses(period).exclude(suggestion="").count()


def period_published_extracts(period: SurveyPeriod) -> list[str]:
    """The anonymised extracts staff chose to publish (their wording, never the original)."""
    return list(
        SuggestionReview.objects.filter(
            response__in=period_responses(period), extract_published=True
        )
        .exclude(extract="")
        .order_by("response__survey_date", "pk")
        .values_list("extract", flat=True)
    )


def office_period_latest(office: Office, *, before: dt.date) -> SurveyPeriod | None:
    """The office's latest survey period that started before ``before`` (the province's
    dashboard shows its index)."""
    return (
        SurveyPeriod.objects.filter(office=office, start_date__lt=before)
        .order_by("-start_date", "-end_date", "-id")
        .first()
    )


@dataclass(frozen=True)
class ElementQuestions:
    """One IKM element on the questions screen: its standard question and the office's
    own active ones."""

    code: str
    label: str
    standard: Question | None
    own: list[Question]


def element_questions_for_office(office: Office) -> list[ElementQuestions]:
    labels = dict(ELEMENT_CHOICES)
    standard = {q.element: q for q in Question.objects.filter(office__isnull=True)}
    own: dict[str, list[Question]] = defaultdict(list)
    for question in Question.objects.filter(office=office, is_active=True).order_by("id"):
        own[question.element].append(question)
    return [
        ElementQuestions(
            code=code, label=str(labels[code]), standard=standard.get(code), own=own[code]
        )
        for code in ikm.ELEMENT_CODES
    ]


def office_question_for_staff(*, user: User, pk: int) -> Question | None:
    """An active question of the user's own office (never a standard one)."""
    if not user.office_id:
        return None
    return Question.objects.filter(office_id=user.office_id, pk=pk, is_active=True).first()


def office_question_count(office: Office) -> int:
    return Question.objects.filter(office=office, is_active=True).count()
