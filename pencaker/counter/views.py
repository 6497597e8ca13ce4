"""Counter pages: book a number (citizens, no JavaScript needed), the ticket, the kiosk for
walk-ins, the staff queue, the waiting-room display and the day's figures."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pencaker.accounts.permissions import DECIDING_ROLES, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.counter import selectors, services
from pencaker.counter.choices import Service, Source
from pencaker.counter.forms import BookingForm, CallForm, KioskForm
from pencaker.offices.models import Office

KIOSK_SESSION_KEY = "counter_kiosk_office"
DISPLAY_REFRESH_SECONDS = 10
FIGURE_DAYS = 31


def _offices() -> list[Office]:
    return list(Office.objects.order_by("name"))


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    offices = _offices()
    chosen = next(
        (o for o in offices if o.code == (request.POST.get("office") or request.GET.get("kantor"))),
        offices[0] if offices else None,
    )
    if chosen is None:
        raise Http404
    days = selectors.bookable_days(chosen)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "contact": request.user.email}
    form = BookingForm(
        request.POST or None,
        offices=[(o.code, o.name) for o in offices],
        days=days,
        initial={**initial, "office": chosen.code},
    )
    if request.method == "POST" and form.is_valid():
        try:
            ticket, _created = services.ticket_book(
                office=chosen,
                service=form.cleaned_data["service"],
                day=form.cleaned_day(),
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                user=request.user,
                source=Source.ONLINE,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            return redirect(services.ticket_path(ticket))
    return render(
        request,
        "counter/book.html",
        {
            "form": form,
            "office": chosen,
            "days": days,
            "services": Service.choices,
            "settings": selectors.counter_settings(chosen),
        },
        status=400 if form.errors else 200,
    )


def ticket(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.ticket_by_token(token)
    if found is None:
        raise Http404
    return render(
        request,
        "counter/ticket.html",
        {"ticket": found, "settings": selectors.counter_settings(found.office)},
    )


def display(request: HttpRequest, code: str) -> HttpResponse:
    """The waiting-room TV: refreshes itself by a meta refresh (no JavaScript)."""
    office = get_object_or_404(Office, code=code)
    today = selectors.counter_calendar(office).local_date(timezone.now())
    called = selectors.called_for_display(office, today)
    return render(
        request,
        "counter/display.html",
        {
            "office": office,
            "current": called[0] if called else None,
            "earlier": called[1:],
            # ``?jeda=1`` pauses the refresh (WCAG 2.2.1: a person reading the screen on a
            # phone can stop it); the TV itself keeps refreshing.
            "paused": request.GET.get("jeda") == "1",
            "refresh": DISPLAY_REFRESH_SECONDS,
        },
    )


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def kiosk_start(request: HttpRequest) -> HttpResponse:
    """Staff hand a device to the public: the staff session ends, and the new anonymous
    session can only take numbers for this office (as the survey kiosk)."""
    if request.method == "POST":
        office_id = request.user.office_id
        logout(request)
        request.session[KIOSK_SESSION_KEY] = office_id
        return redirect("counter:kiosk")
    return render(request, "counter/kiosk_start.html")


@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest) -> HttpResponse:
    office_id = request.session.get(KIOSK_SESSION_KEY)
    office = Office.objects.filter(pk=office_id).first() if office_id else None
    if office is None:
        return render(request, "counter/kiosk_inactive.html", status=403)
    form = KioskForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued, _created = services.ticket_book(
                office=office,
                service=form.cleaned_data["service"],
                day=selectors.counter_calendar(office).local_date(timezone.now()),
                contact=form.cleaned_data["contact"],
                source=Source.KIOSK,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            form = KioskForm()
    return render(
        request,
        "counter/kiosk.html",
        {"form": form, "office": office, "issued": issued},
        status=400 if form.errors else 200,
    )


@require_POST
def kiosk_stop(request: HttpRequest) -> HttpResponse:
    request.session.pop(KIOSK_SESSION_KEY, None)
    return redirect("accounts:login")


@staff_required(roles=DECIDING_ROLES)
def queue(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    today = selectors.counter_calendar(office).local_date(timezone.now())
    return render(
        request,
        "counter/queue.html",
        {
            "office": office,
            "tickets": selectors.queue_for_office(office, today),
            "form": CallForm(initial={"desk": request.session.get("counter_desk", "")}),
            "today": today,
        },
    )


@staff_required(roles=DECIDING_ROLES)
@require_POST
def call_next(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the services."))
        return redirect("counter:queue")
    request.session["counter_desk"] = form.cleaned_data["desk"]
    try:
        called = services.queue_call_next(
            actor=request.user,
            service=form.cleaned_data["service"],
            desk=form.cleaned_data["desk"],
            ip_address=client_ip(request),
        )
    except DomainError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, _("Called %(code)s.") % {"code": called.code})
    return redirect("counter:queue")


@staff_required(roles=DECIDING_ROLES)
@require_POST
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.ticket_finish(
            actor=request.user,
            ticket_id=pk,
            status=request.POST.get("status", ""),
            ip_address=client_ip(request),
        )
    except DomainError as exc:
        if exc.status == 404:
            raise Http404 from None
        messages.error(request, exc.message)
    return redirect("counter:queue")


@staff_required
def figures(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    today = selectors.counter_calendar(office).local_date(timezone.now())
    start = today - dt.timedelta(days=FIGURE_DAYS - 1)
    return render(
        request,
        "counter/figures.html",
        {
            "office": office,
            "days": list(reversed(selectors.figures_by_day(office, start, today))),
            "total": selectors.figures_for_period(office, start, today),
            "start": start,
            "end": today,
        },
    )
