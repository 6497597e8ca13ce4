"""Revocation pages: the office's list and request form (admin dinas), one revocation
with its evidence, confirmation and the objection decision (admin dinas, pimpinan), and
the holder's page with the objection form. Views parse, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import seeker_required, staff_required
from pencaker.cards import selectors, services
from pencaker.cards.choices import RevocationStatus
from pencaker.cards.forms import (
    ObjectionDecideForm,
    ObjectionForm,
    RevocationConfirmForm,
    RevocationRequestForm,
)
from pencaker.cards.services.revocation import CONFIRMING_ROLES
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, NotFound, PermissionDenied

REVOCATION_STAFF = (Role.ADMIN_DINAS, Role.PIMPINAN)


@staff_required(roles=REVOCATION_STAFF)
@require_http_methods(["GET", "POST"])
def revocation_list(request):
    """The office's revocations; an admin dinas asks for a new one here."""
    can_request = request.user.role == Role.ADMIN_DINAS
    form = RevocationRequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not can_request:
            raise Forbidden
        if form.is_valid():
            card = selectors.card_current_for_office(
                office_id=request.user.office_id, number=form.cleaned_data["number"]
            )
            if card is None:
                form.add_error("number", _("No card with this number was issued by your office."))
            else:
                try:
                    revocation = services.card_revocation_request(
                        actor=request.user,
                        card_id=card.pk,
                        reason=form.cleaned_data["reason"],
                        note=form.cleaned_data["note"],
                        evidence=form.cleaned_data["evidence"],
                        ip_address=client_ip(request),
                    )
                except DomainError as exc:
                    form.add_domain_error(exc)
                else:
                    messages.success(
                        request,
                        _(
                            "Revocation requested. A second administrator or the head of office must confirm it."
                        ),
                    )
                    return redirect("cards:revocation_detail", pk=revocation.pk)
        status = 400
    return render(
        request,
        "cards/revocations.html",
        {
            "form": form,
            "can_request": can_request,
            "revocations": selectors.revocations_for_office(request.user.office_id)[:200],
        },
        status=status,
    )


def _staff_revocation(request, pk: int):
    revocation = selectors.revocation_for_staff(user=request.user, revocation_id=pk)
    if revocation is None:
        raise Http404(_("This revocation was not found."))
    return revocation


def _detail(request, revocation, *, confirm_form=None, decide_form=None, status=200):
    user = request.user
    may_act = user.role in CONFIRMING_ROLES and revocation.requested_by_id != user.pk
    return render(
        request,
        "cards/revocation_detail.html",
        {
            "revocation": revocation,
            "confirm_form": confirm_form or RevocationConfirmForm(),
            "decide_form": decide_form or ObjectionDecideForm(),
            "can_confirm": may_act and revocation.status == RevocationStatus.REQUESTED,
            "can_decide": may_act and revocation.status == RevocationStatus.OBJECTED,
            "own_request": revocation.requested_by_id == user.pk,
        },
        status=status,
    )


@staff_required(roles=REVOCATION_STAFF)
@require_http_methods(["GET", "POST"])
def revocation_detail(request, pk: int):
    revocation = _staff_revocation(request, pk)
    if request.method != "POST":
        return _detail(request, revocation)
    action = request.POST.get("action")
    form_class = RevocationConfirmForm if action == "confirm" else ObjectionDecideForm
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if action == "confirm":
                services.card_revocation_confirm(
                    actor=request.user,
                    revocation_id=revocation.pk,
                    confirm=form.cleaned_data["decision"] == "confirm",
                    note=form.cleaned_data["note"],
                    ip_address=client_ip(request),
                )
                done = _("Decision recorded.")
            else:
                services.card_revocation_objection_decide(
                    actor=request.user,
                    revocation_id=revocation.pk,
                    uphold=form.cleaned_data["decision"] == "uphold",
                    note=form.cleaned_data["note"],
                    ip_address=client_ip(request),
                )
                done = _("The objection has been decided and the holder told.")
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise Forbidden(exc.message) from exc
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, done)
            return redirect("cards:revocation_detail", pk=revocation.pk)
    forms_ = {"confirm_form": form} if action == "confirm" else {"decide_form": form}
    return _detail(request, revocation, status=400, **forms_)


@staff_required(roles=REVOCATION_STAFF)
def revocation_evidence(request, pk: int):
    evidence = selectors.revocation_evidence_for_staff(user=request.user, evidence_id=pk)
    if evidence is None:
        raise Http404(_("This file was not found."))
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@seeker_required
@require_http_methods(["GET", "POST"])
def revocation_holder(request, pk: int):
    """The holder reads why the card was revoked and may object (once)."""
    revocation = selectors.revocation_for_holder(user=request.user, revocation_id=pk)
    if revocation is None:
        raise Http404(_("This revocation was not found."))
    form = ObjectionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.card_revocation_object(
                    actor=request.user,
                    revocation_id=revocation.pk,
                    text=form.cleaned_data["text"],
                    ip_address=client_ip(request),
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("Your objection has been sent to the office."))
                return redirect("cards:revocation_holder", pk=revocation.pk)
        status = 400
    return render(
        request,
        "cards/revocation_holder.html",
        {"revocation": revocation, "form": form, "can_object": revocation.status == "confirmed"},
        status=status,
    )
