"""Interrupted uploads leave nothing behind; the clean-up removes orphans past the grace."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command

from pencaker.applications.tests.conftest import jpeg_upload
from pencaker.ops.orphans import orphans_cleanup
from pencaker.ops.stored_files import walk

pytestmark = pytest.mark.django_db


def _age(name: str, seconds: int = 7200) -> None:
    path = default_storage.path(name)
    past = time.time() - seconds
    os.utime(path, (past, past))


@pytest.fixture
def seeker(office):
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    return CompleteProfileFactory().user


def test_failed_upload_transaction_leaves_no_file(seeker, monkeypatch):
    from pencaker.documents import services
    from pencaker.documents.models import DocumentVersion

    def fail(**kwargs):
        raise RuntimeError("database went away mid-upload")

    monkeypatch.setattr(services, "audit_record", fail)
    with pytest.raises(RuntimeError):
        services.document_upload(
            actor=seeker, owner=seeker, kind="ktp", uploaded_file=jpeg_upload("ktp")
        )
    assert DocumentVersion.objects.count() == 0
    assert list(walk()) == []
    assert orphans_cleanup(grace=timedelta(0), dry_run=True).orphans == []


def test_cleanup_removes_old_orphans_and_keeps_referenced_and_recent_files(seeker):
    from pencaker.documents.services import document_upload

    version = document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=jpeg_upload("ktp")
    )
    _age(version.file.name)
    old_orphan = default_storage.save("documents/2026/01/killed.jpg", ContentFile(b"x"))
    _age(old_orphan)
    fresh_orphan = default_storage.save("documents/2026/01/in-flight.jpg", ContentFile(b"y"))

    result = orphans_cleanup(grace=timedelta(hours=1))

    assert result.orphans == [old_orphan]
    assert result.kept_recent == 1
    assert not default_storage.exists(old_orphan)
    assert default_storage.exists(fresh_orphan)
    assert default_storage.exists(version.file.name)


def test_dry_run_deletes_nothing(db):
    orphan = default_storage.save("cards/16.71/x.pdf", ContentFile(b"%PDF"))
    _age(orphan)
    result = orphans_cleanup(grace=timedelta(hours=1), dry_run=True)
    assert result.orphans == [orphan]
    assert default_storage.exists(orphan)


def test_stale_upload_temp_files_are_removed(db, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploadtmp")
    (tmp_path / "uploadtmp").mkdir()
    stale = tmp_path / "uploadtmp" / "tmpabc123.upload.jpg"
    stale.write_bytes(b"half an upload")
    past = time.time() - 7200
    os.utime(stale, (past, past))
    current = tmp_path / "uploadtmp" / "tmpdef456.upload.pdf"
    current.write_bytes(b"being uploaded now")
    unrelated = tmp_path / "uploadtmp" / "notes.txt"
    unrelated.write_text("not ours")
    os.utime(unrelated, (past, past))

    result = orphans_cleanup(grace=timedelta(hours=1))

    assert result.temp_files == [str(stale)]
    assert not stale.exists()
    assert current.exists()
    assert unrelated.exists()


def test_command_reports_counts(db, capsys):
    orphan = default_storage.save("health/left.txt", ContentFile(b"ok"))
    _age(orphan)
    call_command("cleanup_orphans", "--grace-minutes", "30")
    out = capsys.readouterr().out
    assert "removed orphan health/left.txt" in out
    assert "orphans=1 temp_files=0" in out


def test_task_cleans_up_and_schedules_the_next_run_once(db, settings):
    from django_tasks_db.models import DBTaskResult

    from pencaker.ops.tasks import cleanup_orphans_task, schedule_orphans_cleanup

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    orphan = default_storage.save("documents/old.jpg", ContentFile(b"x"))
    _age(orphan)
    result = cleanup_orphans_task.call()
    assert result == {"orphans": 1, "temp_files": 0}
    assert DBTaskResult.objects.filter(task_path=cleanup_orphans_task.module_path).count() == 1
    assert schedule_orphans_cleanup() is False
    assert DBTaskResult.objects.count() == 1


def test_a_file_deleted_after_the_listing_is_skipped_whatever_the_storage_raises(db, monkeypatch):
    # S3 (django-storages) answers a vanished object with a ClientError, not
    # FileNotFoundError; the /readyz probe deletes its file between listing and stat.
    name = default_storage.save("health/probe.txt", ContentFile(b"ok"))

    def vanished(storage, stored_name):
        storage.delete(stored_name)
        raise RuntimeError("An error occurred (404) when calling the HeadObject operation")

    monkeypatch.setattr(FileSystemStorage, "get_modified_time", vanished)
    result = orphans_cleanup(grace=timedelta(0))
    assert result.orphans == []
    assert not default_storage.exists(name)


def test_a_storage_error_on_a_file_still_there_is_not_hidden(db, monkeypatch):
    default_storage.save("health/still-here.txt", ContentFile(b"ok"))

    def broken(storage, stored_name):
        raise RuntimeError("storage unreachable")

    monkeypatch.setattr(FileSystemStorage, "get_modified_time", broken)
    with pytest.raises(RuntimeError, match="unreachable"):
        orphans_cleanup(grace=timedelta(0))
