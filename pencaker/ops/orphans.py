"""Remove what interrupted work left behind: stored files no row refers to, and stale
upload temp files.

Uploads write the file first and the rows after (documents, card PDFs); a process killed
between the two leaves a file without a row. Such a file is only removed once it is older
than the grace period, which must be longer than any upload transaction, so a file whose
row is still being committed is never touched. The storage is listed *before* the
references are read: a row committed in between makes its file referenced, not orphaned.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from pencaker.ops.stored_files import referenced_files, walk

logger = logging.getLogger(__name__)

DEFAULT_GRACE = timedelta(hours=1)
# Django's TemporaryUploadedFile: NamedTemporaryFile(suffix=".upload" + ext).
UPLOAD_TEMP_GLOB = "tmp*.upload*"


@dataclass
class CleanupResult:
    orphans: list[str] = field(default_factory=list)
    temp_files: list[str] = field(default_factory=list)
    kept_recent: int = 0
    dry_run: bool = False


def upload_temp_dir() -> Path:
    return Path(getattr(settings, "FILE_UPLOAD_TEMP_DIR", None) or tempfile.gettempdir())


def orphans_cleanup(*, grace: timedelta = DEFAULT_GRACE, dry_run: bool = False) -> CleanupResult:
    """Delete stored files no row refers to and upload temp files older than ``grace``."""
    result = CleanupResult(dry_run=dry_run)
    cutoff = timezone.now() - grace
    stored = list(walk(default_storage))
    referenced = referenced_files()
    for name in stored:
        if name in referenced:
            continue
        try:
            modified = default_storage.get_modified_time(name)
        except FileNotFoundError:
            continue
        except Exception:
            # Deleted since the listing (a /readyz probe's file): the S3 backend answers
            # with its own error (a 404 ClientError), not FileNotFoundError.
            if not default_storage.exists(name):
                continue
            raise
        if modified > cutoff:
            result.kept_recent += 1
            continue
        result.orphans.append(name)
        if not dry_run:
            default_storage.delete(name)
    oldest = time.time() - grace.total_seconds()
    for path in upload_temp_dir().glob(UPLOAD_TEMP_GLOB):
        try:
            if path.is_file() and path.stat().st_mtime <= oldest:
                result.temp_files.append(str(path))
                if not dry_run:
                    os.unlink(path)
        except FileNotFoundError:
            continue  # its request finished and removed it meanwhile
    logger.info(
        "orphans cleanup",
        extra={
            "orphans": len(result.orphans),
            "temp_files": len(result.temp_files),
            "kept_recent": result.kept_recent,
            "dry_run": dry_run,
        },
    )
    return result
