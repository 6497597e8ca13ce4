"""The installation administrator's screen (/kantor/instalasi/, ADR 0031): the offices of
the installation and a form that adds one with its first admin dinas. TOTP is required
(``installation_admin_required``); the page lists names, codes, kinds and time zones only,
never an office's records."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pencaker.accounts.permissions import installation_admin_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.offices import forms, installation


@require_http_methods(["GET", "HEAD", "POST"])
@installation_admin_required
def offices(request):
    form = forms.OfficeCreateForm()
    status = 200
    if request.method == "POST":
        form = forms.OfficeCreateForm(request.POST)
        if form.is_valid():
            try:
                created = installation.office_create(
                    actor=request.user, ip_address=client_ip(request), **form.cleaned_data
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(
                    request,
                    _("%(office)s is added. A link to choose a password was sent to %(email)s.")
                    % {"office": created.office.name, "email": created.admin.email},
                )
                return redirect("offices:installation")
        status = 400
    return render(
        request,
        "offices/installation.html",
        {"form": form, "offices": installation.offices_of_installation()},
        status=status,
    )
