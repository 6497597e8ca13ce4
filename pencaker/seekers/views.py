"""Profile pages: the job seeker's home (overview), one page per section, the history,
the data download, and the staff pages. Views parse, call one service, render."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pencaker.accounts.permissions import seeker_required, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.seekers import forms, selectors, services
from pencaker.seekers.choices import Section
from pencaker.seekers.models import (
    Education,
    LanguageSkill,
    Skill,
    Training,
    WorkExperience,
)

SAVED = gettext_lazy("Saved.")


def _profile(request: HttpRequest):
    return services.profile_ensure(user=request.user)


def _single_section(
    request: HttpRequest,
    *,
    form_class: type,
    initial: dict[str, Any],
    save,
    title,
    intro="",
    template: str = "seekers/section_form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """One form for one section: save through the service, or show its messages."""
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, SAVED)
                return redirect("seekers:overview")
    else:
        form = form_class(initial=initial)
    context = {"form": form, "title": title, "intro": intro, **(extra or {})}
    return render(request, template, context, status=400 if form.errors else 200)


def _list_section(
    request: HttpRequest,
    *,
    form_class: type,
    entries,
    add,
    title,
    intro="",
    remove_url: str,
    edit_url: str = "",
    entry_template: str,
) -> HttpResponse:
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                add(form.cleaned_data)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, SAVED)
                return redirect(request.path)
    else:
        form = form_class()
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "entries": entries,
        "remove_url": remove_url,
        "edit_url": edit_url,
        "entry_template": entry_template,
    }
    return render(request, "seekers/section_list.html", context, status=400 if form.errors else 200)


def _remove(request: HttpRequest, *, model, pk: int, remove, back: str) -> HttpResponse:
    profile = _profile(request)
    entry = get_object_or_404(model, pk=pk, profile=profile)
    try:
        remove(entry)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Removed."))
    return redirect(back)


# --- overview, history, download ------------------------------------------------------


@require_GET
@seeker_required
def overview(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    completeness = selectors.profile_completeness(request.user)
    return render(
        request,
        "seekers/overview.html",
        {
            "profile": profile,
            "completeness": completeness,
            "education": profile.education.all(),
            "sections": _sections(),
        },
    )


def _sections() -> list[tuple[str, str]]:
    return [
        ("seekers:identity", Section.IDENTITY.label),
        ("seekers:address", Section.ADDRESS.label),
        ("seekers:contact", Section.CONTACT.label),
        ("seekers:education", Section.EDUCATION.label),
        ("seekers:training", Section.TRAINING.label),
        ("seekers:experience", Section.EXPERIENCE.label),
        ("seekers:skills", Section.SKILLS.label),
        ("seekers:languages", Section.LANGUAGES.label),
        ("seekers:preferences", Section.PREFERENCES.label),
        ("seekers:disability", Section.DISABILITY.label),
    ]


@require_GET
@seeker_required
def history(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return render(
        request,
        "seekers/history.html",
        {"rows": selectors.profile_history(profile), "profile": profile, "staff_view": False},
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def data_download(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "seekers/data_download.html")
    data = services.seeker_data_export(actor=request.user, user=request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="pencaker-data-saya-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


# --- single-record sections -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@seeker_required
def identity(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _single_section(
        request,
        form_class=forms.IdentityForm,
        initial={f: getattr(profile, f) for f in services.IDENTITY_FIELDS},
        save=lambda data: services.profile_update_identity(
            actor=request.user, profile=profile, **data
        ),
        title=_("Identity"),
        intro=_(
            "Copy these from your KTP. The date of birth and sex must match your NIK. You can "
            "save now and finish later."
        ),
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def address(request: HttpRequest) -> HttpResponse:
    from pencaker.seekers.address import address_page

    return address_page(request, profile=_profile(request))


@require_http_methods(["GET", "POST"])
@seeker_required
def contact(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _single_section(
        request,
        form_class=forms.ContactForm,
        initial={"phone": request.user.phone},
        save=lambda data: services.profile_update_contact(
            actor=request.user, profile=profile, phone=data["phone"]
        ),
        title=_("Contact"),
        template="seekers/contact.html",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def preferences(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _single_section(
        request,
        form_class=forms.PreferencesForm,
        initial={f: getattr(profile, f) for f in services.PREFERENCE_FIELDS},
        save=lambda data: services.profile_update_preferences(
            actor=request.user, profile=profile, **data
        ),
        title=_("Job preferences"),
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def disability(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    answer = {True: "yes", False: "no"}.get(profile.has_disability, "")  # type: ignore[arg-type]
    return _single_section(
        request,
        form_class=forms.DisabilityForm,
        initial={"has_disability": answer, "disability_details": profile.disability_details},
        save=lambda data: services.profile_update_disability(
            actor=request.user, profile=profile, **data
        ),
        title=_("Disability information"),
        template="seekers/disability.html",
    )


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


@require_POST
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


@require_POST
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


@require_POST
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


@require_POST
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


@require_POST
@seeker_required
def language_remove(request: HttpRequest, pk: int) -> HttpResponse:
    return _remove(
        request,
        model=LanguageSkill,
        pk=pk,
        remove=lambda e: services.language_remove(actor=request.user, language=e),
        back="seekers:languages",
    )


# --- staff ----------------------------------------------------------------------------


@require_GET
@staff_required
def staff_seeker_list(request: HttpRequest) -> HttpResponse:
    form = forms.StaffSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    qs = selectors.seekers_for_office(office=request.user.office, query=query)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "seekers/staff/seeker_list.html",
        {"form": form, "page": page, "query": query},
    )


@require_GET
@staff_required
def staff_seeker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.seeker_for_staff(staff=request.user, profile_id=pk)
    services.profile_viewed_by_staff(
        actor=request.user, profile=profile, ip_address=client_ip(request)
    )
    return render(
        request,
        "seekers/staff/seeker_detail.html",
        {
            "profile": profile,
            "completeness": selectors.profile_completeness(profile.user),
            "rows": selectors.profile_history(profile),
            "staff_view": True,
        },
    )


@require_GET
@staff_required
def staff_nik_conflicts(request: HttpRequest) -> HttpResponse:
    qs = selectors.nik_conflicts_for_office(office=request.user.office)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "seekers/staff/nik_conflicts.html", {"page": page})
