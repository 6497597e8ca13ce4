from __future__ import annotations

import hashlib

import pytest

from pencaker.core.errors import DomainError
from pencaker.core.models import AuditEvent
from pencaker.documents import services
from pencaker.documents.models import Document, DocumentVersion
from pencaker.documents.services import document_upload
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload

pytestmark = pytest.mark.django_db


class VerifiedStaff:
    """Marks a staff user as having passed TOTP, as OTPMiddleware does on a request."""

    @staticmethod
    def of(user):
        user.is_verified = lambda: True
        return user


def test_upload_stores_re_encoded_bytes_under_a_random_name_with_their_sha256(seeker, media_files):
    version = document_upload(
        actor=seeker,
        owner=seeker,
        kind="photo",
        uploaded_file=upload(samples.jpeg(600, 800, gps=True), "Foto Budi.jpg"),
    )

    stored = version.file.open("rb").read()
    assert version.sha256 == hashlib.sha256(stored).hexdigest()
    assert version.size == len(stored)
    assert version.content_type == "image/jpeg"
    assert (version.width, version.height) == (600, 800)
    assert version.original_filename == "Foto Budi.jpg"
    assert "Budi" not in version.file.name and version.file.name.startswith("documents/")
    assert media_files() == [version.file.name]
    assert version.document.current_version == version
    assert version.number == 1
    assert version.uploaded_by == seeker


def test_upload_writes_an_audit_row(seeker, office):
    version = document_upload(
        actor=seeker, owner=seeker, kind="ijazah", uploaded_file=upload(samples.pdf(), "i.pdf")
    )
    event = AuditEvent.objects.get(action="document.uploaded")
    assert event.actor == seeker
    assert event.office == office
    assert event.object_id == str(version.pk)
    assert event.data["kind"] == "ijazah" and event.data["sha256"] == version.sha256


def test_replacing_keeps_the_older_version_and_moves_current(seeker, media_files):
    first = document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
    )
    second = document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.pdf(), "ktp.pdf")
    )
    document = Document.objects.get(owner=seeker, kind="ktp")
    assert document.current_version == second
    assert [v.number for v in document.versions.order_by("number")] == [1, 2]
    assert DocumentVersion.objects.filter(pk=first.pk).exists()
    assert len(media_files()) == 2
    assert Document.objects.filter(owner=seeker).count() == 1


def test_refused_file_leaves_nothing_behind(seeker, media_files):
    with pytest.raises(DomainError) as info:
        document_upload(
            actor=seeker, owner=seeker, kind="photo", uploaded_file=upload(samples.exe())
        )
    assert info.value.code == "document_type_not_allowed"
    assert media_files() == []
    assert not Document.objects.exists()


def test_database_failure_after_the_file_write_deletes_the_file(seeker, media_files, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "audit_record", fail)
    with pytest.raises(RuntimeError):
        document_upload(
            actor=seeker, owner=seeker, kind="photo", uploaded_file=upload(samples.jpeg())
        )
    assert media_files() == []
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()


def test_broken_connection_keeps_the_file_for_the_orphan_sweep(seeker, media_files, monkeypatch):
    # A connection that breaks during COMMIT may have stored the row: deleting the file
    # then would leave a document without its bytes (seen in the crash harness).
    from django.db import OperationalError

    def fail(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "audit_record", fail)
    with pytest.raises(OperationalError):
        document_upload(
            actor=seeker, owner=seeker, kind="photo", uploaded_file=upload(samples.jpeg())
        )
    assert len(media_files()) == 1
    assert not DocumentVersion.objects.exists()


def test_database_failure_on_replace_keeps_the_previous_version_current(
    seeker, media_files, monkeypatch
):
    first = document_upload(
        actor=seeker, owner=seeker, kind="photo", uploaded_file=upload(samples.jpeg())
    )
    monkeypatch.setattr(services, "audit_record", lambda **kw: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        document_upload(
            actor=seeker, owner=seeker, kind="photo", uploaded_file=upload(samples.jpeg(300, 400))
        )
    assert media_files() == [first.file.name]
    assert Document.objects.get(owner=seeker, kind="photo").current_version == first
    assert DocumentVersion.objects.count() == 1


def test_unknown_kind_is_refused(seeker):
    with pytest.raises(DomainError) as info:
        document_upload(actor=seeker, owner=seeker, kind="passport", uploaded_file=None)
    assert info.value.code == "document_kind_unknown"


def test_verified_staff_of_the_seekers_office_may_upload_for_a_walk_in(seeker, operator):
    version = document_upload(
        actor=VerifiedStaff.of(operator),
        owner=seeker,
        kind="ktp",
        uploaded_file=upload(samples.jpeg(800, 600)),
    )
    assert version.uploaded_by == operator
    assert version.document.owner == seeker


def test_staff_of_another_office_may_not_upload_for_a_seeker(seeker, other_operator, media_files):
    with pytest.raises(DomainError) as info:
        document_upload(
            actor=VerifiedStaff.of(other_operator),
            owner=seeker,
            kind="ktp",
            uploaded_file=upload(samples.jpeg(800, 600)),
        )
    assert info.value.code == "document_upload_forbidden"
    assert info.value.status == 403
    assert media_files() == []


def test_staff_without_two_factor_may_not_upload_for_a_seeker(seeker, operator):
    with pytest.raises(DomainError) as info:
        document_upload(
            actor=operator, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
        )
    assert info.value.code == "document_upload_forbidden"


def test_one_seeker_may_not_upload_for_another(seeker, seeker_factory, office):
    other = seeker_factory(office)
    with pytest.raises(DomainError) as info:
        document_upload(
            actor=other, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
        )
    assert info.value.code == "document_upload_forbidden"


def test_documents_belong_only_to_job_seekers(operator):
    with pytest.raises(DomainError) as info:
        document_upload(
            actor=VerifiedStaff.of(operator),
            owner=operator,
            kind="ktp",
            uploaded_file=upload(samples.jpeg(800, 600)),
        )
    assert info.value.code == "document_owner_not_job_seeker"


def test_access_record_writes_access_row_and_audit_row(seeker, operator, office):
    version = document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
    )
    access = services.document_access_record(staff=operator, version=version, ip_address="10.1.2.3")
    assert (access.staff, access.version, access.office, access.ip) == (
        operator,
        version,
        office,
        "10.1.2.3",
    )
    event = AuditEvent.objects.get(action="document.viewed")
    assert event.actor == operator and event.ip_address == "10.1.2.3"
    assert event.data["access"] == access.pk


def test_access_rows_and_versions_are_append_only(seeker, operator):
    version = document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
    )
    access = services.document_access_record(staff=operator, version=version)
    with pytest.raises(ValueError):
        access.save()
    with pytest.raises(ValueError):
        access.delete()
    with pytest.raises(ValueError):
        version.delete()
