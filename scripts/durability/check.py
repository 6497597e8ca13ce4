"""Check the installation after the crash cycles (server stopped)::

    python scripts/durability/check.py ACKS.json

1. ``cleanup_orphans`` with no grace (nothing is in flight any more) removes what killed
   uploads left; then no stored file may be unreferenced.
2. Every acknowledged submission exists exactly once (same applicant, same key), with its
   frozen documents intact (each version's file against its sha256).
3. Every acknowledged application to a vacancy exists exactly once (same seeker, same
   key; one per seeker and vacancy) with its history.
   Every acknowledged complaint exists exactly once (the hash of its key, its number)
   with its history.
4. Every acknowledged upload exists with its file intact; every acknowledged organisation
   registration exists once (its owner, its NIB) with its document intact.
5. ``installation_verify``: every stored file against its recorded checksum, no
   half-written application.

Prints one JSON object.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    acks = json.load(open(sys.argv[1]))
    import django

    django.setup()
    from datetime import timedelta

    from pencaker.applications.models import Application
    from pencaker.documents.models import DocumentVersion
    from pencaker.ops.backup import installation_verify
    from pencaker.ops.orphans import orphans_cleanup
    from pencaker.ops.stored_files import referenced_files, sha256_of, walk

    cleanup = orphans_cleanup(grace=timedelta(0))
    referenced = referenced_files()
    orphans_left = [name for name in walk() if name not in referenced]

    lost, duplicated, problems = 0, 0, []
    for ack in acks["submissions"]:
        rows = list(
            Application.objects.filter(
                applicant__email=ack["email"], idempotency_key=ack["key"]
            ).values_list("tracking_number", "documents")
        )
        same_number = Application.objects.filter(tracking_number=ack["tracking"]).count()
        if not rows:
            lost += 1
            continue
        if len(rows) > 1 or same_number > 1:
            duplicated += 1
        if rows[0][0] != ack["tracking"]:
            problems.append(f"{ack['key']}: tracking number changed")
        for item in rows[0][1]:
            version = DocumentVersion.objects.filter(pk=item["version_id"]).first()
            if version is None or version.sha256 != item["sha256"]:
                problems.append(f"{ack['key']}: document {item['kind']} lost or changed")
            elif sha256_of(version.file.name) != version.sha256:
                problems.append(f"{ack['key']}: document {item['kind']} file damaged")
    uploads_lost = 0
    for upload in acks["uploads"]:
        version = DocumentVersion.objects.filter(pk=upload["version_id"]).first()
        if version is None or version.sha256 != upload["sha256"]:
            uploads_lost += 1
        elif sha256_of(version.file.name) != upload["sha256"]:
            problems.append(f"upload {upload['version_id']}: file damaged")
    registrations_lost, registrations_duplicated = 0, 0
    from pencaker.employers.models import Organisation

    for ack in acks.get("registrations", []):
        rows = list(
            Organisation.objects.filter(memberships__user__email=ack["email"]).values_list(
                "pk", flat=True
            )
        )
        if not rows:
            registrations_lost += 1
            continue
        if len(rows) > 1 or Organisation.objects.filter(nib=ack["nib"]).count() > 1:
            registrations_duplicated += 1
        if rows[0] != ack["id"]:
            problems.append(f"registration {ack['email']}: organisation changed")
        document = Organisation.objects.get(pk=rows[0]).documents.first()
        if document is None:
            problems.append(f"registration {ack['email']}: document lost")
        elif sha256_of(document.file.name) != document.sha256:
            problems.append(f"registration {ack['email']}: document file damaged")
    vacancy_lost, vacancy_duplicated = 0, 0
    from pencaker.vacancies.models import VacancyApplication

    for ack in acks.get("vacancy_applications", []):
        rows = list(
            VacancyApplication.objects.filter(
                applicant__email=ack["email"], idempotency_key=ack["key"]
            ).values_list("pk", "vacancy_id")
        )
        if not rows:
            vacancy_lost += 1
            continue
        same_vacancy = VacancyApplication.objects.filter(
            applicant__email=ack["email"], vacancy_id=ack["vacancy"]
        ).count()
        if len(rows) > 1 or same_vacancy > 1:
            vacancy_duplicated += 1
        if rows[0] != (ack["id"], ack["vacancy"]):
            problems.append(f"vacancy application {ack['key']}: changed")
        elif not VacancyApplication.objects.get(pk=ack["id"]).history.exists():
            problems.append(f"vacancy application {ack['key']}: no history")
    complaints_lost, complaints_duplicated = 0, 0
    import hashlib

    from pencaker.complaints.models import Complaint

    for ack in acks.get("complaints", []):
        key_hash = hashlib.sha256(ack["key"].encode()).hexdigest()
        rows = list(
            Complaint.objects.filter(idempotency_key_hash=key_hash).values_list(
                "pk", "tracking_number"
            )
        )
        if not rows:
            complaints_lost += 1
            continue
        same_text = Complaint.objects.filter(text__contains=ack["key"]).count()
        if len(rows) > 1 or same_text > 1:
            complaints_duplicated += 1
        if rows[0][1] != ack["tracking"]:
            problems.append(f"complaint {ack['key']}: number changed")
        elif not Complaint.objects.get(pk=rows[0][0]).history.exists():
            problems.append(f"complaint {ack['key']}: no history")
    report = installation_verify()
    problems += report.problems
    print(
        json.dumps(
            {
                "acknowledged": len(acks["submissions"]),
                "lost": lost,
                "duplicated": duplicated,
                "uploads_acknowledged": len(acks["uploads"]),
                "uploads_lost": uploads_lost,
                "registrations_acknowledged": len(acks.get("registrations", [])),
                "registrations_lost": registrations_lost,
                "registrations_duplicated": registrations_duplicated,
                "vacancy_applications_acknowledged": len(acks.get("vacancy_applications", [])),
                "vacancy_applications_lost": vacancy_lost,
                "vacancy_applications_duplicated": vacancy_duplicated,
                "complaints_acknowledged": len(acks.get("complaints", [])),
                "complaints_lost": complaints_lost,
                "complaints_duplicated": complaints_duplicated,
                "applications": report.applications,
                "files_verified": report.files,
                "orphans_removed": len(cleanup.orphans),
                "temp_files_removed": len(cleanup.temp_files),
                "orphans_left": len(orphans_left),
                "problems": problems[:50],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
