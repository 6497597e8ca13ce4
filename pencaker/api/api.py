"""The HTTP API under /api/v1 (django-ninja, OpenAPI 3.1 at /api/v1/openapi.json).

Every operation has an explicit, stable ``operation_id``: clients are generated from them.
Routers live in each app's ``api.py`` and are mounted here. Every refusal answers
``{"code": ..., "message": ..., "details": {...}}``; field errors are ``details.fields``
(a map from field name to messages).
"""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from pencaker.api.errors import ApiErrorCode
from pencaker.core.error_schema import error_body
from pencaker.core.errors import DomainError

api = NinjaAPI(title="Pencaker API", version="1", urls_namespace="api")


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
