"""The operators' pages: queue, review, the decisions, the SLA dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import staff_required
from pencaker.applications import intake, selectors, services, sla
from pencaker.applications.forms import (
    NoteForm,
    QueueFilterForm,
    RejectForm,
    ReturnForm,
)
from pencaker.applications.views._common import DECIDERS, _not_found
from pencaker.cards import preview
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.documents.selectors import document_has_thumbnail
from pencaker.offices.selectors import office_calendar, office_return_reason_choices

# --- operator ----------------------------------------------------------------------------


@staff_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.application_queue_for_office(
        request.user.office_id,
        status=filters.get("status") or "",
        type=filters.get("type") or "",
        mine_for=request.user if filters.get("mine") else None,
    )[:200]
    calendar = office_calendar(request.user.office)
    items = [(a, sla.sla_state(a, calendar=calendar)) for a in rows]
    return render(
        request,
        "applications/queue.html",
        {"form": form, "items": items, "can_decide": request.user.role in DECIDERS},
    )


@staff_required
def review(request, pk: int):
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    return _render_review(request, application)


def _render_review(request, application, *, return_form=None, reject_form=None, status=200):
    items = intake.returnable_items(application)
    snapshot_profile = application.snapshot.get("profile") or {}
    return render(
        request,
        "applications/review.html",
        {
            "application": application,
            "profile": snapshot_profile,
            "snapshot": application.snapshot,
            "documents": [
                {
                    **d,
                    "label": intake.document_label(d["kind"]),
                    "thumbnail": document_has_thumbnail(d.get("content_type") or ""),
                }
                for d in application.documents
            ],
            "timeline": selectors.application_timeline(application),
            "sla": sla.sla_state(application),
            "duplicates": selectors.application_duplicate_nik(application),
            "nik_warnings": selectors.application_nik_warnings(application),
            "return_form": return_form
            or ReturnForm(items=items, reasons=office_return_reason_choices(application.office)),
            "reject_form": reject_form or RejectForm(),
            "note_form": NoteForm(),
            "is_mine": application.claimed_by_id == request.user.pk,
            "can_decide": request.user.role in DECIDERS
            and application.status == "in_review"
            and (
                application.claimed_by_id == request.user.pk
                or request.user.role == Role.ADMIN_DINAS
            ),
            "can_claim": request.user.role in DECIDERS and application.status == "submitted",
            "show_preview": application.status in PREVIEW_STATUSES,
        },
        status=status,
    )


#: The card preview is shown while the application waits for, or is in, review.
PREVIEW_STATUSES = frozenset({"submitted", "in_review"})


@staff_required
def card_preview(request, pk: int, side: str):
    """One side of the card as it will print (PNG), for staff of the application's office
    (another office's application: 404, as the review page)."""
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    if side not in preview.SIDES or application.status not in PREVIEW_STATUSES:
        return _not_found(request)
    try:
        image = preview.card_preview_images(application)[side]
    except preview.PreviewUnavailable as exc:
        raise Http404(_("The card preview cannot be drawn on this server.")) from exc
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


def _staff_action(request, pk: int, action, success: str):
    """Run one service call; the service checks who may do it (a refusal is the 403 page)."""
    try:
        application = selectors.application_for_staff(request.user, pk)
        action(application)
    except NotFound:
        return _not_found(request)
    except PermissionDenied as exc:
        raise Forbidden(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("applications:review", pk=pk)


@require_POST
@staff_required
def claim(request, pk: int):
    return _staff_action(
        request,
        pk,
        lambda a: services.application_claim(actor=request.user, application_id=a.pk),
        _("You are now checking this application."),
    )


@require_POST
@staff_required
def release(request, pk: int):
    return _staff_action(
        request,
        pk,
        lambda a: services.application_release(actor=request.user, application_id=a.pk),
        _("The application is back in the queue."),
    )


@require_POST
@staff_required
def approve(request, pk: int):
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _staff_action(
        request,
        pk,
        lambda a: services.application_approve(actor=request.user, application_id=a.pk, note=note),
        _("Approved. The applicant has been told by email."),
    )


@require_POST
@staff_required
def return_for_changes(request, pk: int):
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    form = ReturnForm(
        request.POST,
        items=intake.returnable_items(application),
        reasons=office_return_reason_choices(application.office),
    )
    if not form.is_valid():
        return _render_review(request, application, return_form=form, status=400)
    entries = [
        services.ReturnItemInput(code, reason, text)
        for code, reason, text in form.cleaned_data["chosen"]
    ]
    return _staff_action(
        request,
        pk,
        lambda a: services.application_return(
            actor=request.user,
            application_id=a.pk,
            items=entries,
            note=form.cleaned_data["note"],
        ),
        _("Returned to the applicant with the reasons you chose."),
    )


@require_POST
@staff_required
def reject(request, pk: int):
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _render_review(request, application, reject_form=form, status=400)
    return _staff_action(
        request,
        pk,
        lambda a: services.application_reject(
            actor=request.user,
            application_id=a.pk,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        ),
        _("Rejected. The applicant has been told by email."),
    )


@staff_required
def dashboard(request):
    return render(
        request,
        "applications/dashboard.html",
        {"months": selectors.application_sla_by_month(request.user.office)},
    )
