"""Thin views: the holder's report page (report, placement, renewal, timeline) and the
operator's view of one card (counter report, placement, timeline), office settings."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import DECIDING_ROLES, seeker_required, staff_required
from pencaker.cards.choices import CardStatus
from pencaker.core.errors import DomainError
from pencaker.lifecycle import corrections, disputes, selectors, services
from pencaker.lifecycle.choices import ReportOutcome
from pencaker.lifecycle.forms import (
    CounterReportForm,
    DisputeForm,
    DisputeResolveForm,
    PlacementForm,
    ReportForm,
    SettingsForm,
)
from pencaker.offices.selectors import office_lifecycle_settings, office_today
from pencaker.offices.services import office_lifecycle_settings_update


def _today(card) -> dt.date:
    """The day in the time zone of the card's office (ADR 0031); Jakarta without a card."""
    return office_today(card.office if card is not None else None)


@seeker_required
def home(request):
    card = selectors.card_current_for_holder(request.user)
    today = _today(card)
    state = selectors.report_state(card, today) if card else None
    form = ReportForm(request.POST or None) if state and state.open_slot else None
    if request.method == "POST" and form is not None and card is not None:
        if form.is_valid():
            outcome = form.cleaned_data["outcome"]
            try:
                services.report_record(
                    actor=request.user,
                    card_number=card.number,
                    outcome=outcome,
                    today=today,
                    placement=form.placement() if outcome == ReportOutcome.EMPLOYED else None,
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                if outcome == ReportOutcome.EMPLOYED:
                    messages.success(
                        request,
                        _("Thank you! Your new job is recorded and your card is updated."),
                    )
                else:
                    messages.success(
                        request, _("Thank you! Your report is recorded and your card is updated.")
                    )
                return redirect("lifecycle:home")
    elif request.method == "POST":
        messages.error(request, _("There is no report to make on this card now."))
        return redirect("lifecycle:home")
    return render(
        request,
        "lifecycle/home.html",
        {
            "card": card,
            "state": state,
            "form": form,
            "can_renew": services.renewal_eligible(card, today),
            "can_place": card is not None and card.status == CardStatus.ACTIVE,
            "can_correct": card is not None
            and card.status == CardStatus.PLACED
            and corrections.holder_may_correct(card_number=card.number, today=today),
            "timeline": selectors.timeline_for_holder(request.user),
            "today": today,
            "dispute": disputes.dispute_of_holder(request.user),
            "dispute_form": DisputeForm() if disputes.holder_may_dispute(request.user) else None,
            "holder_actions": selectors.holder_actions(request.user),
        },
    )


@seeker_required
def placement_dispute(request):
    if not disputes.holder_may_dispute(request.user):
        messages.error(request, _("Only a job reported by an employer can be disputed here."))
        return redirect("lifecycle:home")
    form = DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            disputes.dispute_open(
                actor=request.user, reason=form.cleaned_data["reason"], today=timezone.localdate()
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Your dispute is sent. The office will tell you."))
            return redirect("lifecycle:home")
    return render(request, "lifecycle/placement_dispute.html", {"form": form})


@seeker_required
def placement(request):
    card = selectors.card_current_for_holder(request.user)
    today = _today(card)
    if card is None or card.status != CardStatus.ACTIVE:
        messages.error(request, _("You need a valid card to report a new job here."))
        return redirect("lifecycle:home")
    form = PlacementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_record(
                actor=request.user, card_number=card.number, placement=form.placement(), today=today
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(
                request, _("Thank you! Your new job is recorded and your card is updated.")
            )
            return redirect("lifecycle:home")
    return render(request, "lifecycle/placement.html", {"form": form, "card": card})


# --- Staff -------------------------------------------------------------------------------------


@staff_required
def staff_card(request):
    number = (request.GET.get("nomor") or "").strip()[:30]
    card = selectors.card_current_for_staff(user=request.user, number=number) if number else None
    if number and card is None:
        messages.error(request, _("No card with this number in your office. Check the number."))
    today = _today(card)
    context = {"number": number, "card": card, "today": today}
    if card is not None:
        context.update(
            state=selectors.report_state(card, today),
            timeline=selectors.timeline_for_holder(card.holder),
            can_record=request.user.role in DECIDING_ROLES,
            disputes=disputes.disputes_open_for_card(card_number=card.number),
            resolve_form=DisputeResolveForm(),
        )
    return render(request, "lifecycle/staff_card.html", context)


def _staff_card_or_404(request, number: str):
    card = selectors.card_current_for_staff(user=request.user, number=number)
    if card is None:
        raise Http404
    return card


@staff_required(roles=DECIDING_ROLES)
def staff_report(request, number: str):
    card = _staff_card_or_404(request, number)
    today = _today(card)
    state = selectors.report_state(card, today)
    form = CounterReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        try:
            services.report_record(
                actor=request.user,
                card_number=card.number,
                outcome=outcome,
                today=today,
                placement=form.placement() if outcome == ReportOutcome.EMPLOYED else None,
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The report is recorded and the card re-issued."))
            return redirect(f"{_staff_url()}?nomor={card.number}")
    return render(
        request, "lifecycle/staff_report.html", {"form": form, "card": card, "state": state}
    )


@staff_required(roles=DECIDING_ROLES)
def staff_placement(request, number: str):
    card = _staff_card_or_404(request, number)
    form = PlacementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_record(
                actor=request.user,
                card_number=card.number,
                placement=form.placement(),
                today=_today(card),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The new job is recorded and the card re-issued."))
            return redirect(f"{_staff_url()}?nomor={card.number}")
    return render(request, "lifecycle/staff_placement.html", {"form": form, "card": card})


def _correction_form(request, card):
    current = corrections.placement_current(card.number)
    initial = {}
    if current is not None:
        initial = {
            "employer": current.employer,
            "position": current.position,
            "sector": current.sector,
            "start_date": current.start_date,
            "area": current.area,
        }
    return PlacementForm(request.POST or None, initial=initial)


def _correct(request, card, form) -> bool:
    try:
        corrections.placement_correct(
            actor=request.user,
            card_number=card.number,
            placement=form.placement(),
            today=_today(card),
        )
    except DomainError as exc:
        for name, field_messages in exc.fields.items():
            form.add_error(name if name in form.fields else None, field_messages)
        if not exc.fields:
            form.add_error(None, exc.message)
        return False
    messages.success(request, _("The job is corrected and the card re-issued."))
    return True


@seeker_required
def placement_correct(request):
    card = selectors.card_current_for_holder(request.user)
    if card is None or card.status != "placed":
        messages.error(
            request, _("No job is recorded on your card, so there is nothing to correct.")
        )
        return redirect("lifecycle:home")
    form = _correction_form(request, card)
    if request.method == "POST" and form.is_valid() and _correct(request, card, form):
        return redirect("lifecycle:home")
    return render(
        request,
        "lifecycle/placement_correct.html",
        {"form": form, "card": card, "back": reverse("lifecycle:home")},
    )


@staff_required(roles=DECIDING_ROLES)
def staff_placement_correct(request, number: str):
    card = _staff_card_or_404(request, number)
    form = _correction_form(request, card)
    back = f"{_staff_url()}?nomor={card.number}"
    if request.method == "POST" and form.is_valid() and _correct(request, card, form):
        return redirect(back)
    return render(
        request, "lifecycle/placement_correct.html", {"form": form, "card": card, "back": back}
    )


@staff_required(roles=DECIDING_ROLES)
def staff_dispute_resolve(request, number: str, pk: int):
    card = _staff_card_or_404(request, number)
    dispute = next(
        (d for d in disputes.disputes_open_for_card(card_number=card.number) if d.pk == pk), None
    )
    if dispute is None:
        raise Http404
    form = DisputeResolveForm(request.POST or None)
    back = f"{_staff_url()}?nomor={card.number}"
    if request.method == "POST" and form.is_valid():
        try:
            disputes.dispute_resolve(
                actor=request.user,
                dispute_id=dispute.pk,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                today=_today(card),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The dispute is resolved and the holder is told."))
            return redirect(back)
    return render(
        request,
        "lifecycle/staff_dispute.html",
        {"form": form, "card": card, "dispute": dispute, "back": back},
    )


def _staff_url() -> str:
    return reverse("lifecycle:staff_card")


@staff_required(roles=[Role.ADMIN_DINAS])
def staff_settings(request):
    office = request.user.office
    current = office_lifecycle_settings(office)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            office_lifecycle_settings_update(actor=request.user, office=office, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The reporting rules are saved."))
            return redirect("lifecycle:staff_settings")
    return render(request, "lifecycle/staff_settings.html", {"form": form})
