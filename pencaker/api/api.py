"""The HTTP API under /api/v1 (django-ninja, OpenAPI 3.1 at /api/v1/openapi.json).

Every operation has an explicit, stable ``operation_id``: clients are generated from them.
Routers live in each app's ``api.py`` and are mounted here.
"""

from ninja import NinjaAPI

from pencaker.core.errors import DomainError

api = NinjaAPI(title="Pencaker API", version="1", urls_namespace="api")


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(
        request,
        {"code": exc.code, "message": exc.message, "details": exc.details},
        status=exc.status,
    )


api.add_router("/auth", "pencaker.accounts.api.router")
api.add_router("/documents", "pencaker.documents.api.router")
api.add_router("/profile", "pencaker.seekers.api.router")
api.add_router("/applications", "pencaker.applications.api.router")
api.add_router("/cards", "pencaker.cards.api.router")
