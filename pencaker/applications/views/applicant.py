"""The applicant's pages: request, status, resubmit, withdraw."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pencaker.accounts.permissions import seeker_required
from pencaker.applications import answers, intake, request_types, selectors, services, sla
from pencaker.applications.forms import SubmitForm
from pencaker.applications.views._common import _not_found
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, NotFound

# --- applicant ---------------------------------------------------------------------------


@seeker_required
def start(request):
    """The checklist, the request form, and the person's earlier requests."""
    current = selectors.application_open_for(request.user)
    if current is not None:
        return redirect("applications:detail", tracking_number=current.tracking_number)
    types = request_types.application_types_for(request.user)
    form = SubmitForm(types=types)
    error = None
    if request.method == "POST":
        # All types are parsed so that a type that does not apply gets the service's reason.
        form = SubmitForm(request.POST)
        if form.is_valid():
            try:
                application, created = services.application_submit(
                    actor=request.user,
                    type=form.cleaned_data["type"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    ip_address=client_ip(request),
                )
            except DomainError as exc:
                error = exc
                form = SubmitForm(request.POST, types=types)
            else:
                if created:
                    messages.success(
                        request,
                        _("Your request has been sent. Tracking number: %(number)s")
                        % {"number": application.tracking_number},
                    )
                return redirect("applications:detail", tracking_number=application.tracking_number)
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    checklist = intake.applicant_checklist(request.user)
    return render(
        request,
        "applications/start.html",
        {
            "form": form,
            "checklist": checklist,
            "error": error,
            "past": selectors.applications_of(request.user)[:10],
        },
        status=400 if error is not None else 200,
    )


@require_GET
@seeker_required
def check(request):
    """Check your answers: what the request will send, section by section with a link to
    change each, and the send button (it posts to ``start``, the one submit endpoint)."""
    current = selectors.application_open_for(request.user)
    if current is not None:
        return redirect("applications:detail", tracking_number=current.tracking_number)
    types = request_types.application_types_for(request.user)
    chosen = request.GET.get("type", "")
    form = SubmitForm(types=types, initial={"type": chosen} if chosen in types else None)
    return render(
        request,
        "applications/check.html",
        {
            "form": form,
            "checklist": intake.applicant_checklist(request.user),
            "sections": answers.applicant_answers(request.user),
            "has_past": selectors.applications_of(request.user).exists(),
        },
    )


@seeker_required
def detail(request, tracking_number: str):
    try:
        application = selectors.application_for_applicant(request.user, tracking_number)
    except NotFound:
        return _not_found(request)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "timeline": selectors.application_timeline(application),
            "return_items": selectors.application_return_items(application)
            if application.status == "needs_changes"
            else [],
            "checklist": intake.applicant_checklist(request.user)
            if application.status == "needs_changes"
            else None,
            "sla": sla.sla_state(application),
        },
    )


def _applicant_action(request, tracking_number: str, action):
    try:
        application = selectors.application_for_applicant(request.user, tracking_number)
        action(application)
    except NotFound:
        return _not_found(request)
    except DomainError as exc:
        messages.error(request, exc.message)
        for item in exc.details.get("missing", []):
            messages.error(request, item["label"])
    return redirect("applications:detail", tracking_number=tracking_number)


@require_POST
@seeker_required
def resubmit(request, tracking_number: str):
    def act(application):
        services.application_resubmit(
            actor=request.user, application_id=application.pk, ip_address=client_ip(request)
        )
        messages.success(request, _("Your request has been sent again."))

    return _applicant_action(request, tracking_number, act)


@require_http_methods(["GET", "POST"])
@seeker_required
def withdraw(request, tracking_number: str):
    """GET asks to confirm (a page, so it works without JavaScript); POST withdraws."""
    if request.method == "GET":
        try:
            application = selectors.application_for_applicant(request.user, tracking_number)
        except NotFound:
            return _not_found(request)
        detail = reverse("applications:detail", args=[application.tracking_number])
        return render(
            request,
            "confirm.html",
            {
                "title": _("Withdraw request %(number)s?")
                % {"number": application.tracking_number},
                "text": _(
                    "The office stops checking it. To get the card later you send a new request."
                ),
                "button": _("Yes, withdraw my request"),
                "action_url": request.path,
                "cancel_url": detail,
            },
        )

    def act(application):
        services.application_withdraw(actor=request.user, application_id=application.pk)
        messages.success(request, _("Your request has been withdrawn."))

    return _applicant_action(request, tracking_number, act)


@require_POST
@seeker_required
def renew(request):
    """The renewal button of the holder's report page (lifecycle) submits a renewal."""
    try:
        application = services.renewal_request(
            actor=request.user, today=timezone.localdate(), ip_address=client_ip(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("lifecycle:home")
    messages.success(
        request,
        _("Your renewal request %(tracking)s has been sent. We will tell you when it is ready.")
        % {"tracking": application.tracking_number},
    )
    return redirect("lifecycle:home")
