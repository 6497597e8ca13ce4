"""What the survey pages share: the staff request type, the message page, the period lookup."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pencaker.accounts.models import User
from pencaker.surveys import selectors

KIOSK_SESSION_KEY = "surveys_kiosk_office_id"
OFFICE_CODE_RE = re.compile(r"[0-9.]{1,13}")


class StaffRequest(HttpRequest):
    """A request that passed ``staff_required``: the user is a signed-in staff member."""

    user: User  # type: ignore[assignment]


def message_page(request: HttpRequest, title: str, text: str, status: int = 200) -> HttpResponse:
    return render(request, "surveys/message.html", {"title": title, "text": text}, status=status)


def staff_period(request: StaffRequest, pk: int):
    period = selectors.period_for_staff(user=request.user, pk=pk)
    if period is None:
        raise Http404
    return period
