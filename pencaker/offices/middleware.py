"""Staff pages speak their office's time (ADR 0031): for a signed-in member of an office's
staff, the request runs in the office's time zone (WIB, WITA or WIT), so the times and
dates the staff pages show, and the "today" the staff views act on, are the office's.
Other requests keep the installation's ``TIME_ZONE``."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from pencaker.core.calendar import time_zone_get


class OfficeTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if not (
            user is not None
            and user.is_authenticated
            and getattr(user, "is_office_staff", False)
            and user.office_id
        ):
            return self.get_response(request)
        timezone.activate(time_zone_get(user.office.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
