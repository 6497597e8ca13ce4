"""What every answer under /api/ shares, whichever layer produced it.

- ``Cache-Control: no-store`` on every API answer and on every page served to a signed-in
  person: profiles carry a NIK, and kiosks share browsers (``NoStoreMiddleware``).
- A refusal that did not come from the API's own handlers (Django's 404 for an unknown
  address, a 405, the 400 of a body Django could not read, a 500 page) is rewritten into
  the ``{code, message, details}`` shape (``ApiRefusalMiddleware``), so a client never
  parses HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from pencaker.api.errors import ApiErrorCode
from pencaker.core.error_schema import error_body
from pencaker.core.input_rules import is_api_request


def _refusal_for(status: int) -> tuple[str, str]:
    if status == 404:
        return ApiErrorCode.NOT_FOUND, _("There is no such address in the API.")
    if status == 405:
        return ApiErrorCode.METHOD_NOT_ALLOWED, _("This address does not accept this method.")
    if status == 413:
        return ApiErrorCode.REQUEST_TOO_LARGE, _("The data sent is too large.")
    if status >= 500:
        return ApiErrorCode.SERVER_ERROR, _(
            "Something went wrong on our side. Please try again in a moment."
        )
    return ApiErrorCode.BAD_REQUEST, _("This request cannot be read.")


class ApiRefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_api_request(request) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        code, message = _refusal_for(response.status_code)
        json_response = JsonResponse(
            error_body(code, message, fields={}, details={}), status=response.status_code
        )
        for header in ("Allow", "Retry-After"):
            if header in response:
                json_response[header] = response[header]
        return json_response


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if is_api_request(request) or getattr(user, "is_authenticated", False):
            patch_cache_control(response, no_store=True, private=True)
            response.headers.pop("Expires", None)
        return response
