"""The HTTP API under /api/v1 (django-ninja, OpenAPI 3.1 at /api/v1/openapi.json).

Every operation has an explicit, stable ``operation_id``: clients are generated from them.
Routers live in each app's ``api.py`` and are mounted here. Every refusal answers
``{"code": ..., "message": ..., "details": {...}}``; field errors are ``details.fields``
(a map from field name to messages).
"""

from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from pencaker.api.errors import ApiErrorCode
from pencaker.core.error_schema import error_body
from pencaker.core.errors import DomainError

# The refusals the OpenAPI document lists for an operation, besides those it declares:
# every request passes the input rule (400), a secured one can lack or misuse its token
# (401, 403), and one with a path parameter can name something that is not there (404).
_REFUSALS = {
    "400": "The input cannot be used (a field, the body, a character).",
    "401": "No valid API token.",
    "403": "The token's user may not do this.",
    "404": "Not found, or not visible to this user.",
    "409": "The current state does not allow this.",
}


class PencakerAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        error_ref = {"$ref": "#/components/schemas/ErrorOut"}
        for path, item in schema["paths"].items():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                wanted = {"400"}
                if operation.get("security"):
                    wanted |= {"401", "403"}
                if "{" in path:
                    wanted.add("404")
                for status in sorted(wanted | (set(responses) & set(_REFUSALS))):
                    responses[status] = {
                        "description": responses.get(status, {}).get("description")
                        or _REFUSALS[status],
                        "content": {"application/json": {"schema": error_ref}},
                    }
        return schema


api = PencakerAPI(title="Pencaker API", version="1", urls_namespace="api")


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    """Every ``DomainError``: field errors under ``details.fields``, whatever the app."""
    return api.create_response(
        request,
        error_body(exc.code, exc.message, fields=exc.fields, details=exc.details),
        status=exc.status,
    )


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """Schema errors (a wrong JSON type, a missing field) answer in the same shape as every
    other refusal, field by field, instead of ninja's own 422 body."""
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        fields.setdefault(".".join(location) or "body", []).append(
            _("This value is missing or has the wrong type.")
        )
    return api.create_response(
        request,
        error_body(
            ApiErrorCode.INVALID_INPUT,
            _("Some fields are missing or have the wrong type."),
            fields=fields,
            details={},
        ),
        status=400,
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """ninja's own refusals (an unparseable body …) in the house shape."""
    if exc.status_code == 400:
        code, message = ApiErrorCode.INVALID_BODY, _("The body of the request is not valid JSON.")
    else:
        code, message = ApiErrorCode.BAD_REQUEST, _("This request cannot be read.")
    return api.create_response(
        request, error_body(code, message, fields={}, details={}), status=exc.status_code
    )


@api.exception_handler(RequestDataTooBig)
def request_too_large(request, exc: RequestDataTooBig):
    return api.create_response(
        request,
        error_body(
            ApiErrorCode.REQUEST_TOO_LARGE,
            _("The data sent is too large. Send less at once and try again."),
            fields={},
            details={},
        ),
        status=413,
    )


@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(TooManyFilesSent)
def too_many_fields(request, exc: Exception):
    return api.create_response(
        request,
        error_body(
            ApiErrorCode.TOO_MANY_FIELDS,
            _("Too many fields or files were sent at once."),
            fields={},
            details={},
        ),
        status=400,
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc: AuthenticationError):
    return api.create_response(
        request,
        error_body(
            ApiErrorCode.UNAUTHORIZED,
            _("Log in first: send your API token as 'Authorization: Bearer <token>'."),
            fields={},
            details={},
        ),
        status=401,
    )


api.add_router("/auth", "pencaker.accounts.api.router")
api.add_router("/documents", "pencaker.documents.api.router")
api.add_router("/employers", "pencaker.employers.api.router")
api.add_router("/profile", "pencaker.seekers.api.router")
api.add_router("/applications", "pencaker.applications.api.router")
api.add_router("/cards", "pencaker.cards.api.router")
api.add_router("/vacancies", "pencaker.vacancies.api.router")
api.add_router("/training", "pencaker.training.api.router")
api.add_router("/exchange", "pencaker.exchange.api.router")
api.add_router("/events", "pencaker.events.api.router")
api.add_router("/counter", "pencaker.counter.api.router")
api.add_router("/reports", "pencaker.reporting.api.router")
api.add_router("/matching", "pencaker.matching.api.router")
api.add_router("/complaints", "pencaker.complaints.api.router")
api.add_router("/offices", "pencaker.offices.api.router")
api.add_router("/info", "pencaker.info.api.router")
api.add_router("/training/running", "pencaker.training.api_running.router")
api.add_router("/certificates", "pencaker.training.api_running.certificates_router")
