"""The admin dinas's page of records moving between offices (ADR 0015)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import staff_required
from pencaker.applications import transfers as transfer_services
from pencaker.core.errors import DomainError
from pencaker.seekers.selectors import transfers_for_office

admin_required = staff_required(roles=[Role.ADMIN_DINAS])


@admin_required
def transfers(request):
    rows = list(transfers_for_office(office=request.user.office))
    return render(
        request,
        "applications/transfers.html",
        {
            "incoming": [t for t in rows if t.to_office_id == request.user.office_id],
            "outgoing": [t for t in rows if t.from_office_id == request.user.office_id],
        },
    )


@require_POST
@admin_required
def transfer_decide(request, pk: int):
    try:
        if request.POST.get("decision") == "accept":
            transfer_services.transfer_accept(actor=request.user, transfer_id=pk)
            messages.success(request, _("The record has moved to your office."))
        else:
            transfer_services.transfer_decline(
                actor=request.user, transfer_id=pk, note=request.POST.get("note", "")
            )
            messages.success(request, _("The transfer has been declined."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("applications:transfers")
