"""The API's one refusal body, as an OpenAPI schema (``pencaker.api`` writes it)."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

FIELDS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Field errors: a map from field name to its messages.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class ErrorOut(Schema):
    """``{"code": ..., "message": ..., "details": {...}}``; field errors are always
    ``details.fields``, other keys of ``details`` depend on the code."""

    code: str
    message: str
    details: dict[str, Any] = Field(
        default_factory=dict,
        json_schema_extra={"properties": {"fields": FIELDS_SCHEMA}},
    )


def error_body(
    code: str, message: str, *, fields: dict[str, list[str]], details: dict[str, Any]
) -> dict[str, Any]:
    """The body for a refusal: ``details`` plus, when there are any, ``details.fields``."""
    body_details = dict(details)
    if fields:
        body_details["fields"] = fields
    return {"code": str(code), "message": message, "details": body_details}
