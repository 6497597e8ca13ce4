"""Input shape of the questionnaire (built from the office's questions) and of periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.surveys import ikm
from pencaker.surveys.choices import (
    AgeBand,
    Education,
    FollowUpStatus,
    Gender,
    Occupation,
    Service,
    TimeSlot,
)
from pencaker.surveys.models import Question, SurveyPeriod
from pencaker.surveys.services import (
    ACTION_MAX_LENGTH,
    PERSON_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    Profile,
)

PROFILE_FIELDS = {
    "gender": (_("Gender"), Gender.choices),
    "age_band": (_("Age"), AgeBand.choices),
    "education": (_("Highest education"), Education.choices),
    "occupation": (_("Main occupation"), Occupation.choices),
    "service": (_("Service you received"), Service.choices),
    "time_slot": (_("Time of your visit"), TimeSlot.choices),
}


class QuestionnaireForm(forms.Form):
    """The 1–4 questions of an office plus the optional respondent profile.

    ``answers_required``: online and kiosk respondents answer every question; a paper
    questionnaire is typed in as it is, blanks included.
    """

    def __init__(
        self,
        *args,
        questions: Sequence[Question],
        answers_required: bool = True,
        with_date: bool = False,
        period=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.period = period
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"q_{question.id}"] = forms.TypedChoiceField(
                label=f"{number}. {question.localized_text()}",
                choices=question.localized_options(),
                coerce=int,
                widget=forms.RadioSelect,
                required=answers_required,
                error_messages={"required": _("Please choose one answer for this question.")},
            )
        for name, (label, choices) in PROFILE_FIELDS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[("", _("Prefer not to say"))] + list(choices),
                required=False,
            )
        self.fields["suggestion"] = forms.CharField(
            label=_("Your suggestions for us (optional)"),
            help_text=_("Do not write your name or phone number here."),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
        )
        if with_date:
            self.fields["survey_date"] = forms.DateField(
                label=_("Date on the questionnaire"),
                initial=timezone.localdate,
                widget=forms.DateInput(attrs={"type": "date"}),
                help_text=_("The day the questionnaire was filled in."),
            )

    def question_fields(self):
        return [self[f"q_{q.id}"] for q in self.questions]

    def profile_fields(self):
        names = list(PROFILE_FIELDS)
        if "survey_date" in self.fields:
            names.append("survey_date")
        return [self[name] for name in names]

    def clean_survey_date(self) -> dt.date:
        value = self.cleaned_data["survey_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if self.period and not self.period.start_date <= value <= self.period.end_date:
            raise forms.ValidationError(
                _("The date must be between %(start)s and %(end)s, inside this period.")
                % {"start": self.period.start_date, "end": self.period.end_date}
            )
        return value

    def clean(self):
        cleaned = super().clean() or {}
        if not self.errors and all(cleaned.get(f"q_{q.id}") in (None, "") for q in self.questions):
            raise forms.ValidationError(_("Please answer at least one question."))
        return cleaned

    def answers(self) -> dict[int, int | None]:
        return {q.id: (self.cleaned_data.get(f"q_{q.id}") or None) for q in self.questions}

    def profile(self) -> Profile:
        data = self.cleaned_data
        return Profile(
            gender=data.get("gender", ""),
            age_band=data.get("age_band", ""),
            education=data.get("education", ""),
            occupation=data.get("occupation", ""),
            service=data.get("service", ""),
            time_slot=data.get("time_slot", ""),
            survey_date=data.get("survey_date"),
            suggestion=data.get("suggestion", ""),
        )


class PeriodForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("For example: Triwulan I 2025.")
    )
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    target_population = forms.IntegerField(
        label=_("Service users in the period"),
        min_value=0,
        max_value=10_000_000,
        initial=0,
        help_text=_("For example the number of cards issued. The sample size is computed from it."),
    )

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day must not be before the first day."))
        return cleaned


def quarter_choices(period: SurveyPeriod, current: str = "") -> list[tuple[str, str]]:
    """Quarters from the period's first year to two years after its end, e.g. "2027-Q1"."""
    values = [
        f"{year}-Q{quarter}"
        for year in range(period.start_date.year, period.end_date.year + 3)
        for quarter in range(1, 5)
    ]
    if current and current not in values:
        values.insert(0, current)
    return [(value, value) for value in values]


class FollowUpForm(DomainErrorFormMixin, forms.Form):
    """A line of the follow-up plan. Elements are listed in code order; the period's lowest
    elements are marked so staff plan for them first."""

    element = forms.ChoiceField(label=_("Element"))
    action = forms.CharField(
        label=pgettext_lazy("follow-up plan", "Action"),
        max_length=ACTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the office will do, for example: open a complaint desk at the counter."),
        error_messages={"required": _("Describe the action.")},
    )
    quarter = forms.ChoiceField(
        label=_("Quarter"), help_text=_("When the action will be carried out.")
    )
    person_responsible = forms.CharField(
        label=_("Person responsible"),
        max_length=PERSON_MAX_LENGTH,
        help_text=_("A name or a position, for example: Kepala Seksi Penempatan."),
        error_messages={"required": _("Name the person or position responsible.")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    cited_complaints = forms.CharField(
        label=_("Complaints it answers (optional)"),
        required=False,
        max_length=300,
        help_text=_(
            "Tracking numbers of this office's complaints that the action answers, separated "
            "by commas, for example: ADU-2701-ABCD-EFGH."
        ),
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )

    def __init__(
        self,
        *args,
        period: SurveyPeriod,
        weak_codes: Sequence[str] = (),
        current_quarter: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        element_field = cast(forms.ChoiceField, self.fields["element"])
        element_field.choices = [
            (
                e.code,
                f"{e.code} {e.label} — {_('lowest')}"
                if e.code in weak_codes
                else f"{e.code} {e.label}",
            )
            for e in ikm.ELEMENTS
        ]
        quarter_field = cast(forms.ChoiceField, self.fields["quarter"])
        quarter_field.choices = quarter_choices(period, current_quarter)


class SuggestionReviewForm(forms.Form):
    """Staff's tags, follow-up line and anonymised extract for one suggestion."""

    response = forms.IntegerField(widget=forms.HiddenInput)
    tags = forms.CharField(
        label=_("Tags (separated by commas)"),
        required=False,
        max_length=700,
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )
    followup = forms.ChoiceField(
        label=_("Follow-up action"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the follow-up actions.")},
    )
    extract = forms.CharField(
        label=_("Anonymised extract (no names, numbers or places that identify anyone)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )
    publish_extract = forms.BooleanField(
        label=_("Show the extract with the published results"), required=False
    )

    def __init__(self, *args, followups=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["followup"].choices = [
            ("", _("Not linked")),
            *[(str(f.pk), f"{f.element} {f.quarter}: {f.action[:60]}") for f in followups],
        ]

    def tag_names(self) -> list[str]:
        return [t for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]


class QuestionForm(DomainErrorFormMixin, forms.Form):
    """An office's own question of one element, in Indonesian and English; the answer
    scale is the element's standard one."""

    text = forms.CharField(
        label=_("Question (Indonesian)"),
        max_length=QUESTION_MAX_LENGTH,
        error_messages={
            "required": _("Write the question in Indonesian."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
    text_en = forms.CharField(
        label=_("Question (English)"),
        max_length=QUESTION_MAX_LENGTH,
        error_messages={
            "required": _("Write the question in English."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
