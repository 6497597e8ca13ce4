"""The site's 400, 403, 404 and 500 answers: Indonesian pages in the site's layout, and the
API's JSON refusal body (``{code, message, details}``) for addresses under ``/api/``.

Wired in the root URLconf (``handler400`` …) and as ``CSRF_FAILURE_VIEW``.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from pencaker.core.error_schema import error_body

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


class PageErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    SERVER_ERROR = "server_error"


def _messages() -> dict[int, tuple[PageErrorCode, str, str]]:
    return {
        400: (
            PageErrorCode.BAD_REQUEST,
            _("The request could not be understood"),
            _("Something in the address or the form you sent is not valid. Go back and try again."),
        ),
        403: (
            PageErrorCode.FORBIDDEN,
            _("You may not open this page"),
            _(
                "Your account does not have access to this page, or the form had expired. "
                "Log in with the right account, or go back, reload the page and try again."
            ),
        ),
        404: (
            PageErrorCode.NOT_FOUND,
            _("Page not found"),
            _(
                "If you typed the address, check it. The page may have moved or the link "
                "may be old."
            ),
        ),
        500: (
            PageErrorCode.SERVER_ERROR,
            _("Sorry, something went wrong on our side"),
            _("Your data is safe. Try again in a few minutes."),
        ),
    }


def _answer(request: HttpRequest, status: int) -> HttpResponse:
    code, title, text = _messages()[status]
    if request.path.startswith(API_PREFIX):
        return JsonResponse(error_body(code, title, fields={}, details={}), status=status)
    context = {"status": status, "title": title, "text": text}
    if status == 500:
        # The page must not fail again: no session, user or database in its context.
        try:
            html = render_to_string("error_page.html", context)
        except Exception:  # noqa: BLE001 - a last resort when even the template fails
            logger.exception("the 500 page could not be rendered")
            html = f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{text}</p>"
        return HttpResponse(html, status=500)
    return render(request, "error_page.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _answer(request, 403)
