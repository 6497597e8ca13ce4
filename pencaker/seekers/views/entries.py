"""The list sections: education, training, experience, skills, languages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pencaker.accounts.permissions import seeker_required
from pencaker.seekers import forms, services
from pencaker.seekers.models import (
    Education,
    LanguageSkill,
    Skill,
    Training,
    WorkExperience,
)
from pencaker.seekers.views._common import _list_section, _profile, _remove, _single_section

# --- list sections --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@seeker_required
def education(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _list_section(
        request,
        form_class=forms.EducationForm,
        entries=profile.education.all(),
        add=lambda data: services.education_add(actor=request.user, profile=profile, **data),
        title=_("Education"),
        intro=_("Add at least your latest school or study. Start with the highest level."),
        remove_url="seekers:education_remove",
        edit_url="seekers:education_edit",
        entry_template="seekers/entries/education.html",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def education_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile(request)
    entry = get_object_or_404(Education, pk=pk, profile=profile)
    return _single_section(
        request,
        form_class=forms.EducationForm,
        initial={f: getattr(entry, f) for f in services.EDUCATION_FIELDS},
        save=lambda data: services.education_update(actor=request.user, education=entry, **data),
        title=_("Change education"),
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def education_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove(
        request,
        model=Education,
        pk=pk,
        remove=lambda e: services.education_remove(actor=request.user, education=e),
        back="seekers:education",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def training(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _list_section(
        request,
        form_class=forms.TrainingForm,
        entries=profile.training.all(),
        add=lambda data: services.training_add(actor=request.user, profile=profile, **data),
        title=_("Training and certificates"),
        intro=_("Courses, job training (for example at a BLK) and competence certificates."),
        remove_url="seekers:training_remove",
        entry_template="seekers/entries/training.html",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def training_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove(
        request,
        model=Training,
        pk=pk,
        remove=lambda e: services.training_remove(actor=request.user, training=e),
        back="seekers:training",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def experience(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _list_section(
        request,
        form_class=forms.ExperienceForm,
        entries=profile.experience.all(),
        add=lambda data: services.experience_add(actor=request.user, profile=profile, **data),
        title=_("Work experience"),
        intro=_("Jobs you have had, including informal work. Leave this empty if you have none."),
        remove_url="seekers:experience_remove",
        edit_url="seekers:experience_edit",
        entry_template="seekers/entries/experience.html",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile(request)
    entry = get_object_or_404(WorkExperience, pk=pk, profile=profile)
    return _single_section(
        request,
        form_class=forms.ExperienceForm,
        initial={f: getattr(entry, f) for f in services.EXPERIENCE_FIELDS},
        save=lambda data: services.experience_update(actor=request.user, experience=entry, **data),
        title=_("Change work experience"),
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def experience_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove(
        request,
        model=WorkExperience,
        pk=pk,
        remove=lambda e: services.experience_remove(actor=request.user, experience=e),
        back="seekers:experience",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def skills(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _list_section(
        request,
        form_class=forms.SkillForm,
        entries=profile.skills.all(),
        add=lambda data: services.skill_add(actor=request.user, profile=profile, **data),
        title=_("Skills"),
        remove_url="seekers:skill_remove",
        entry_template="seekers/entries/skill.html",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def skill_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove(
        request,
        model=Skill,
        pk=pk,
        remove=lambda e: services.skill_remove(actor=request.user, skill=e),
        back="seekers:skills",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def languages(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _list_section(
        request,
        form_class=forms.LanguageForm,
        entries=profile.languages.all(),
        add=lambda data: services.language_add(actor=request.user, profile=profile, **data),
        title=_("Languages"),
        remove_url="seekers:language_remove",
        entry_template="seekers/entries/language.html",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def language_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove(
        request,
        model=LanguageSkill,
        pk=pk,
        remove=lambda e: services.language_remove(actor=request.user, language=e),
        back="seekers:languages",
    )
