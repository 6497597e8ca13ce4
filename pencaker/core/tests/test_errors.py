"""The error contract: field errors in ``DomainError.fields``, one form mixin, enums."""

from __future__ import annotations

import json

import pytest
from django import forms

from pencaker.core.audit import AuditAction
from pencaker.core.error_schema import error_body
from pencaker.core.errors import Conflict, CoreErrorCode, DomainError
from pencaker.core.forms import DomainErrorFormMixin


class NameForm(DomainErrorFormMixin, forms.Form):
    field_map = {"village": "village_code"}

    name = forms.CharField(required=False)
    village_code = forms.CharField(required=False)


def test_field_errors_travel_in_fields_and_not_in_details():
    error = DomainError("invalid", "Bad name", fields={"name": ["Too short"]}, details={"x": 1})
    assert error.fields == {"name": ["Too short"]}
    assert dict(error.details) == {"x": 1}
    assert json.loads(json.dumps(error.details)) == {"x": 1}


def test_the_older_details_fields_spelling_becomes_fields():
    error = DomainError("invalid", "Bad", details={"fields": {"name": ["Too short"]}, "y": 2})
    assert error.fields == {"name": ["Too short"]}
    assert dict(error.details) == {"y": 2}


def test_older_reads_of_field_errors_from_details_still_answer():
    error = DomainError("invalid", "Bad", fields={"nik": ["Wrong"]})
    assert error.details["fields"] == {"nik": ["Wrong"]}
    assert error.details["nik"] == ["Wrong"]
    assert "nik" in error.details and error.details.get("fields") == {"nik": ["Wrong"]}
    assert error.details == {}
    with pytest.raises(KeyError):
        error.details["other"]


def test_the_api_body_puts_field_errors_under_details_fields():
    error = Conflict("nik_taken", "Taken", fields={"nik": ["Taken"]}, details={"a": 1})
    body = error_body(error.code, error.message, fields=error.fields, details=error.details)
    assert body == {
        "code": "nik_taken",
        "message": "Taken",
        "details": {"a": 1, "fields": {"nik": ["Taken"]}},
    }
    plain = DomainError("x", "No fields")
    assert (
        error_body(plain.code, plain.message, fields=plain.fields, details=plain.details)["details"]
        == {}
    )


def test_form_mixin_puts_messages_on_fields_and_the_rest_on_the_form():
    form = NameForm(data={})
    assert form.is_valid()
    form.add_domain_error(
        DomainError(
            "invalid", "Bad", fields={"name": ["Short"], "village": ["Unknown"], "x": ["?"]}
        )
    )
    assert form.errors["name"] == ["Short"]
    assert form.errors["village_code"] == ["Unknown"]
    assert form.non_field_errors() == ["?"]


def test_form_mixin_shows_the_message_of_an_error_without_fields():
    form = NameForm(data={})
    assert form.is_valid()
    form.add_domain_error(DomainError("locked", "Try later"))
    assert form.non_field_errors() == ["Try later"]
    assert "name" not in form.errors


def test_error_codes_are_str_enums_with_the_old_values():
    error = Conflict(CoreErrorCode.INVALID_TRANSITION, "No")
    assert error.code == "invalid_transition"
    assert json.dumps({"code": error.code}) == '{"code": "invalid_transition"}'


def test_an_unknown_audit_action_fails_loudly():
    assert AuditAction("seekers.identity.updated") is AuditAction.SEEKERS_IDENTITY_UPDATED
    with pytest.raises(ValueError):
        AuditAction("seekers.identity.exploded")
