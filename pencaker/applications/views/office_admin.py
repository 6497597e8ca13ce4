"""The admin dinas's pages: the return reasons and reassigning an application."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import staff_required
from pencaker.accounts.selectors import staff_list_for_office
from pencaker.applications import selectors, services
from pencaker.applications.forms import (
    ReassignForm,
    ReturnReasonAddForm,
    ReturnReasonEditForm,
)
from pencaker.applications.views._common import DECIDERS, _not_found, _page_for
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.offices import selectors as office_selectors
from pencaker.offices import services as office_services


@staff_required(roles=[Role.ADMIN_DINAS])
def return_reasons(request):
    """The admin dinas keeps the office's list of reasons to return an application."""
    add_form = ReturnReasonAddForm(prefix="add")
    edit_errors: dict[int, ReturnReasonEditForm] = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                add_form = ReturnReasonAddForm(request.POST, prefix="add")
                if add_form.is_valid():
                    office_services.office_return_reason_create(
                        actor=request.user,
                        office=request.user.office,
                        label=add_form.cleaned_data["label"],
                    )
                    messages.success(request, _("The reason has been added."))
                    return redirect("applications:reasons")
            elif action == "update":
                try:
                    reason_id = int(request.POST.get("reason", ""))
                except ValueError:
                    reason_id = 0
                form = ReturnReasonEditForm(request.POST, prefix=f"r{reason_id}")
                if form.is_valid():
                    office_services.office_return_reason_update(
                        actor=request.user,
                        office=request.user.office,
                        reason_id=reason_id,
                        label=form.cleaned_data["label"],
                        active=form.cleaned_data["active"],
                    )
                    messages.success(request, _("The reason has been saved."))
                    return redirect("applications:reasons")
                edit_errors[reason_id] = form
            else:
                return HttpResponseNotAllowed(["GET", "POST"])
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("applications:reasons")
        status = 400
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    rows = []
    office = request.user.office
    for reason in office_selectors.office_return_reasons(office, active_only=False):
        form = edit_errors.get(reason.pk) or ReturnReasonEditForm(
            prefix=f"r{reason.pk}", initial={"label": reason.label, "active": reason.active}
        )
        rows.append((reason, form))
    return render(
        request,
        "applications/reasons.html",
        {"rows": rows, "add_form": add_form},
        status=status,
    )


@staff_required
def reassign(request, pk: int):
    """The admin dinas hands an application being checked to another operator of the office."""
    _page_for(request, {Role.ADMIN_DINAS})
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    operators = (
        staff_list_for_office(office_id=application.office_id)
        .filter(role__in=DECIDERS, is_active=True)
        .exclude(pk=application.claimed_by_id)
    )
    form = ReassignForm(request.POST or None, operators=operators)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_reassign(
                actor=request.user,
                application_id=application.pk,
                operator=form.cleaned_data["operator"],
            )
        except PermissionDenied as exc:
            raise Forbidden(exc.message) from exc
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            chosen = form.cleaned_data["operator"]
            name = chosen.full_name or chosen.email
            messages.success(
                request, _("%(name)s is now checking this application.") % {"name": name}
            )
            return redirect("applications:review", pk=application.pk)
    return render(
        request,
        "applications/reassign.html",
        {
            "application": application,
            "form": form,
            "can_reassign": application.status == "in_review",
        },
        status=400 if form.errors else 200,
    )
