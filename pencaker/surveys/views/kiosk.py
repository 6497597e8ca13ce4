"""The kiosk at the office counter: a staff member starts it, respondents answer in turn."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pencaker.accounts.permissions import DECIDING_ROLES, staff_required
from pencaker.core.errors import DomainError
from pencaker.offices.models import Office
from pencaker.surveys import selectors, services
from pencaker.surveys.choices import Channel
from pencaker.surveys.forms import QuestionnaireForm
from pencaker.surveys.views.common import (
    KIOSK_SESSION_KEY,
    StaffRequest,
)


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def kiosk_start(request: StaffRequest) -> HttpResponse:
    """Staff hand the counter device over to the public: the staff session ends, and the
    new anonymous session only allows answering the office's questionnaire."""
    if request.method == "POST":
        office_id = request.user.office_id
        logout(request)
        request.session[KIOSK_SESSION_KEY] = office_id
        return redirect("surveys:kiosk")
    return render(request, "surveys/kiosk_start.html")


@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest) -> HttpResponse:
    office_id = request.session.get(KIOSK_SESSION_KEY)
    office = Office.objects.filter(pk=office_id).first() if office_id else None
    if office is None:
        return render(request, "surveys/kiosk_inactive.html", status=403)
    questions = selectors.questionnaire_for_office(office)
    form = QuestionnaireForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_record(
                actor=None,
                office=office,
                channel=Channel.KIOSK,
                answers=form.answers(),
                profile=form.profile(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Thank you! Your answers have been saved. The next person may begin.")
            )
            return redirect("surveys:kiosk")
    return render(
        request,
        "surveys/kiosk.html",
        {"form": form, "office": office},
        status=400 if form.errors else 200,
    )


@require_POST
def kiosk_stop(request: HttpRequest) -> HttpResponse:
    request.session.pop(KIOSK_SESSION_KEY, None)
    return redirect("accounts:login")
