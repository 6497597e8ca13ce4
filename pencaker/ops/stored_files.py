"""Which stored files the database refers to, and which files the storage holds.

Every ``FileField`` of every installed model counts as a reference, so a new app that
stores files is covered without changes here. A field's recorded checksum is found by
convention: a sibling ``sha256`` field (documents) or ``<field>_sha256`` (card PDFs).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import models


@dataclass(frozen=True)
class FileRef:
    name: str
    sha256: str  # "" when the model records no checksum
    model: str
    pk: Any


def file_fields() -> list[tuple[type[models.Model], models.FileField, str | None]]:
    """(model, file field, name of its checksum field or None) for every installed model."""
    found = []
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                sha = next(
                    (c for c in (f"{field.name}_sha256", "sha256") if c in names),
                    None,
                )
                found.append((model, field, sha))
    return found


def referenced_files(using: str = "default") -> dict[str, FileRef]:
    """Every file name the database refers to, with its recorded SHA-256."""
    refs: dict[str, FileRef] = {}
    for model, field, sha in file_fields():
        columns = ["pk", field.name] + ([sha] if sha else [])
        rows = (
            model._base_manager.using(using)
            .exclude(**{field.name: ""})
            .exclude(**{f"{field.name}__isnull": True})
            .values_list(*columns)
        )
        for row in rows.iterator():
            name = row[1]
            refs[name] = FileRef(
                name=name,
                sha256=row[2] if sha else "",
                model=model._meta.label_lower,
                pk=row[0],
            )
    return refs


def walk(storage: Storage | None = None, path: str = "") -> Iterator[str]:
    """Every file name in ``storage`` (recursively)."""
    storage = storage or default_storage
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        yield from walk(storage, f"{path}/{directory}" if path else directory)


def sha256_of(name: str, storage: Storage | None = None) -> str:
    storage = storage or default_storage
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()
