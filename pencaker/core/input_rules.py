"""One input rule for pages and API: no NUL byte and no lone UTF-16 surrogate reaches a
view (path, query string, form fields, JSON body), on pages and in the API alike.

Neither has a use in a name, an address or a code, PostgreSQL cannot store a NUL and no
database stores a lone surrogate, so such input answered 500 deep inside a query. This
middleware answers it first with a 400 in the user's language: ``{code, message,
details}`` for anything under /api/, a page in the site's layout otherwise — for the
address (path, query string; a surrogate cannot occur there, Django decodes it as U+FFFD)
as for submitted form data. Multipart bodies are left to the views (their
upload handlers must be installed before the body is read): each view that takes
multipart/form-data (the upload pages and operations) calls ``multipart_refusal`` once the
body is parsed, which answers the same 400. Other forms are sent urlencoded by browsers
(refused here); sent as multipart, their fields refuse NUL as field errors.

It also answers the body limits (``DATA_UPLOAD_MAX_MEMORY_SIZE``,
``DATA_UPLOAD_MAX_NUMBER_FIELDS``, ``DATA_UPLOAD_MAX_NUMBER_FILES``) in the same shapes,
instead of Django's bare HTML 400 page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from pencaker.core.error_schema import error_body
from pencaker.core.errors import CoreErrorCode
from pencaker.core.text import has_forbidden_characters

API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _walk(value: Any, path: str) -> Iterator[str]:
    """The names of the places in a parsed JSON document that hold forbidden characters."""
    if isinstance(value, str):
        if has_forbidden_characters(value):
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if has_forbidden_characters(str(key)):
                yield path or "body"
            yield from _walk(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}.{index}" if path else str(index))


def _query_like(data: Any) -> Iterator[str]:
    for key, values in data.lists():
        if has_forbidden_characters(key) or any(has_forbidden_characters(v) for v in values):
            yield key


def _pairs(data: Any) -> Iterator[tuple[str, str]]:
    for key, values in data.lists():
        for value in values:
            yield key, value


def bad_fields(request: HttpRequest) -> list[str] | None:
    """The places holding a NUL or a lone surrogate (``path`` for the path), or None."""
    found: list[str] = []
    if has_forbidden_characters(request.path_info):
        found.append("path")
    found.extend(_query_like(request.GET))
    content_type = request.content_type or ""
    if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
        if content_type == "application/x-www-form-urlencoded":
            found.extend(_query_like(request.POST))
        elif content_type == "application/json" or content_type.endswith("+json"):
            try:
                document = json.loads(request.body or b"null")
            except ValueError:
                document = None  # unparseable: the API answers that itself
            found.extend(_walk(document, ""))
    return found or None


def refusal(
    request: HttpRequest,
    *,
    code: str,
    message: str,
    status: int,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    """A refusal before any view ran: JSON for the API, a page in the site's layout."""
    if is_api_request(request):
        return JsonResponse(
            error_body(code, message, fields=fields or {}, details={}), status=status
        )
    return render(request, "core/bad_request.html", {"message": message}, status=status)


def _invalid_characters(request: HttpRequest, found: list[str]) -> HttpResponse:
    message = _(
        "The data sent contains a character that cannot be used (an empty NUL "
        "character or a broken character). Remove it and try again."
    )
    return refusal(
        request,
        code=CoreErrorCode.INVALID_CHARACTERS,
        message=message,
        status=400,
        fields={name: [message] for name in found},
    )


def multipart_refusal(request: HttpRequest) -> HttpResponse | None:
    """The input rule for a multipart/form-data body, called by the view once its upload
    handlers are installed and it has read the body: the 400 refusal when a text field (name or value) holds a NUL
    or a lone surrogate, else None. A body that cannot be parsed is left to the view. File
    names are not refused: the documents checks sanitise them."""
    if request.method not in {"POST", "PUT", "PATCH"}:
        return None
    if not (request.content_type or "").startswith("multipart/"):
        return None
    try:
        found = list(_query_like(request.POST))
    except MultiPartParserError:
        return None  # the view answers an unreadable body itself
    return _invalid_characters(request, found) if found else None


class InputRulesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            found = bad_fields(request)
        except RequestDataTooBig:
            return refusal(
                request,
                code=CoreErrorCode.REQUEST_TOO_LARGE,
                message=_("The data sent is too large. Send less at once and try again."),
                status=413,
            )
        except (TooManyFieldsSent, TooManyFilesSent):
            return refusal(
                request,
                code=CoreErrorCode.TOO_MANY_FIELDS,
                message=_("Too many fields or files were sent at once."),
                status=400,
            )
        except SuspiciousOperation:
            return refusal(
                request,
                code=CoreErrorCode.BAD_REQUEST,
                message=_("This request cannot be read. Reload the page and try again."),
                status=400,
            )
        if found:
            return _invalid_characters(request, found)
        return self.get_response(request)
