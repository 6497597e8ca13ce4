"""Assisted registration at the counter (the service checks who may file it)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pencaker.accounts.permissions import staff_required
from pencaker.applications import assisted
from pencaker.applications.forms import AssistedRegistrationForm
from pencaker.applications.views._common import DECIDERS, _page_for
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.core.input_rules import multipart_refusal
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
                messages.success(
                    request,
                    _(
                        "Account and request created. Tracking number: %(number)s. The citizen "
                        "gets an email to set their password."
                    )
                    % {"number": application.tracking_number},
                )
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
