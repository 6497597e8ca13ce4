"""The "card preview does not match" return reason reaches offices seeded before it
(data migration offices 0004) and new offices alike (issue 16)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from pencaker.offices.models import ReturnReason
from pencaker.offices.selectors import office_return_reasons

pytestmark = pytest.mark.django_db

migration = importlib.import_module("pencaker.offices.migrations.0004_return_reason_card_preview")


def test_an_office_seeded_before_gets_the_reason_before_other(office):
    office_return_reasons(office)
    ReturnReason.objects.filter(office=office, code="card_preview").delete()  # as before 0004
    migration.add_reason(apps, None)
    migration.add_reason(apps, None)  # running twice adds nothing twice
    codes = [r.code for r in office_return_reasons(office)]
    assert codes.count("card_preview") == 1
    assert codes.index("card_preview") == codes.index("other") - 1


def test_a_new_office_starts_with_it(office_factory):
    office = office_factory("32.10", "Dinas Tenaga Kerja Kabupaten Majalengka")
    assert "card_preview" in [r.code for r in office_return_reasons(office)]
