"""A staff (or installation administrator) session that has passed only the password step reaches the two-factor page
and logout, nothing else (the password-change page included): a stolen staff password
alone opens nothing. Token-authenticated API requests are not session-based and pass.

Any other request of such a session is sent to the two-factor page: a write (POST …)
before any view runs; a read after its view answered, when that answer is a page (2xx),
so that the views' own refusals (403 for a job-seeker page, 404, their own redirect to
the two-factor page) stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from pencaker.accounts.models import TOTP_ROLES

_ALWAYS_OPEN = ("/static/", "/api/", "/i18n/", "/healthz", "/readyz")
_READS = {"GET", "HEAD", "OPTIONS"}


def _password_step_only(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(
        user is not None
        and user.is_authenticated
        and user.role in TOTP_ROLES
        and not user.is_verified()
    )


class StaffTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _password_step_only(request):
            return self.get_response(request)
        path = request.path_info
        two_factor = reverse("accounts:two_factor")
        if path in (two_factor, reverse("accounts:logout")) or path.startswith(_ALWAYS_OPEN):
            return self.get_response(request)
        if request.method not in _READS:
            return HttpResponseRedirect(two_factor)
        response = self.get_response(request)
        if 200 <= response.status_code < 300:
            return HttpResponseRedirect(two_factor)
        return response
