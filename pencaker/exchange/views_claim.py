"""Citizen pages: an imported holder claims their account (works without JavaScript)."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pencaker.core.errors import DomainError
from pencaker.exchange import claim
from pencaker.exchange.errors import ExchangeErrorCode
from pencaker.exchange.forms import ClaimFinishForm, ClaimStartForm

_SESSION_KEY = "exchange_claim"


@require_http_methods(["GET", "POST"])
def claim_start(request) -> HttpResponse:
    form = ClaimStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim_id = claim.claim_start(
                nik=data["nik"],
                birth_date=data["birth_date"],
                email=data["email"] or "",
                phone=data["phone"],
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            request.session[_SESSION_KEY] = {
                "id": claim_id,
                "email": data["email"] or "",
                "phone": data["phone"],
            }
            return redirect("exchange:claim_finish")
    return render(
        request, "exchange/claim_start.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def claim_finish(request) -> HttpResponse:
    pending = request.session.get(_SESSION_KEY)
    if not pending:
        return redirect("exchange:claim_start")
    form = ClaimFinishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if not pending.get("id"):
                raise DomainError(
                    ExchangeErrorCode.CLAIM_CODE_WRONG,
                    _("The code is wrong or has expired. Ask for a new code."),
                    fields={"code": [_("The code is wrong or has expired.")]},
                )
            user = claim.claim_finish(
                claim_id=pending["id"],
                code=form.cleaned_data["code"],
                email=pending["email"],
                password=form.cleaned_data["password"],
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            request.session.pop(_SESSION_KEY, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("/")
    return render(
        request,
        "exchange/claim_finish.html",
        {"form": form, "email": pending.get("phone") or pending.get("email", "")},
        status=400 if form.errors else 200,
    )
