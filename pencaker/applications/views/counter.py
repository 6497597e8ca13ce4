"""Assisted registration at the counter (the service checks who may file it)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.permissions import staff_required
from pencaker.applications import assisted
from pencaker.applications.forms import AssistedRegistrationForm
from pencaker.applications.views._common import DECIDERS, _page_for
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.core.input_rules import multipart_refusal
from pencaker.core.links import absolute_url
from pencaker.documents.selectors import document_kind_labels, required_kinds_for_office


def _document_kinds(office) -> list[tuple[str, str]]:
    labels = document_kind_labels()
    return [(kind, labels[kind]) for kind in required_kinds_for_office(office)]


@staff_required
def assisted_registration(request):
    """The counter form: account, profile, documents and request for a walk-in citizen."""
    _page_for(request, DECIDERS)
    kinds = _document_kinds(request.user.office)
    if request.method == "POST":
        if refused := multipart_refusal(request):
            return refused
        form = AssistedRegistrationForm(request.POST, request.FILES, document_kinds=kinds)
        error = None
        if form.is_valid():
            data = form.cleaned_data
            try:
                application, _created = assisted.application_submit_assisted(
                    actor=request.user,
                    citizen=form.citizen(),
                    consent=data["consent"],
                    type=data["type"],
                    idempotency_key=data["idempotency_key"],
                    ip_address=client_ip(request),
                )
            except PermissionDenied as exc:
                raise Forbidden(exc.message) from exc
            except DomainError as exc:
                if exc.fields:
                    form.add_domain_error(exc)
                else:
                    error = exc
            else:
                if getattr(application, "slip_code", ""):
                    return _slip(request, application, application.slip_code)
                if application.applicant.email:
                    text = _(
                        "Account and request created. Tracking number: %(number)s. The citizen "
                        "gets an email to set their password."
                    )
                else:
                    text = _(
                        "Account and request created. Tracking number: %(number)s. The citizen "
                        "gets a code by SMS to choose their password."
                    )
                messages.success(request, text % {"number": application.tracking_number})
                return redirect("applications:review", pk=application.pk)
        return render(
            request,
            "applications/assisted.html",
            {"form": form, "error": error},
            status=400,
        )
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = AssistedRegistrationForm(document_kinds=kinds)
    return render(request, "applications/assisted.html", {"form": form, "error": None})


def _slip(request, application, code: str):
    """The printable slip with the one-time code: shown once, in this answer only (it is
    not stored in clear, so reloading does not show it again; ADR 0032)."""
    hours = settings.PENCAKER_COUNTER_CODE_HOURS
    response = render(
        request,
        "applications/assisted_slip.html",
        {
            "application": application,
            "code": code,
            "hours": hours,
            "attempts": settings.PENCAKER_PHONE_CODE_ATTEMPTS,
            "expires_at": timezone.now() + dt.timedelta(hours=hours),
            "phone": application.applicant.phone,
            "url": absolute_url(reverse("accounts:counter_password")),
            "office": application.office,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required
def counter_code_new(request, pk: int):
    """A new set-password code for a citizen registered without email (SMS or a slip)."""
    _page_for(request, DECIDERS)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    delivery = request.POST.get("code_delivery", "")
    try:
        application, code = assisted.counter_code_reissue(
            actor=request.user,
            application_id=pk,
            delivery=delivery,
            ip_address=client_ip(request),
        )
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("applications:review", pk=pk)
    if code:
        return _slip(request, application, code)
    messages.success(request, _("A new code was sent to the citizen by SMS."))
    return redirect("applications:review", pk=pk)
