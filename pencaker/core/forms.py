"""The one bridge from a service's ``DomainError`` to a Django form."""

from __future__ import annotations

from collections.abc import Mapping

from pencaker.core.errors import DomainError


class DomainErrorFormMixin:
    """Mix into a ``forms.Form``: ``form.add_domain_error(error)`` puts the error's field
    messages next to their fields, a message for a field the form does not have among the
    non-field errors, and the error's message there when it names no field.

    ``field_map`` renames service field names to form field names where they differ
    (e.g. ``{"village": "village_code"}``).
    """

    field_map: Mapping[str, str] = {}

    def add_domain_error(self, error: DomainError) -> None:
        fields = self.fields  # type: ignore[attr-defined]
        for name, messages in error.fields.items():
            name = self.field_map.get(name, name)
            target = name if name in fields else None
            for message in messages:
                self.add_error(target, message)  # type: ignore[attr-defined]
        if not error.fields:
            self.add_error(None, error.message)  # type: ignore[attr-defined]
