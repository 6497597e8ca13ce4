"""The one domain error type. Views show it as a message; the API maps it to a status."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A business rule refused an action.

    ``code`` is stable (clients and tests match on it); ``message`` is user-facing and
    already translated; ``status`` is the HTTP status the API answers with;
    ``details`` carries structured data (e.g. the list of missing items).
    """

    status = 400

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = str(message)
        if status is not None:
            self.status = status
        self.details = details or {}


class PermissionDenied(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409
