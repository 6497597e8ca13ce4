"""Fixtures for ops tests: real data made through the services (documents, submitted and
approved applications, an issued card with its signed PDF)."""

from __future__ import annotations

import pytest

from pencaker.applications.tests.conftest import REQUIRED_DOCUMENTS, jpeg_upload


@pytest.fixture(autouse=True)
def _card_data_dir(settings, tmp_path):
    """Signing material and QR keys in the test's own data folder."""
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    settings.SITE_URL = "http://testserver"
    signing._cache.clear()
    yield
    signing._cache.clear()


@pytest.fixture
def populated(office, user_factory):
    """Three job seekers with documents: one approved (card issued), one submitted, one
    with documents only. Returns a dict of what was made."""
    from pencaker.accounts.models import Role
    from pencaker.applications import services
    from pencaker.cards.models import Card
    from pencaker.documents.services import document_upload
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    office.letterhead_line1 = "PEMERINTAH KOTA PALEMBANG"
    office.letterhead_line2 = "DINAS TENAGA KERJA"
    office.signer_name = "Rina Pengantar, S.E."
    office.signer_nip = "198001012005011001"
    office.save()
    operator = user_factory(Role.OPERATOR, office=office)
    seekers = []
    for n in range(3):
        user = CompleteProfileFactory().user
        for kind in REQUIRED_DOCUMENTS:
            document_upload(
                actor=user,
                owner=user,
                kind=kind,
                uploaded_file=jpeg_upload(kind, colour=(40 * n, 90, 120)),
            )
        seekers.append(user)
    approved, _ = services.application_submit(actor=seekers[0], idempotency_key="k-0")
    services.application_claim(actor=operator, application_id=approved.pk)
    services.application_approve(actor=operator, application_id=approved.pk)
    submitted, _ = services.application_submit(actor=seekers[1], idempotency_key="k-1")
    card = Card.objects.filter(application=approved).first()
    if card is None:  # the approval's task did not run in this configuration
        from pencaker.cards.services import card_issue

        approved.refresh_from_db()
        card = card_issue(application=approved, actor=operator)
    return {"seekers": seekers, "operator": operator, "card": card, "submitted": submitted}
