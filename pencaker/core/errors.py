"""The one domain error type. Views show it as a message; the API maps it to a status.

The error contract (docs/adr/0013-one-error-contract.md):

- ``code`` is a member of the raising app's ``StrEnum`` (``SeekerErrorCode``,
  ``AccountErrorCode`` …, one ``errors.py`` per app); its value is the stable string
  clients and tests match on.
- ``fields`` is the one home of field errors: ``{field name: [messages]}``. Forms put them
  on their fields with ``pencaker.core.forms.DomainErrorFormMixin``; the API answers them
  under ``details.fields``.
- ``details`` carries any other structured data (the list of missing items, a limit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any


class CoreErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"
    INVALID_CHARACTERS = "invalid_characters"
    INVALID_TRANSITION = "invalid_transition"
    REQUEST_TOO_LARGE = "request_too_large"
    TOO_MANY_FIELDS = "too_many_fields"


class ErrorDetails(dict[str, Any]):
    """``DomainError.details``: a plain dict of the structured data of an error.

    Backward compatibility (kept on purpose, see ADR 0012): code and tests written before
    ``DomainError.fields`` read field errors as ``details["fields"]`` (accounts,
    applications) or ``details[<field>]`` (seekers). Those reads still answer from
    ``fields``, but the field errors are not items of this dict: iterating, comparing
    and serialising it gives only the real details.
    """

    def __init__(
        self, data: Mapping[str, Any] | None = None, fields: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(data or {})
        self._fields = fields if fields is not None else {}

    def __missing__(self, key: str) -> Any:
        fields = self.__dict__.get("_fields") or {}
        if key == "fields" and fields:
            return fields
        if key in fields:
            return fields[key]
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return (
            dict.__contains__(self, key)
            or (key == "fields" and bool(self._fields))
            or key in self._fields
        )

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[key] if key in self else default

    def __bool__(self) -> bool:
        return dict.__len__(self) > 0 or bool(self._fields)


def _field_messages(fields: Mapping[str, Sequence[Any] | Any] | None) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for name, messages in (fields or {}).items():
        if isinstance(messages, str) or not isinstance(messages, Sequence):
            messages = [messages]
        result[str(name)] = [str(m) for m in messages]
    return result


class DomainError(Exception):
    """A business rule refused an action.

    ``code`` is stable (clients and tests match on it; pass a member of the app's
    ``StrEnum``); ``message`` is user-facing and already translated; ``status`` is the HTTP
    status the API answers with; ``fields`` maps field names to their messages;
    ``details`` carries other structured data (e.g. the list of missing items).

    ``details={"fields": {...}}`` (the older spelling; no module of the tree uses it any
    more) is still accepted: its field errors become ``fields``.
    """

    status = 400

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int | None = None,
        details: Mapping[str, Any] | None = None,
        fields: Mapping[str, Sequence[Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.code: str = code
        self.message = str(message)
        if status is not None:
            self.status = status
        data = dict(details or {})
        legacy = data.pop("fields", None)
        if fields is None and isinstance(legacy, Mapping):
            fields = legacy
        elif legacy is not None:
            data["fields"] = legacy
        self.fields: dict[str, list[str]] = _field_messages(fields)
        self.details: dict[str, Any] = ErrorDetails(data, self.fields)


class PermissionDenied(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409
