"""Survey data: periods, the questionnaire, invitations and anonymous responses.

A response never points at a person: it has no user, only the office, the channel and the
profile the respondent chose to give. Results for a period are the responses of its office
dated inside the period, so periods may overlap (a quarter inside a year).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pencaker.core.links import absolute_url
from pencaker.surveys import ikm
from pencaker.surveys.choices import (
    ELEMENT_CHOICES,
    AgeBand,
    Channel,
    Education,
    FollowUpStatus,
    Gender,
    InvitationReason,
    Occupation,
    Service,
    TimeSlot,
)

INVITATION_VALID_DAYS = 30


class SurveyPeriod(models.Model):
    """A survey round of an office (a quarter, a semester or a year)."""

    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="survey_periods"
    )
    name = models.CharField(_("name"), max_length=100)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    target_population = models.PositiveIntegerField(
        _("service users in the period"),
        default=0,
        help_text=_("For example the number of cards issued. Used for the sample size."),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="survey_period_dates_in_order"
            ),
            models.UniqueConstraint(fields=["office", "name"], name="survey_period_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sample_target(self) -> int:
        return ikm.sample_size(self.target_population)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Question(models.Model):
    """A question of one element. ``office`` empty = one of the 9 standard questions of
    PermenPANRB 14/2017 (seeded by migration); an office may add its own per element.

    The wording is data, so it is stored in both languages; ``option_1`` is the worst
    answer (value 1) and ``option_4`` the best (value 4)."""

    office = models.ForeignKey(
        "offices.Office",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_questions",
    )
    element = models.CharField(_("element"), max_length=3, choices=ELEMENT_CHOICES)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    text = models.CharField(_("question (Indonesian)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    option_1 = models.CharField(_("answer 1 (worst)"), max_length=100)
    option_2 = models.CharField(_("answer 2"), max_length=100)
    option_3 = models.CharField(_("answer 3"), max_length=100)
    option_4 = models.CharField(_("answer 4 (best)"), max_length=100)
    option_1_en = models.CharField(max_length=100, blank=True)
    option_2_en = models.CharField(max_length=100, blank=True)
    option_3_en = models.CharField(max_length=100, blank=True)
    option_4_en = models.CharField(max_length=100, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.element}: {self.text}"

    @property
    def is_standard(self) -> bool:
        return self.office_id is None

    def localized_text(self) -> str:
        if (get_language() or "id").startswith("en") and self.text_en:
            return self.text_en
        return self.text

    def localized_options(self) -> list[tuple[int, str]]:
        english = (get_language() or "id").startswith("en")
        options = []
        for value in range(1, 5):
            label = getattr(self, f"option_{value}")
            if english and getattr(self, f"option_{value}_en"):
                label = getattr(self, f"option_{value}_en")
            options.append((value, label))
        return options


def new_token() -> str:
    return secrets.token_urlsafe(24)


def default_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=INVITATION_VALID_DAYS)


class Invitation(models.Model):
    """A single-use link to the questionnaire. It stores no contact data, so the answer
    it leads to stays anonymous."""

    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="survey_invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    reason = models.CharField(max_length=30, choices=InvitationReason.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_expiry)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.reason}:{self.created_at:%Y-%m-%d}"

    @property
    def path(self) -> str:
        return reverse("surveys:answer", kwargs={"token": self.token})

    @property
    def url(self) -> str:
        return absolute_url(self.path)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class Response(models.Model):
    """One respondent's filled-in questionnaire. Anonymous: no user, no contact data."""

    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="survey_responses"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    # One answer per invitation: the one-to-one column is unique in the database.
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=20, choices=Occupation.choices, blank=True
    )
    service = models.CharField(
        _("service received"), max_length=20, choices=Service.choices, blank=True
    )
    survey_date = models.DateField(_("survey date"), default=timezone.localdate)
    time_slot = models.CharField(
        _("time of the survey"), max_length=10, choices=TimeSlot.choices, blank=True
    )
    # Saran: what the respondent suggests, in their words. Staff read it; the public only
    # sees counts per tag and the extracts staff wrote and published (SuggestionReview).
    suggestion = models.TextField(_("suggestions"), max_length=1000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-survey_date", "-id"]
        indexes = [models.Index(fields=["office", "survey_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel="invitation", invitation__isnull=False)
                | (~Q(channel="invitation") & Q(invitation__isnull=True)),
                name="survey_response_invitation_matches_channel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.channel}:{self.survey_date}"


class Answer(models.Model):
    """One answer, 1 (worst) to 4 (best). ``element`` is copied from the question when the
    answer is stored, so later edits of the questionnaire do not move old answers."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    element = models.CharField(max_length=3, choices=ELEMENT_CHOICES)
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(value__lte=4), name="survey_answer_value_1_to_4"
            ),
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element}={self.value}"


class FollowUpAction(models.Model):
    """One line of the follow-up plan (*rencana tindak lanjut*) of a period: what the office
    will do about an element, in which quarter (``"2027-Q1"``) and who is responsible.

    The plan is meant for the lowest elements of the period's results, but any element may
    have actions: the lowest elements move as answers arrive, and a plan line must not
    disappear when they do. ``status`` is free to move between its three values."""

    period = models.ForeignKey(SurveyPeriod, on_delete=models.CASCADE, related_name="followups")
    element = models.CharField(_("element"), max_length=3, choices=ELEMENT_CHOICES)
    action = models.TextField(_("action"), max_length=1000)
    quarter = models.CharField(_("quarter"), max_length=7)
    person_responsible = models.CharField(_("person responsible"), max_length=150)
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    #: Tracking numbers of the complaints the action answers, comma separated (checked
    #: through ``surveys.citations``; the complaints app sits above this one).
    cited_complaints = models.CharField(
        _("complaints it answers"), max_length=300, blank=True, default=""
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["element", "quarter", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["planned", "in_progress", "done"]),
                name="survey_followup_status_known",
            ),
            models.CheckConstraint(
                condition=Q(element__in=[code for code, _label in ELEMENT_CHOICES]),
                name="survey_followup_element_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element} {self.quarter}: {self.action[:40]}"


class SuggestionTag(models.Model):
    """A theme an office gives suggestions ("antrian", "ruang tunggu"), its own list."""

    office = models.ForeignKey(
        "offices.Office", on_delete=models.CASCADE, related_name="survey_suggestion_tags"
    )
    name = models.CharField(_("tag"), max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="survey_suggestion_tag_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SuggestionReview(models.Model):
    """Staff's handling of one response's suggestion: its tags, the follow-up line it feeds,
    and an anonymised extract (staff's own wording, no names or numbers) that may be shown
    with the published results. The respondent's text itself is never published."""

    response = models.OneToOneField(
        Response, on_delete=models.CASCADE, related_name="suggestion_review"
    )
    tags = models.ManyToManyField(SuggestionTag, blank=True, related_name="reviews")
    followup = models.ForeignKey(
        FollowUpAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    extract = models.TextField(_("anonymised extract"), max_length=500, blank=True, default="")
    extract_published = models.BooleanField(_("publish the extract"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.response_id}: {self.extract[:40]}"
