"""Pages of running a wave: the participant's page (attendance, certificate, rating,
allowance schedule, surveys; no JavaScript needed), the QR attendance page, the staff's
attendance and completion screens (phone-friendly), the programme report and the
treasurer's CSV, and the public certificate check at /sertifikat/cek/."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import seeker_required, staff_required
from pencaker.core.errors import DomainError
from pencaker.core.links import absolute_url
from pencaker.training import allowances, running_report, services_running
from pencaker.training.choices import RegistrationStatus as R
from pencaker.training.models import Programme, Registration, TrainingSession, Wave
from pencaker.training.models_running import FollowUp

STAFF_ROLES = (Role.OPERATOR, Role.ADMIN_DINAS)
READ_ROLES = (Role.OPERATOR, Role.ADMIN_DINAS, Role.PIMPINAN)


def _qr_svg(url: str, label: str) -> SafeString:
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="attendance-qr", lineclass=None
    )
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(labelled)  # noqa: S308 - segno's own path data and an escaped label


# --- participant -----------------------------------------------------------------------------


def _own(request: HttpRequest, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related("wave__programme__office")
        .filter(pk=pk, seeker=request.user, status__in=services_running.PARTICIPATING)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


@seeker_required
def participation(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    wave = registration.wave
    sessions = list(wave.sessions.all())
    present = set(registration.attendance.filter(present=True).values_list("session_id", flat=True))
    outcome = getattr(registration, "outcome", None)
    return render(
        request,
        "training/running/participation.html",
        {
            "registration": registration,
            "wave": wave,
            "programme": wave.programme,
            "sessions": [(s, s.pk in present) for s in sessions],
            "percent": services_running.attendance_percent(registration, len(sessions)),
            "rule": services_running.rule_for(wave.programme),
            "outcome": outcome,
            "certificate": getattr(registration, "certificate", None),
            "instalments": list(registration.instalments.all()),
            "follow_ups": list(registration.follow_ups.all()),
            "can_rate": registration.status in {R.COMPLETED, R.DROPPED_OUT}
            and (outcome is None or outcome.rated_at is None),
        },
    )


@seeker_required
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _own(request, pk)
    certificate = getattr(registration, "certificate", None)
    if certificate is None:
        raise Http404
    response = HttpResponse(bytes(certificate.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{certificate.number}.pdf"'
    return response


@require_POST
@seeker_required
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services_running.training_rate(
            actor=request.user,
            registration_id=pk,
            rating=request.POST.get("rating"),
            comment=request.POST.get("comment", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you for rating the training."))
    return redirect("training_running:participation", pk)


@seeker_required
def attend(request: HttpRequest, token: str) -> HttpResponse:
    """The page the session's QR opens: one button records the participant's presence."""
    error = ""
    session = None
    try:
        session = services_running.attendance_qr_session(token)
    except DomainError as exc:
        error = exc.message
    if request.method == "POST" and session is not None:
        try:
            row = services_running.attendance_scan(actor=request.user, token=token)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your presence is recorded. Welcome!"))
            return redirect("training_running:participation", row.registration_id)
    return render(
        request,
        "training/running/attend.html",
        {"session": session, "error": error},
        status=400 if error else 200,
    )


@seeker_required
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    row = (
        FollowUp.objects.select_related("registration__wave__programme")
        .filter(pk=pk, registration__seeker=request.user)
        .first()
    )
    if row is None:
        raise Http404
    errors: dict[str, list[str]] = {}
    error = ""
    if request.method == "POST" and row.answered_at is None:
        try:
            services_running.follow_up_answer(
                actor=request.user,
                follow_up_id=row.pk,
                working=request.POST.get("working"),
                using_skill=request.POST.get("using_skill"),
                comment=request.POST.get("comment", ""),
            )
        except DomainError as exc:
            errors = dict(exc.fields or {})
            error = "" if errors else exc.message
        else:
            messages.success(request, _("Thank you for your answers."))
            return redirect("training_running:participation", row.registration_id)
    return render(
        request,
        "training/running/follow_up.html",
        {
            "row": row,
            "programme": row.registration.wave.programme,
            "errors": errors,
            "error": error,
        },
        status=400 if errors or error else 200,
    )


# --- staff -----------------------------------------------------------------------------------


def _staff_wave(request: HttpRequest, pk: int) -> Wave:
    wave = (
        Wave.objects.select_related("programme")
        .filter(pk=pk, programme__office_id=request.user.office_id)
        .first()
    )
    if wave is None:
        raise Http404
    return wave


@staff_required(roles=READ_ROLES)
def staff_wave(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _staff_wave(request, pk)
    sessions = list(wave.sessions.all())
    participants = list(
        wave.registrations.filter(status__in=services_running.PARTICIPATING)
        .select_related("seeker__seeker_profile", "outcome")
        .order_by("rank", "pk")
    )
    rows = [
        (r, services_running.attendance_percent(r, len(sessions)), getattr(r, "outcome", None))
        for r in participants
    ]
    return render(
        request,
        "training/running/staff_wave.html",
        {
            "wave": wave,
            "programme": wave.programme,
            "sessions": sessions,
            "rows": rows,
            "rule": services_running.rule_for(wave.programme),
            "can_complete": wave.status == "running" and request.user.role in STAFF_ROLES,
        },
    )


@staff_required(roles=STAFF_ROLES)
def staff_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = (
        TrainingSession.objects.select_related("wave__programme")
        .filter(pk=pk, wave__programme__office_id=request.user.office_id)
        .first()
    )
    if session is None:
        raise Http404
    if request.method == "POST":
        ids: set[int] = set()
        for value in request.POST.getlist("present"):
            if value.isdigit():
                ids.add(int(value))
        try:
            counts = services_running.attendance_mark(
                actor=request.user, session_id=session.pk, present_ids=ids
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Attendance saved: %(present)s present, %(absent)s absent.") % counts
            )
            return redirect("training_running_staff:session", session.pk)
    participants = list(
        session.wave.registrations.filter(status=R.CONFIRMED)
        .select_related("seeker__seeker_profile")
        .order_by("rank", "pk")
    )
    present = set(session.attendance.filter(present=True).values_list("registration_id", flat=True))
    url = absolute_url(
        reverse("training_running:attend", args=[services_running.attendance_qr_token(session)])
    )
    return render(
        request,
        "training/running/staff_session.html",
        {
            "session": session,
            "wave": session.wave,
            "rows": [(r, r.pk in present) for r in participants],
            "qr": _qr_svg(url, _("QR code for attendance")),
            "qr_url": url,
            "qr_minutes": services_running.qr_max_age() // 60,
        },
    )


@require_POST
@staff_required(roles=STAFF_ROLES)
def staff_complete(request: HttpRequest, pk: int) -> HttpResponse:
    wave = _staff_wave(request, pk)
    scores: dict[int, Any] = {}
    dropped: dict[int, str] = {}
    for key, value in request.POST.items():
        if key.startswith("score_") and key[6:].isdigit() and value.strip():
            scores[int(key[6:])] = value.strip()
        if key.startswith("drop_") and key[5:].isdigit():
            dropped[int(key[5:])] = request.POST.get(f"reason_{key[5:]}", "")
    try:
        decisions = services_running.wave_complete(
            actor=request.user, wave_id=wave.pk, scores=scores, dropped=dropped
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        done = sum(1 for d in decisions if d.status == R.COMPLETED)
        messages.success(
            request,
            _("Completion decided: %(done)s completed, %(dropped)s did not complete.")
            % {"done": done, "dropped": len(decisions) - done},
        )
    return redirect("training_running_staff:wave", wave.pk)


def _staff_programme(request: HttpRequest, pk: int) -> Programme:
    programme = Programme.objects.filter(pk=pk, office_id=request.user.office_id).first()
    if programme is None:
        raise Http404
    return programme


@staff_required(roles=READ_ROLES)
def staff_report(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _staff_programme(request, pk)
    return render(
        request,
        "training/running/staff_report.html",
        {"programme": programme, "report": running_report.programme_report(programme)},
    )


@staff_required(roles=READ_ROLES)
def staff_allowance_csv(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _staff_programme(request, pk)
    response = HttpResponse(
        allowances.treasurer_csv(programme=programme), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="tunjangan-program-{programme.pk}.csv"'
    return response


# --- public ----------------------------------------------------------------------------------


def certificate_verify(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    result = services_running.certificate_check(query) if query.strip() else None
    return render(
        request, "training/running/verify.html", {"query": query[:2000], "result": result}
    )


def certificate_verify_token(request: HttpRequest, token: str) -> HttpResponse:
    result = services_running.certificate_check(token)
    return render(request, "training/running/verify.html", {"query": "", "result": result})
