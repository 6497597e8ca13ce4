"""The SIM (instead of the KTP), the birth certificate and the family card are kinds an
office configures, checked like every other document (issue 16, Majalengka)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from pencaker.accounts.models import Role
from pencaker.core.errors import DomainError
from pencaker.documents.choices import DocumentKind
from pencaker.documents.selectors import (
    document_kinds_missing,
    document_overview_for,
    required_groups_for_office,
)
from pencaker.documents.services import document_upload
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload
from pencaker.offices import services as office_services

pytestmark = pytest.mark.django_db

MAJALENGKA = ["ktp|sim", "photo", "ijazah", "birth_certificate", "kk"]


@pytest.fixture
def configured(office, user_factory):
    admin = user_factory(Role.ADMIN_DINAS, office=office)
    office_services.office_required_documents_set(
        actor=admin, office=office, kinds=MAJALENGKA, allowed=DocumentKind.values
    )
    office.refresh_from_db()
    return office


def _up(seeker, kind, data):
    return document_upload(actor=seeker, owner=seeker, kind=kind, uploaded_file=upload(data))


def test_the_office_configures_sim_instead_of_ktp_birth_certificate_and_kk(configured):
    assert required_groups_for_office(configured) == [
        ("ktp", "sim"),
        ("photo",),
        ("ijazah",),
        ("birth_certificate",),
        ("kk",),
    ]


def test_unknown_kinds_in_a_group_are_refused(office, user_factory):
    admin = user_factory(Role.ADMIN_DINAS, office=office)
    with pytest.raises(DomainError) as refused:
        office_services.office_required_documents_set(
            actor=admin, office=office, kinds=["ktp|paspor"], allowed=DocumentKind.values
        )
    assert "kinds" in refused.value.fields


def test_a_sim_satisfies_the_ktp_and_the_birth_certificate_is_still_missing(seeker, configured):
    assert document_kinds_missing(user=seeker, office=configured) == [
        "ktp",
        "photo",
        "ijazah",
        "birth_certificate",
        "kk",
    ]
    _up(seeker, "sim", samples.jpeg(800, 600))
    _up(seeker, "photo", samples.jpeg(600, 800))
    _up(seeker, "ijazah", samples.pdf())
    _up(seeker, "kk", samples.pdf())
    assert document_kinds_missing(user=seeker, office=configured) == ["birth_certificate"]
    _up(seeker, "birth_certificate", samples.jpeg(800, 600))
    assert document_kinds_missing(user=seeker, office=configured) == []


def test_without_the_office_setting_a_sim_does_not_replace_the_ktp(seeker, office):
    _up(seeker, "sim", samples.jpeg(800, 600))
    assert "ktp" in document_kinds_missing(user=seeker, office=office)


@pytest.mark.parametrize("kind", ["sim", "birth_certificate", "kk"])
def test_the_new_kinds_get_the_same_checks(seeker, kind):
    with pytest.raises(DomainError):
        _up(seeker, kind, samples.exe())
    with pytest.raises(DomainError):
        _up(seeker, kind, samples.encrypted_pdf())
    version = _up(seeker, kind, samples.jpeg(800, 600, gps=True))
    assert version.content_type == "image/jpeg"


def test_the_document_page_offers_the_sim_instead_of_the_ktp(client, seeker, configured):
    _up(seeker, "sim", samples.jpeg(800, 600))
    rows = {row.kind: row for row in document_overview_for(user=seeker, office=configured)}
    assert rows["ktp"].required and rows["ktp"].satisfied_by
    assert rows["sim"].alternative_to and not rows["sim"].required
    assert rows["birth_certificate"].required
    client.force_login(seeker)
    with translation.override("id"):
        page = client.get(reverse("documents:list"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Akta kelahiran" in page or "akta kelahiran" in page
    assert 'id="doc-sim"' in page and 'id="doc-birth_certificate"' in page


def test_the_public_guide_names_the_alternative(client, configured):
    from pencaker.public.selectors import guide_for

    with translation.override("en"):
        guide = guide_for(configured.code)
    labels = [doc.label for doc in guide.required_documents]
    assert labels[0] == "Identity card (KTP) or Driving licence (SIM)"
    assert "Birth certificate (akta kelahiran)" in labels
