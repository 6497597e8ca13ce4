from __future__ import annotations

import pytest
from django.utils import translation

from pencaker.documents.selectors import (
    document_kind_labels,
    document_kinds_missing,
    document_overview_for,
    documents_current_for,
)
from pencaker.documents.services import document_upload
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload

pytestmark = pytest.mark.django_db


def test_missing_kinds_default_to_ktp_photo_ijazah_without_an_office(seeker):
    assert document_kinds_missing(user=seeker, office=None) == ["ktp", "photo", "ijazah"]


def test_missing_kinds_follow_the_office_configuration(seeker, office):
    office.required_documents = ["ktp", "kk", "photo", "not-a-kind"]
    office.save()
    document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
    )
    assert document_kinds_missing(user=seeker, office=office) == ["kk", "photo"]


def test_nothing_missing_once_every_required_kind_is_uploaded(seeker, office):
    for kind, data in [
        ("ktp", samples.jpeg(800, 600)),
        ("photo", samples.jpeg(600, 800)),
        ("ijazah", samples.pdf()),
    ]:
        document_upload(actor=seeker, owner=seeker, kind=kind, uploaded_file=upload(data))
    assert document_kinds_missing(user=seeker, office=office) == []
    assert set(documents_current_for(seeker)) == {"ktp", "photo", "ijazah"}
    assert documents_current_for(seeker)["ijazah"].current_version.content_type == (
        "application/pdf"
    )


def test_kind_labels_are_translated():
    with translation.override("id"):
        labels = document_kind_labels()
    # Issue 16 added the SIM and the birth certificate after the six original kinds.
    assert list(labels) == [
        "ktp",
        "photo",
        "ijazah",
        "competence_certificate",
        "work_letter",
        "kk",
        "sim",
        "birth_certificate",
    ]
    assert labels["ijazah"] == "Ijazah terakhir"


def test_overview_lists_required_then_optional_and_older_versions(seeker, office):
    office.required_documents = ["ktp", "photo"]
    office.save()
    first = document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
    )
    document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(900, 600))
    )
    rows = document_overview_for(user=seeker, office=office)
    assert [(r.kind, r.required) for r in rows] == [
        ("ktp", True),
        ("photo", True),
        ("competence_certificate", False),
        ("work_letter", False),
    ]
    assert rows[0].current.number == 2
    assert rows[0].older_versions == [first]
    assert rows[1].current is None
