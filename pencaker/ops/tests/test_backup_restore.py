"""Backup then restore into an empty installation: every application, card and document
comes back, verified by checksum. Runs on SQLite and on PostgreSQL (whichever the suite
uses)."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from pencaker.ops.backup import BackupError, backup_check, backup_create, installation_verify

pytestmark = pytest.mark.django_db(transaction=True)


def _state():
    from pencaker.applications.models import Application
    from pencaker.cards.models import Card
    from pencaker.documents.models import DocumentVersion

    return {
        "applications": sorted(
            Application.objects.values_list("tracking_number", "status", "documents")
        ),
        "cards": sorted(Card.objects.values_list("number", "version", "pdf", "pdf_sha256")),
        "documents": sorted(DocumentVersion.objects.values_list("file", "sha256")),
    }


def _empty_installation(settings):
    """Wipe the database and the stored files, as on a freshly installed machine."""
    call_command("flush", "--no-input")
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def test_restore_into_empty_installation_brings_back_everything_by_checksum(
    populated, settings, tmp_path
):
    before = _state()
    assert before["cards"] and before["cards"][0][3], "the card has a signed PDF"
    assert len(before["documents"]) == 9
    unreferenced = default_storage.save("documents/leftover.jpg", ContentFile(b"orphan"))

    call_command("backup", "-o", str(tmp_path / "bk"))
    manifest = backup_check(tmp_path / "bk")
    names = {entry["name"] for entry in manifest["files"]}
    assert names == {f for f, _ in before["documents"]} | {before["cards"][0][2]}
    assert unreferenced not in names

    _empty_installation(settings)
    assert _state()["applications"] == []
    assert not default_storage.exists(before["documents"][0][0])

    call_command("restore", str(tmp_path / "bk"))

    assert _state() == before
    report = installation_verify()
    assert report.ok, report.problems
    assert (report.applications, report.cards, report.documents, report.files) == (2, 1, 9, 10)


def test_restore_refuses_an_installation_that_holds_data(populated, tmp_path):
    call_command("backup", "-o", str(tmp_path / "bk"))
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(tmp_path / "bk"))


def test_restore_refuses_a_damaged_backup_before_changing_anything(populated, settings, tmp_path):
    call_command("backup", "-o", str(tmp_path / "bk"))
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    damaged = tmp_path / "bk" / "files" / manifest["files"][0]["name"]
    damaged.write_bytes(b"not the original")
    _empty_installation(settings)
    with pytest.raises(CommandError, match="missing or damaged"):
        call_command("restore", str(tmp_path / "bk"))
    assert _state()["applications"] == []


def test_restore_refuses_a_folder_without_manifest(db, tmp_path):
    (tmp_path / "half").mkdir()
    with pytest.raises(CommandError, match="no complete backup"):
        call_command("restore", str(tmp_path / "half"))


def test_backup_fails_when_a_referenced_file_is_missing(populated, tmp_path):
    from pencaker.documents.models import DocumentVersion

    version = DocumentVersion.objects.first()
    default_storage.delete(version.file.name)
    with pytest.raises(BackupError, match="missing from storage"):
        backup_create(out_dir=tmp_path / "bk")
    assert not (tmp_path / "bk" / "manifest.json").exists()


def test_backup_fails_when_a_file_does_not_match_its_recorded_checksum(populated, tmp_path):
    from pencaker.documents.models import DocumentVersion

    version = DocumentVersion.objects.first()
    with default_storage.open(version.file.name, "wb") as handle:
        handle.write(b"tampered")
    with pytest.raises(BackupError, match="does not match"):
        backup_create(out_dir=tmp_path / "bk")


def test_backup_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "-o", str(tmp_path / "bk"))


def test_verify_reports_a_missing_document_file(populated):
    from pencaker.documents.models import DocumentVersion

    version = DocumentVersion.objects.first()
    default_storage.delete(version.file.name)
    report = installation_verify()
    assert not report.ok
    assert any("file missing" in p for p in report.problems)
