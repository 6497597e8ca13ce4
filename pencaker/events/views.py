"""Pages of the events app at /acara/: the public list and an event (no JavaScript
needed), registering and the seeker's ticket, the office's events and the check-in page
at the door (a form to type or paste the code; a phone camera that scans the QR opens the
same page with the ticket filled in), and the employer's report of a hire at a fair."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pencaker.accounts.permissions import DECIDING_ROLES, seeker_required, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.employers.choices import Status as OrganisationStatus
from pencaker.employers.models import Organisation
from pencaker.employers.selectors import organisation_verified_of
from pencaker.employers.views import employer_required
from pencaker.events import selectors, services, tickets
from pencaker.events.choices import EventKind
from pencaker.events.choices import RegistrationStatus as R
from pencaker.events.errors import EventErrorCode as E
from pencaker.events.forms import CheckinForm, EmployersForm, EventForm, FairHireForm
from pencaker.vacancies.choices import Status as VacancyStatus
from pencaker.vacancies.models import Vacancy


def event_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("jenis", "")
    kind = kind if kind in EventKind.values else ""
    return render(
        request,
        "events/list.html",
        {
            "events": selectors.event_list_public(kind=kind),
            "kind": kind,
            "kinds": EventKind.choices,
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get_public(pk)
    if event is None:
        raise Http404
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "registration": selectors.registration_of(request.user, event),
            "is_open": services.is_open(event),
            "idempotency_key": uuid.uuid4().hex,
        },
    )


@seeker_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        registration, _created = services.event_register(
            actor=request.user,
            event_id=pk,
            idempotency_key=request.POST.get("idempotency_key", ""),
            ip_address=client_ip(request),
        )
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from None
        messages.error(request, exc.message)
        return redirect("events:detail", pk=pk)
    if registration.status == R.WAITLISTED:
        messages.info(request, _("The event is full: you are on the waiting list."))
    else:
        messages.success(request, _("You are registered. Here is your ticket."))
    return redirect("events:ticket", pk=registration.pk)


@seeker_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/mine.html",
        {"registrations": selectors.registrations_of_seeker(request.user)},
    )


@seeker_required
def ticket(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.registration_of_seeker(request.user, pk)
    if registration is None:
        raise Http404
    qr = None
    if registration.status == R.REGISTERED:
        qr = tickets.qr_svg(
            registration,
            label=_("QR code of your ticket %(code)s") % {"code": registration.ticket_code},
        )
    return render(
        request,
        "events/ticket.html",
        {"registration": registration, "event": registration.event, "qr": qr},
    )


@seeker_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.registration_cancel(
            actor=request.user, registration_id=pk, ip_address=client_ip(request)
        )
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from None
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect("events:mine")


# --- Staff -----------------------------------------------------------------------------------


@staff_required
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/staff_list.html",
        {
            "events": selectors.events_for_office(request.user),
            "can_edit": request.user.role in DECIDING_ROLES,
        },
    )


def _input(form: EventForm) -> services.EventInput:
    return services.EventInput(**form.cleaned_data)


@staff_required(roles=DECIDING_ROLES)
def staff_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=request.user, data=_input(form), ip_address=client_ip(request)
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The event is published."))
            return redirect("events:staff_detail", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "events/staff_form.html", {"form": form}, status=status)


@staff_required(roles=DECIDING_ROLES)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for_staff(request.user, pk)
    if event is None:
        raise Http404
    initial = {
        name: getattr(event, name)
        for name in ("kind", "title", "description", "place", "online_link", "quota")
    }
    initial["starts_at"] = timezone.localtime(event.starts_at)
    initial["ends_at"] = timezone.localtime(event.ends_at)
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                actor=request.user, event_id=pk, data=_input(form), ip_address=client_ip(request)
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:staff_detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "events/staff_form.html", {"form": form, "event": event}, status=status)


def _employers_form(event, data=None) -> EmployersForm:
    organisations = Organisation.objects.filter(status=OrganisationStatus.VERIFIED).order_by(
        "legal_name"
    )
    vacancies = (
        Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, organisation__in=organisations)
        .select_related("organisation")
        .order_by("organisation__legal_name", "title")
    )
    rows = list(event.employers.all().prefetch_related("vacancies"))
    initial = {
        "organisations": [r.organisation_id for r in rows],
        "vacancies": [v.pk for r in rows for v in r.vacancies.all()],
    }
    return EmployersForm(data, initial=initial, organisations=organisations, vacancies=vacancies)


@staff_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for_staff(request.user, pk)
    if event is None:
        raise Http404
    return render(
        request,
        "events/staff_detail.html",
        {
            "event": event,
            "registrations": selectors.attendees(event),
            "employers": event.employers.select_related("organisation").prefetch_related(
                "vacancies"
            ),
            "hires": event.hires.select_related("organisation", "hire_report"),
            "employers_form": _employers_form(event),
            "can_edit": request.user.role in DECIDING_ROLES,
        },
    )


@staff_required(roles=DECIDING_ROLES)
@require_POST
def staff_employers(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_for_staff(request.user, pk)
    if event is None:
        raise Http404
    form = _employers_form(event, request.POST)
    if form.is_valid():
        try:
            services.event_employers_set(
                actor=request.user,
                event_id=pk,
                organisation_ids=[int(v) for v in form.cleaned_data["organisations"]],
                vacancy_ids=[int(v) for v in form.cleaned_data["vacancies"]],
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The employers of the event were saved."))
    else:
        messages.error(request, _("Choose verified employers and their published vacancies."))
    return redirect("events:staff_detail", pk=pk)


@staff_required
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """GET with ``?t=``: the phone's camera opened the QR link; the ticket is shown with a
    button to admit (a GET never changes anything). POST: check the ticket."""
    event = selectors.event_for_staff(request.user, pk)
    if event is None:
        raise Http404
    result = None
    status = 200
    if request.method == "POST":
        form = CheckinForm(request.POST)
        if form.is_valid():
            try:
                result = services.event_checkin(
                    actor=request.user,
                    event_id=pk,
                    code=form.cleaned_data["code"],
                    ip_address=client_ip(request),
                )
            except DomainError as exc:
                if exc.code == E.EVENT_NOT_FOUND:
                    raise Http404 from None
                form.add_domain_error(exc)
                status = 400
            else:
                form = CheckinForm()
                event = selectors.event_for_staff(request.user, pk)
        else:
            status = 400
    else:
        form = CheckinForm(initial={"code": request.GET.get("t", "")[:600]})
    return render(
        request,
        "events/checkin.html",
        {"event": event, "form": form, "result": result, "scanned": bool(request.GET.get("t"))},
        status=status,
    )


# --- Employers -------------------------------------------------------------------------------


@employer_required
def employer_events(request: HttpRequest, membership=None) -> HttpResponse:
    organisation = organisation_verified_of(request.user)
    events = selectors.events_of_employer(organisation) if organisation else []
    rows = [(event, selectors.attendees(event).filter(status=R.ATTENDED)) for event in events]
    return render(
        request,
        "events/employer_events.html",
        {"rows": rows, "form": FairHireForm(), "organisation": organisation},
    )


@employer_required
@require_POST
def employer_hire(request: HttpRequest, pk: int, membership=None) -> HttpResponse:
    form = FairHireForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("events:employer_events")
    try:
        services.fair_hire_report(
            actor=request.user,
            event_id=pk,
            registration_id=request.POST.get("registration", ""),
            position=form.cleaned_data["position"],
            start_date=form.cleaned_data["start_date"],
            employment_type=form.cleaned_data["employment_type"],
            today=timezone.localdate(),
            ip_address=client_ip(request),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        for errors in exc.fields.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(
            request, _("The hire was reported. The job seeker confirms it on their card page.")
        )
    return redirect("events:employer_events")
