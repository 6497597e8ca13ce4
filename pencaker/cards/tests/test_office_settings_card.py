"""A card issued after the admin dinas changes the letterhead and the signer on the office
settings screens prints the new values (read from the office at issue time, no restart)."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from pencaker.accounts.models import Role
from pencaker.cards.services import card_issue

pytestmark = pytest.mark.django_db


def _pdf_text(card) -> str:
    with card.pdf.open("rb") as handle:
        content = handle.read()
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def test_a_card_issued_after_the_change_uses_the_new_letterhead_and_signer(
    application_factory, operator, office, user_factory, staff_client_factory
):
    first = card_issue(application=application_factory(), actor=operator)
    assert "PEMERINTAH KOTA PALEMBANG" in _pdf_text(first)

    admin = staff_client_factory(user_factory(Role.ADMIN_DINAS, office=office))
    identity = admin.post(
        reverse("offices:settings_identity"),
        {
            "action": "save",
            "name": office.name,
            "letterhead_line1": "PEMERINTAH KOTA PRABUMULIH",
            "letterhead_line2": "DINAS TENAGA KERJA DAN TRANSMIGRASI",
            "address": "Jl. Jend. Sudirman No. 1",
        },
    )
    assert identity.status_code == 302
    signer = admin.post(
        reverse("offices:settings_signer"),
        {
            "signer_name": "Drs. Budi Santoso",
            "signer_nip": "197001011995031002",
            "signer_title": "Kepala Dinas",
        },
    )
    assert signer.status_code == 302

    # as the issuing task does: the application (and its office) read from the database
    from pencaker.applications.models import Application

    made = application_factory(type="new")
    application = Application.objects.select_related("office").get(pk=made.pk)
    second = card_issue(application=application, actor=operator)
    assert second.signer_name == "Drs. Budi Santoso"
    assert second.signer_nip == "197001011995031002"
    assert second.data["office"]["letterhead_line1"] == "PEMERINTAH KOTA PRABUMULIH"
    text = _pdf_text(second)
    assert "PEMERINTAH KOTA PRABUMULIH" in text
    assert "Drs. Budi Santoso" in text
    assert "NIP. 197001011995031002" in text
    assert "Kepala Dinas" in text
    # the card issued before keeps what it was signed with
    first.refresh_from_db()
    assert first.signer_name == "Rina Pengantar, S.E."
