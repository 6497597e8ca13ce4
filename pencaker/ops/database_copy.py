"""Copy the database out of and into the installation, per engine: SQLite's online backup
API, or ``pg_dump -Fc`` of an exported REPEATABLE READ snapshot and ``pg_restore``. Each
snapshot also returns the file references read from that same snapshot
(``pencaker.ops.backup`` orchestrates backups and restores around it).
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from pencaker.ops.stored_files import FileRef, file_fields


class BackupError(Exception):
    """A backup or restore cannot be done safely; the message says why."""


def find_pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` from PATH, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
        reverse=True,
    )
    if candidates:
        return candidates[0]
    raise BackupError(f"{name} not found: install the PostgreSQL client tools")


def database_engine(alias: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"unsupported database: {vendor}")
    return vendor


def _pg_args_env(alias: str = DEFAULT_DB_ALIAS) -> tuple[list[str], dict[str, str]]:
    db = connections[alias].settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return [*args, "--dbname", str(db["NAME"])], env


def _refs_from_cursor(cursor: Any, *, qn: Any) -> dict[str, FileRef]:
    """File references read with raw SQL, so they come from exactly the snapshot the
    cursor sees (a backup copy of SQLite, or the exported PostgreSQL snapshot)."""
    refs: dict[str, FileRef] = {}
    for model, file_field, sha in file_fields():
        meta = model._meta
        pk_col = meta.pk.column
        sha_col = getattr(meta.get_field(sha), "column", None) if sha else None
        cols = [qn(pk_col), qn(file_field.column)] + ([qn(sha_col)] if sha_col else [])
        col = qn(file_field.column)
        cursor.execute(
            f"SELECT {', '.join(cols)} FROM {qn(meta.db_table)} "  # noqa: S608 - names from model meta
            f"WHERE {col} IS NOT NULL AND {col} <> ''"
        )
        for row in cursor.fetchall():
            refs[row[1]] = FileRef(
                name=row[1],
                sha256=row[2] if sha_col else "",
                model=meta.label_lower,
                pk=row[0],
            )
    return refs


def _qn_sqlite(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def snapshot_sqlite(target: Path) -> dict[str, FileRef]:
    source_path = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    source = sqlite3.connect(str(source_path), timeout=30)
    dest = sqlite3.connect(str(target))
    try:
        # pages=-1: one step under one read lock, so the copy is one consistent snapshot.
        source.backup(dest, pages=-1)
    finally:
        source.close()
    try:
        dest.execute("PRAGMA journal_mode=DELETE")
        return _refs_from_cursor(dest.cursor(), qn=_qn_sqlite)
    finally:
        dest.close()


def snapshot_postgresql(target: Path) -> dict[str, FileRef]:
    pg_dump = find_pg_tool("pg_dump")
    args, env = _pg_args_env()
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        raise BackupError("backup must run outside a transaction")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            subprocess.run(  # noqa: S603 - fixed argv
                [
                    pg_dump,
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    *args,
                ],
                env=env,
                check=True,
                capture_output=True,
                timeout=3600,
            )
            return _refs_from_cursor(cursor, qn=connection.ops.quote_name)


def restore_sqlite(db_file: Path) -> None:
    target = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    connections.close_all()
    source = sqlite3.connect(str(db_file))
    dest = sqlite3.connect(str(target), timeout=30)
    try:
        source.backup(dest, pages=-1)
        dest.execute("PRAGMA journal_mode=WAL")
    finally:
        source.close()
        dest.close()


def restore_postgresql(db_file: Path) -> None:
    pg_restore = find_pg_tool("pg_restore")
    args, env = _pg_args_env()
    connections.close_all()
    try:
        subprocess.run(  # noqa: S603 - fixed argv
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(db_file),
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=3600,
        )
    except subprocess.CalledProcessError as exc:
        raise BackupError(
            f"pg_restore failed: {exc.stderr.decode(errors='replace')[-500:]}"
        ) from exc
