"""Pages of the training app: the public programmes at /pelatihan/ (no JavaScript needed),
eligibility and one-step registration, the seeker's registrations, the public draw
records, and the office's screens under /petugas/pelatihan/."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import DECIDING_ROLES, seeker_required, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.core.links import absolute_url
from pencaker.documents.models import Document
from pencaker.training import eligibility, selectors, services
from pencaker.training.choices import ProgrammeStatus, RegistrationStatus, WaveStatus
from pencaker.training.forms import ProgrammeForm, RegisterForm, SessionForm, WaveForm
from pencaker.training.models import Programme, Wave
from pencaker.training.workflow import PROGRAMME_ALLOWED, WAVE_ALLOWED

# --- public ---------------------------------------------------------------------------------


def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "training/list.html", {"programmes": selectors.programmes_public()})


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_public(pk)
    if programme is None:
        raise Http404
    return render(
        request,
        "training/detail.html",
        {
            "programme": programme,
            "waves": programme.public_waves,
            "url": absolute_url(reverse("training:detail", args=[programme.pk])),
        },
    )


def _register_form(request: HttpRequest, wave: Wave, facts: Any, data: Any = None) -> RegisterForm:
    programme = wave.programme
    documents = (
        Document.objects.filter(owner=request.user, current_version__isnull=False)
        if request.user.is_authenticated
        else Document.objects.none()
    )
    declaration = ""
    if eligibility.needs_declaration(programme):
        declaration = _(
            "I declare that: %(items)s. I understand that a false declaration cancels my place."
        ) % {
            "items": "; ".join(
                eligibility.RULES[c].label_text()
                for c in eligibility.programme_rules(programme)
                if c in eligibility.DECLARATION_RULES
            )
        }
    form = RegisterForm(
        data,
        priority_choices=eligibility.priority_groups_open(programme, facts),
        documents=documents,
        declaration=declaration,
        initial={"idempotency_key": uuid.uuid4().hex},
    )
    if not programme.asks_motivation:
        del form.fields["motivation"]
    return form


def wave_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A wave: its details, every eligibility rule met or not and why, and the one-step
    registration form (POST) for a signed-in job seeker."""
    wave = selectors.wave_public(pk)
    if wave is None or wave.programme.status != ProgrammeStatus.PUBLISHED:
        raise Http404
    is_seeker = request.user.is_authenticated and request.user.role == Role.JOB_SEEKER
    registration = selectors.registration_of_seeker(request.user, wave) if is_seeker else None
    facts = eligibility.facts_for(request.user, wave.programme) if is_seeker else None
    form = None
    if request.method == "POST":
        if not is_seeker:
            raise Http404
        form = _register_form(request, wave, facts, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.registration_create(
                    actor=request.user,
                    wave_id=wave.pk,
                    declared=bool(data.get("declared")),
                    priority_group=data.get("priority_group") or "",
                    priority_document_id=data.get("priority_document"),
                    motivation=data.get("motivation") or "",
                    idempotency_key=data.get("idempotency_key") or "",
                    ip_address=client_ip(request),
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("You are registered. Your draw id is on this page."))
                return redirect("training:mine")
    elif is_seeker and registration is None:
        form = _register_form(request, wave, facts)
    results = eligibility.evaluate(wave.programme, facts) if facts is not None else []
    return render(
        request,
        "training/wave.html",
        {
            "wave": wave,
            "programme": wave.programme,
            "sessions": wave.sessions.all(),
            "is_seeker": is_seeker,
            "results": results,
            "eligible": facts is not None
            and facts.has_profile
            and eligibility.all_met_or_declarable(results),
            "has_profile": bool(facts and facts.has_profile),
            "registration": registration,
            "open": services.registration_open_now(wave),
            "form": form,
            "rule_labels": _rule_labels(wave.programme),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _rule_labels(programme: Programme) -> list[str]:
    """The rules as text for visitors who are not signed in."""
    facts = eligibility.SeekerFacts()
    return [r.label for r in eligibility.evaluate(programme, facts)]


@seeker_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/mine.html",
        {"registrations": selectors.registrations_of_seeker(request.user), "now": timezone.now()},
    )


@require_POST
@seeker_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.registration_withdraw(
            actor=request.user, registration_id=pk, ip_address=client_ip(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your registration was withdrawn."))
    return redirect("training:mine")


@require_POST
@seeker_required
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.registration_confirm(
            actor=request.user, registration_id=pk, ip_address=client_ip(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your place is confirmed."))
    return redirect("training:mine")


def draw_index(request: HttpRequest) -> HttpResponse:
    return render(request, "training/draw_index.html", {"waves": selectors.draw_waves_public()})


def draw_page(request: HttpRequest, pk: int) -> HttpResponse:
    wave = selectors.draw_wave_public(pk)
    if wave is None:
        raise Http404
    record = services.draw_record_of(wave)
    mine = None
    if request.user.is_authenticated:
        mine = selectors.registration_of_seeker(request.user, wave)
    return render(
        request,
        "training/draw.html",
        {
            "wave": wave,
            "programme": wave.programme,
            "record": record,
            "replacements": selectors.wave_replacements(wave),
            "mine": mine,
            "json_url": absolute_url(reverse("training:draw_json", args=[wave.pk])),
        },
    )


def draw_json(request: HttpRequest, pk: int) -> HttpResponse:
    wave = selectors.draw_wave_public(pk)
    if wave is None:
        raise Http404
    record = services.draw_record_of(wave)
    record["replacements"] = [
        {
            "lapsed": r.lapsed.public_id,
            "replaced_by": r.replaced_by.public_id if r.replaced_by else None,
            "at": r.at.isoformat(),
        }
        for r in selectors.wave_replacements(wave)
    ]
    response = JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Cache-Control"] = "public, max-age=60"
    return response


# --- staff ----------------------------------------------------------------------------------


def _programme_or_404(request: HttpRequest, pk: int) -> Programme:
    programme = selectors.programme_for_office(request.user.office_id, pk)
    if programme is None:
        raise Http404
    return programme


def _wave_or_404(request: HttpRequest, pk: int) -> Wave:
    wave = selectors.wave_for_office(request.user.office_id, pk)
    if wave is None:
        raise Http404
    return wave


@staff_required
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/staff_list.html",
        {"programmes": selectors.programmes_for_office(request.user.office_id)},
    )


def _programme_initial(programme: Programme) -> dict[str, Any]:
    return {name: getattr(programme, name) for name in services.PROGRAMME_FIELDS}


@staff_required(roles=DECIDING_ROLES)
def staff_programme_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    programme = _programme_or_404(request, pk) if pk else None
    if request.method == "POST":
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            try:
                if programme is None:
                    programme = services.programme_create(
                        actor=request.user, data=form.cleaned_data, ip_address=client_ip(request)
                    )
                else:
                    services.programme_update(
                        actor=request.user,
                        programme_id=programme.pk,
                        data=form.cleaned_data,
                        ip_address=client_ip(request),
                    )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The programme is saved."))
                return redirect("training_staff:programme", pk=programme.pk)
    else:
        initial = (
            _programme_initial(programme)
            if programme
            else {"rules": ["age", "domicile", "active_card"], "has_certificate": True}
        )
        form = ProgrammeForm(initial=initial)
    return render(
        request,
        "training/staff_programme_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


@staff_required
def staff_programme(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    return render(
        request,
        "training/staff_programme.html",
        {
            "programme": programme,
            "waves": programme.waves.all(),
            "history": programme.history.select_related("actor"),
            "moves": sorted(PROGRAMME_ALLOWED.get(programme.status, ())),
        },
    )


@require_POST
@staff_required(roles=DECIDING_ROLES)
def staff_programme_move(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme_or_404(request, pk)
    try:
        services.programme_advance(
            actor=request.user,
            programme_id=programme.pk,
            to=request.POST.get("to", ""),
            note=request.POST.get("note", ""),
            ip_address=client_ip(request),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The programme's status is changed."))
    return redirect("training_staff:programme", pk=programme.pk)


@staff_required(roles=DECIDING_ROLES)
def staff_wave_form(
    request: HttpRequest, programme_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    wave = _wave_or_404(request, pk) if pk else None
    programme = wave.programme if wave else _programme_or_404(request, programme_pk)
    if request.method == "POST":
        form = WaveForm(request.POST)
        if form.is_valid():
            try:
                if wave is None:
                    wave = services.wave_create(
                        actor=request.user,
                        programme_id=programme.pk,
                        data=form.cleaned_data,
                        ip_address=client_ip(request),
                    )
                else:
                    services.wave_update(
                        actor=request.user,
                        wave_id=wave.pk,
                        data=form.cleaned_data,
                        ip_address=client_ip(request),
                    )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The wave is saved."))
                return redirect("training_staff:wave", pk=wave.pk)
    else:
        initial = (
            {name: getattr(wave, name) for name in services.WAVE_FIELDS if name != "number"}
            if wave
            else {"priority_quota": 0, "confirm_days": 3}
        )
        if wave:
            initial["opens_at"] = timezone.localtime(wave.opens_at)
            initial["closes_at"] = timezone.localtime(wave.closes_at)
        form = WaveForm(initial=initial)
    return render(
        request,
        "training/staff_wave_form.html",
        {"form": form, "programme": programme, "wave": wave},
        status=400 if form.errors else 200,
    )


MOVE_LABELS = {
    WaveStatus.PUBLISHED: _("Announce the wave"),
    WaveStatus.REGISTRATION_OPEN: _("Open registration"),
    WaveStatus.REGISTRATION_CLOSED: _("Close registration"),
    WaveStatus.SELECTED: _("Run the selection"),
    WaveStatus.RUNNING: _("Start the training"),
    WaveStatus.COMPLETED: _("Mark completed"),
    WaveStatus.CANCELLED: _("Cancel the wave"),
}


@staff_required
def staff_wave(
    request: HttpRequest, pk: int, session_form: SessionForm | None = None
) -> HttpResponse:
    wave = _wave_or_404(request, pk)
    moves = [(to, MOVE_LABELS[to]) for to in WAVE_ALLOWED.get(wave.status, ()) if to in MOVE_LABELS]
    moves.sort(key=lambda m: list(WaveStatus).index(m[0]))
    return render(
        request,
        "training/staff_wave.html",
        {
            "wave": wave,
            "programme": wave.programme,
            "sessions": wave.sessions.all(),
            "registrations": selectors.wave_registrations_for_office(wave),
            "history": wave.history.select_related("actor"),
            "replacements": selectors.wave_replacements(wave),
            "moves": moves,
            "session_form": session_form or SessionForm(),
            "scores_editable": wave.programme.asks_score and wave.drawn_at is None,
        },
        status=400 if session_form is not None else 200,
    )


@require_POST
@staff_required(roles=DECIDING_ROLES)
def staff_wave_move(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_or_404(request, pk)
    try:
        services.wave_advance(
            actor=request.user,
            wave_id=wave.pk,
            to=request.POST.get("to", ""),
            note=request.POST.get("note", ""),
            ip_address=client_ip(request),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The wave's status is changed."))
    return redirect("training_staff:wave", pk=wave.pk)


@require_POST
@staff_required(roles=DECIDING_ROLES)
def staff_session_add(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_or_404(request, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(actor=request.user, wave_id=wave.pk, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The session is added."))
            return redirect("training_staff:wave", pk=wave.pk)
    return staff_wave(request, pk, session_form=form)


@require_POST
@staff_required(roles=DECIDING_ROLES)
def staff_scores(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _wave_or_404(request, pk)
    saved = 0
    for registration in selectors.wave_registrations_for_office(wave).filter(
        status=RegistrationStatus.REGISTERED
    ):
        raw = request.POST.get(f"score_{registration.pk}", "").strip()
        if not raw:
            continue
        try:
            services.registration_score_set(
                actor=request.user, registration_id=registration.pk, score=raw
            )
        except DomainError as exc:
            messages.error(request, f"{registration.public_id}: {exc.message}")
        else:
            saved += 1
    messages.success(request, _("%(count)s scores saved.") % {"count": saved})
    return redirect("training_staff:wave", pk=wave.pk)
