#!/usr/bin/env python3
"""Seed the load benchmark's installation in bulk (issue 18, item 1).

    python bench/seed_bulk.py N OUT_DIR      # inside the installation's environment

The demo data (office, staff), one operator token and one issued card (as the durability
seed does), one complete job seeker made the ordinary way (factory, three real uploads), and
then N - 1 copies of that seeker written with ``bulk_create``: user, profile, education,
the three documents and their versions (sharing the first seeker's stored files and
checksums), and an API token each. Every copy passes the submit checklist; each is meant to
submit once. Writes ``OUT_DIR/seed.json`` (operator token, card, the job seekers' tokens
and e-mail addresses) and the JPEGs the upload script sends. Also creates the table of the
benchmark's one-INSERT view.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts" / "durability"))

BATCH = 1000


def _clone(obj, **changes):
    clone = type(obj)()
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        setattr(clone, f.attname, getattr(obj, f.attname))
    for name, value in changes.items():
        setattr(clone, name, value)
    return clone


def seekers_bulk(count: int, colour: tuple[int, int, int] = (40, 80, 160)) -> list[dict]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.utils import timezone
    from seed import jpeg

    from pencaker.accounts.api_auth import _max_age, token_auth_hash, token_hash
    from pencaker.accounts.models import ApiToken, User
    from pencaker.documents.models import Document, DocumentVersion
    from pencaker.documents.services import document_upload
    from pencaker.seekers.models import Education, JobSeekerProfile
    from pencaker.seekers.tests.factories import CompleteProfileFactory, nik_for

    template = CompleteProfileFactory(user__email="bulk0@bench.test")
    user0 = template.user
    for kind in ("ktp", "photo", "ijazah"):
        document_upload(
            actor=user0,
            owner=user0,
            kind=kind,
            uploaded_file=SimpleUploadedFile(f"{kind}.jpg", jpeg(kind, colour), "image/jpeg"),
        )
    educations = list(Education.objects.filter(profile=template))
    documents = list(Document.objects.filter(owner=user0).select_related("current_version"))
    auth_hash = token_auth_hash(user0)  # the same password hash for every copy
    expires = timezone.now() + _max_age()
    district = ".".join(template.village.code.split(".")[:3])
    raws = [secrets.token_urlsafe(32) for _ in range(count)]
    users = [user0]
    for start in range(1, count, BATCH):
        with transaction.atomic():
            batch = [
                _clone(user0, email=f"bulk{n}@bench.test", phone=f"+62813{n:07d}")
                for n in range(start, min(count, start + BATCH))
            ]
            User.objects.bulk_create(batch)
            profiles = []
            for n, user in zip(range(start, start + len(batch)), batch, strict=True):
                birth = template.birth_date + dt.timedelta(days=n // 9000)
                profiles.append(
                    _clone(
                        template,
                        user_id=user.pk,
                        full_name=f"Pencari Kerja Bench {n}",
                        birth_date=birth,
                        nik=nik_for(
                            district_code=district,
                            birth_date=birth,
                            sex=template.sex,
                            serial=n % 9000 + 1000,
                        ),
                    )
                )
            JobSeekerProfile.objects.bulk_create(profiles)
            Education.objects.bulk_create(
                [_clone(e, profile_id=p.pk) for p in profiles for e in educations]
            )
            docs = [
                _clone(d, owner_id=u.pk, current_version_id=None) for u in batch for d in documents
            ]
            Document.objects.bulk_create(docs)
            versions = []
            for doc, source in zip(docs, documents * len(batch), strict=True):
                versions.append(
                    _clone(source.current_version, document_id=doc.pk, uploaded_by_id=doc.owner_id)
                )
            DocumentVersion.objects.bulk_create(versions)
            for doc, version in zip(docs, versions, strict=True):
                doc.current_version_id = version.pk
            Document.objects.bulk_update(docs, ["current_version"])
            users.extend(batch)
    ApiToken.objects.bulk_create(
        [
            ApiToken(
                user_id=user.pk,
                key_hash=token_hash(raw),
                auth_hash=auth_hash,
                name="bench",
                expires_at=expires,
            )
            for user, raw in zip(users, raws, strict=True)
        ],
        batch_size=BATCH,
    )
    return [{"email": u.email, "token": raw} for u, raw in zip(users, raws, strict=True)]


def main() -> int:
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    import django

    django.setup()
    from seed import bench_extras, jpeg

    from bench.views import probe_table_create
    from pencaker.demo.seed import seed_all

    started = time.monotonic()
    seed_all()
    demo = time.monotonic() - started
    started = time.monotonic()
    clients = seekers_bulk(count)
    bulk = time.monotonic() - started
    extras = bench_extras(clients)
    probe_table_create()
    for kind in ("ktp", "photo", "ijazah"):
        (out / f"{kind}.jpg").write_bytes(jpeg(kind, (10, 120, 60)))
    (out / "seed.json").write_text(json.dumps({"clients": clients, **extras}))
    print(f"seeded demo data in {demo:.1f} s, {count} job seekers in bulk in {bulk:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
