"""Matching: the skill vocabulary, each seeker's matching facts and consent, invitations
to apply and vacancy alerts.

``MatchProfile`` is matching's own copy of what scoring needs from a seeker's profile
(highest education, majors, normalised skills and certificates, experience periods,
kabupaten/kota, relocation, preference). It is refreshed whenever the profile records a
change (``seekers.services.profile_change_listener_register``) and when the seeker changes
a switch, so ranking candidates reads one indexed table instead of six (ADR 0022).
``discoverable`` (found by employers) and ``alerts_enabled`` (vacancy digests) are off by
default and each takes effect at once when switched off.

An invitation moves pending → accepted | declined (``workflow.INVITATION_ALLOWED``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pencaker.core.models import StatusChange
from pencaker.matching.choices import InvitationStatus, TermKind


class SkillTerm(models.Model):
    """One entry of the skill vocabulary: an Indonesian and an English name, synonyms (any
    spelling people write), whether it is a skill or a certificate/licence, and where known
    its ESCO concept or KBJI code. ``import_skills PATH`` loads a CSV."""

    code = models.SlugField(max_length=60, primary_key=True)
    name_id = models.CharField(_("Indonesian name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150, blank=True, default="")
    kind = models.CharField(max_length=12, choices=TermKind.choices, default=TermKind.SKILL)
    synonyms = models.JSONField(default=list, blank=True)
    esco_uri = models.URLField(max_length=300, blank=True, default="")
    kbji_code = models.CharField(max_length=8, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in TermKind]), name="skill_term_kind"
            )
        ]

    def __str__(self) -> str:
        return self.name_id


class MatchProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_profile"
    )
    discoverable = models.BooleanField(_("employers may find me"), default=False)
    alerts_enabled = models.BooleanField(_("send me matching vacancies"), default=False)
    discoverable_changed_at = models.DateTimeField(null=True, blank=True)

    #: The kabupaten/kota code of the address (``16.71`` of ``16.71.01.1001``), "" if none.
    regency_code = models.CharField(max_length=5, blank=True, default="")
    province_code = models.CharField(max_length=2, blank=True, default="")
    kecamatan_name = models.CharField(max_length=100, blank=True, default="")
    regency_name = models.CharField(max_length=100, blank=True, default="")
    #: ``scoring.EDUCATION_RANK`` of the highest level (0: none recorded).
    education_rank = models.PositiveSmallIntegerField(default=0)
    education_level = models.CharField(max_length=3, blank=True, default="")
    majors = models.JSONField(default=list, blank=True)
    skill_codes = models.JSONField(default=list, blank=True)
    skill_labels = models.JSONField(default=dict, blank=True)
    #: ``[[start ISO, end ISO or null], ...]``
    experience = models.JSONField(default=list, blank=True)
    preferred_occupation = models.CharField(max_length=150, blank=True, default="")
    willing_to_relocate = models.BooleanField(default=False)
    has_disability = models.BooleanField(default=False)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # Candidates: same kabupaten/kota at or above the education minimum …
            models.Index(
                fields=["regency_code", "education_rank"],
                condition=models.Q(discoverable=True),
                name="match_found_local",
            ),
            # A remote vacancy, or one without a place: anyone in the office's province.
            models.Index(
                fields=["province_code", "education_rank"],
                condition=models.Q(discoverable=True),
                name="match_found_province",
            ),
            # … or willing to move within the province.
            models.Index(
                fields=["province_code", "education_rank"],
                condition=models.Q(discoverable=True, willing_to_relocate=True),
                name="match_found_relocate",
            ),
            models.Index(
                fields=["regency_code", "education_rank"],
                condition=models.Q(alerts_enabled=True),
                name="match_alert_local",
            ),
            models.Index(
                fields=["province_code", "education_rank"],
                condition=models.Q(alerts_enabled=True, willing_to_relocate=True),
                name="match_alert_relocate",
            ),
            models.Index(
                fields=["province_code", "education_rank"],
                condition=models.Q(alerts_enabled=True),
                name="match_alert_province",
            ),
        ]

    def __str__(self) -> str:
        return f"match profile of {self.user_id}"


class Invitation(models.Model):
    """An employer invites a discoverable seeker to apply to one of its vacancies. The
    employer sees the seeker's name and contact once the invitation is accepted."""

    vacancy = models.ForeignKey(
        "vacancies.Vacancy", on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "employers.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    message = models.CharField(max_length=500, blank=True, default="")
    score = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "seeker"], name="invitation_one_per_seeker"),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in InvitationStatus]),
                name="invitation_status_known",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self) -> str:
        return f"invitation {self.pk} {self.vacancy_id} → {self.seeker_id} ({self.status})"


class InvitationStatusChange(StatusChange):
    subject_field = "invitation"
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=10, choices=InvitationStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=InvitationStatus.choices)


class AlertItem(models.Model):
    """A published vacancy that matched a seeker with alerts on, waiting for (or sent in)
    the seeker's daily digest. One per seeker and vacancy."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    #: The day of the digest that carried it (null: still waiting).
    sent_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "vacancy"], name="alert_item_once"),
        ]
        indexes = [
            models.Index(
                fields=["user"], condition=models.Q(sent_on__isnull=True), name="alert_item_waiting"
            )
        ]

    def __str__(self) -> str:
        return f"alert {self.vacancy_id} → {self.user_id} ({self.score})"
