"""Backup and restore of the database together with the stored files, consistent with
each other.

Order matters. The database snapshot is taken first (SQLite's online backup API, or
``pg_dump -Fc`` of an exported REPEATABLE READ snapshot); the list of files to copy is
read from *that same snapshot*; then each file is copied and checked against the SHA-256
the snapshot records for it. Files are only ever added after the snapshot (new uploads get
new random names, rows are append-only), so every file the snapshot refers to is still
there. A backup folder is complete only when ``manifest.json`` exists: it is written last.

Layout::

    DIR/manifest.json        format, engine, database file + sha256, every file + sha256
    DIR/database.sqlite3     or DIR/database.pgdump
    DIR/files/<storage name>

Restore checks every checksum in the backup before it changes anything, refuses to
overwrite an installation that already holds data (unless forced), loads the database
(all or nothing), writes the files into the storage and then verifies the installation.

Signing keys (``PENCAKER_SIGNING_DIR``, ``PENCAKER_CARD_KEY_DIR``) are secrets and are
not part of this backup; keep them with the other secrets (ADR 0009).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from pencaker.applications.choices import Status
from pencaker.applications.models import Application, ApplicationStatusChange
from pencaker.cards.models import Card
from pencaker.documents.models import DocumentVersion
from pencaker.ops.database_copy import (
    BackupError,
    database_engine,
    restore_postgresql,
    restore_sqlite,
    snapshot_postgresql,
    snapshot_sqlite,
)
from pencaker.ops.stored_files import referenced_files, sha256_of

FORMAT = 1
MANIFEST = "manifest.json"


@dataclass
class VerifyReport:
    applications: int = 0
    cards: int = 0
    documents: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "applications": self.applications,
            "cards": self.cards,
            "documents": self.documents,
            "files": self.files,
            "problems": self.problems,
            "ok": self.ok,
        }


def _sha256_path(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- backup ------------------------------------------------------------------------------


def backup_create(*, out_dir: Path) -> dict[str, Any]:
    """Write a complete backup into the empty or new folder ``out_dir``; return the manifest."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise BackupError(f"{out_dir} is not empty")
    out_dir.mkdir(parents=True, exist_ok=True)
    engine = database_engine()
    db_file = out_dir / ("database.sqlite3" if engine == "sqlite" else "database.pgdump")
    try:
        refs = snapshot_sqlite(db_file) if engine == "sqlite" else snapshot_postgresql(db_file)
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"pg_dump failed: {exc.stderr.decode(errors='replace')[-500:]}") from exc
    files_dir = out_dir / "files"
    entries = []
    problems = []
    for name in sorted(refs):
        ref = refs[name]
        target = files_dir / name
        if not _safe_relative(name):
            problems.append(f"{ref.model} {ref.pk}: unsafe file name {name!r}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        try:
            with default_storage.open(name, "rb") as src, target.open("wb") as dst:
                while chunk := src.read(1024 * 1024):
                    digest.update(chunk)
                    dst.write(chunk)
        except FileNotFoundError:
            problems.append(f"{ref.model} {ref.pk}: file {name} is missing from storage")
            continue
        sha = digest.hexdigest()
        if ref.sha256 and sha != ref.sha256:
            problems.append(f"{ref.model} {ref.pk}: file {name} does not match its sha256")
            continue
        entries.append({"name": name, "sha256": sha, "size": target.stat().st_size})
    if problems:
        raise BackupError("backup incomplete: " + "; ".join(problems[:20]))
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "database": {"file": db_file.name, "sha256": _sha256_path(db_file)},
        "files": entries,
    }
    tmp = out_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1))
    os.replace(tmp, out_dir / MANIFEST)
    return manifest


def _safe_relative(name: str) -> bool:
    path = Path(name)
    return not path.is_absolute() and ".." not in path.parts and bool(name)


# --- restore -----------------------------------------------------------------------------


def backup_check(src_dir: Path) -> dict[str, Any]:
    """Read the manifest and check every checksum in the backup folder; return the manifest."""
    src_dir = Path(src_dir)
    manifest_path = src_dir / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{src_dir} holds no complete backup (no {MANIFEST})")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    db_file = src_dir / manifest["database"]["file"]
    if not db_file.exists() or _sha256_path(db_file) != manifest["database"]["sha256"]:
        raise BackupError("the database file of the backup is missing or damaged")
    for entry in manifest["files"]:
        if not _safe_relative(entry["name"]):
            raise BackupError(f"unsafe file name in manifest: {entry['name']!r}")
        path = src_dir / "files" / entry["name"]
        if not path.exists() or _sha256_path(path) != entry["sha256"]:
            raise BackupError(f"file {entry['name']} in the backup is missing or damaged")
    return manifest


def installation_has_data() -> bool:
    for label in ("accounts.User", "applications.Application", "documents.DocumentVersion"):
        try:
            if apps.get_model(label)._base_manager.exists():
                return True
        except Exception:  # noqa: BLE001 - no table yet: an empty installation
            connections[DEFAULT_DB_ALIAS].close()
            continue
    return False


def backup_restore(*, src_dir: Path, force: bool = False) -> VerifyReport:
    """Restore the backup in ``src_dir`` into this installation and verify it."""
    src_dir = Path(src_dir)
    manifest = backup_check(src_dir)
    engine = database_engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"the backup is of a {manifest['engine']} database; this installation uses {engine}"
        )
    if not force and installation_has_data():
        raise BackupError("this installation already holds data; restore into an empty one")
    for entry in manifest["files"]:
        if default_storage.exists(entry["name"]) and not force:
            if sha256_of(entry["name"]) != entry["sha256"]:
                raise BackupError(f"storage already holds a different {entry['name']}")
    db_file = src_dir / manifest["database"]["file"]
    if engine == "sqlite":
        restore_sqlite(db_file)
    else:
        restore_postgresql(db_file)
    for entry in manifest["files"]:
        name = entry["name"]
        if default_storage.exists(name):
            if sha256_of(name) == entry["sha256"]:
                continue
            default_storage.delete(name)
        with (src_dir / "files" / name).open("rb") as handle:
            saved = default_storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(f"storage stored {name} as {saved}")
    return installation_verify()


# --- verification ------------------------------------------------------------------------


def installation_verify() -> VerifyReport:
    """Check every stored file against the checksum its row records, every application's
    frozen documents against their versions, and that no application is half-written."""
    report = VerifyReport()
    for ref in referenced_files().values():
        try:
            actual = sha256_of(ref.name)
        except FileNotFoundError:
            report.problems.append(f"{ref.model} {ref.pk}: file missing")
            continue
        if ref.sha256 and actual != ref.sha256:
            report.problems.append(f"{ref.model} {ref.pk}: file checksum differs")
        report.files += 1
    versions = dict(DocumentVersion.objects.values_list("pk", "sha256"))
    report.documents = len(versions)
    with_history = set(ApplicationStatusChange.objects.values_list("application_id", flat=True))
    for app_id, status, documents, submitted_at in Application.objects.values_list(
        "pk", "status", "documents", "submitted_at"
    ).iterator():
        report.applications += 1
        if status == Status.DRAFT or submitted_at is None or app_id not in with_history:
            report.problems.append(f"application {app_id}: half-written (status {status})")
        for item in documents or []:
            if versions.get(item.get("version_id")) != item.get("sha256"):
                report.problems.append(
                    f"application {app_id}: document {item.get('kind')} does not match"
                )
    for card_id, pdf, pdf_sha in Card.objects.values_list("pk", "pdf", "pdf_sha256"):
        report.cards += 1
        if pdf and not pdf_sha:
            report.problems.append(f"card {card_id}: PDF without checksum")
    return report
