"""Check the installation after the crash cycles (server stopped)::

    python scripts/durability/check.py ACKS.json

1. ``cleanup_orphans`` with no grace (nothing is in flight any more) removes what killed
   uploads left; then no stored file may be unreferenced.
2. Every acknowledged submission exists exactly once (same applicant, same key), with its
   frozen documents intact (each version's file against its sha256).
3. Every acknowledged application to a vacancy exists exactly once (same seeker, same
   key; one per seeker and vacancy) with its history.
   Likewise every acknowledged event registration (one per seeker and event), and no job
   fair has more seats taken than its quota or people waiting while seats are free.
4. Every acknowledged objection to a card revocation is recorded once (its text, one
   history row, one audit row).
5. Every acknowledged upload exists with its file intact; every acknowledged organisation
   Every acknowledged complaint exists exactly once (the hash of its key, its number)
   with its history.
4. Every acknowledged upload exists with its file intact; every acknowledged organisation
   registration exists once (its owner, its NIB) with its document intact.
6. Every seeker's last acknowledged matching switches (``alert_settings_update``) are
   what the database holds; every counter booking exists once and each day's count
   matches its tickets.
7. Every acknowledged training registration exists exactly once (same seeker, same key;
   one per seeker and wave) with its history; every acknowledged confirmation left the
   registration confirmed with one history row and one audit row.
8. ``installation_verify``: every stored file against its recorded checksum, no
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
    objections_lost, objections_duplicated = 0, 0
    from pencaker.cards.models import CardRevocation
    from pencaker.core.models import AuditEvent

    for ack in acks.get("objections", []):
        revocation = CardRevocation.objects.filter(
            pk=ack["revocation"], card__holder__email=ack["email"]
        ).first()
        if revocation is None or revocation.status != "objected":
            objections_lost += 1
            continue
        if revocation.objection != ack["text"]:
            problems.append(f"objection {ack['revocation']}: text changed")
        recorded = AuditEvent.objects.filter(
            action="card.revocation_objected", object_id=str(revocation.pk)
        ).count()
        moves = revocation.history.filter(to_status="objected").count()
        if recorded > 1 or moves > 1:
            objections_duplicated += 1
        elif recorded == 0 or moves == 0:
            problems.append(f"objection {ack['revocation']}: no audit row or history")
    events_lost, events_duplicated = 0, 0
    from pencaker.events.choices import SEATED
    from pencaker.events.models import Event, Registration

    for ack in acks.get("event_registrations", []):
        rows = list(
            Registration.objects.filter(
                seeker__email=ack["email"], idempotency_key=ack["key"]
            ).values_list("pk", "event_id")
        )
        if not rows:
            events_lost += 1
            continue
        same_event = Registration.objects.filter(
            seeker__email=ack["email"], event_id=ack["event"]
        ).count()
        if len(rows) > 1 or same_event > 1:
            events_duplicated += 1
        if rows[0] != (ack["id"], ack["event"]):
            problems.append(f"event registration {ack['key']}: changed")
        elif not Registration.objects.get(pk=ack["id"]).history.exists():
            problems.append(f"event registration {ack['key']}: no history")
    for event in Event.objects.filter(title__startswith="Bursa Kerja Durability"):
        seated = Registration.objects.filter(event=event, status__in=SEATED).count()
        waiting = Registration.objects.filter(event=event, status="waitlisted").count()
        if event.quota and seated > event.quota:
            problems.append(f"event {event.pk}: {seated} seats for a quota of {event.quota}")
        if waiting and event.quota and seated < event.quota:
            problems.append(f"event {event.pk}: people wait while seats are free")
    attendance_lost, attendance_duplicated = 0, 0
    from pencaker.training.models_running import Attendance

    for ack in acks.get("training_attendance", []):
        rows = Attendance.objects.filter(
            registration_id=ack["registration"],
            session_id=ack["session"],
            registration__seeker__email=ack["email"],
        )
        count = rows.count()
        if count == 0 or not rows.filter(present=True).exists():
            attendance_lost += 1
        elif count > 1:
            attendance_duplicated += 1
    counter_lost, counter_duplicated = 0, 0
    from django.db.models import Count

    from pencaker.counter.models import DailyCount, Ticket

    for ack in acks.get("counter_bookings", []):
        rows = list(
            Ticket.objects.filter(idempotency_key=ack["key"]).values_list(
                "token", "service", "number"
            )
        )
        if not rows:
            counter_lost += 1
            continue
        if len(rows) > 1:
            counter_duplicated += 1
        token, service, number = rows[0]
        if token != ack["token"] or f"{service}-{number:03d}" != ack["code"]:
            problems.append(f"counter booking {ack['key']}: changed")
    issued = {
        (row["office_id"], row["day"], row["service"]): row["n"]
        for row in Ticket.objects.values("office_id", "day", "service").annotate(n=Count("id"))
    }
    for count in DailyCount.objects.all():
        if issued.get((count.office_id, count.day, count.service), 0) != count.issued:
            problems.append(f"counter {count.day} {count.service}: count and tickets differ")
    # The switches: each seeker's last acknowledged answer is what the database holds
    # (a thread switches one seeker at a time, so the last answer per seeker is final).
    from pencaker.matching.models import MatchProfile

    last: dict[str, dict] = {}
    for ack in acks.get("matching_settings", []):
        last[ack["email"]] = ack
    settings_lost = 0
    for email, ack in last.items():
        row = MatchProfile.objects.filter(user__email=email).first()
        if row is None or (row.discoverable, row.alerts_enabled) != (
            ack["discoverable"],
            ack["alerts"],
        ):
            settings_lost += 1
            problems.append(f"matching switches of {email}: not the last answer")
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
    training_lost, training_duplicated = 0, 0
    from pencaker.training.models import Registration as TrainingRegistration

    for ack in acks.get("training_registrations", []):
        rows = list(
            TrainingRegistration.objects.filter(
                seeker__email=ack["email"], idempotency_key=ack["key"]
            ).values_list("pk", "wave_id")
        )
        if not rows:
            training_lost += 1
            continue
        same_wave = TrainingRegistration.objects.filter(
            seeker__email=ack["email"], wave_id=ack["wave"]
        ).count()
        if len(rows) > 1 or same_wave > 1:
            training_duplicated += 1
        if rows[0] != (ack["id"], ack["wave"]):
            problems.append(f"training registration {ack['key']}: changed")
        elif not TrainingRegistration.objects.get(pk=ack["id"]).history.exists():
            problems.append(f"training registration {ack['key']}: no history")
    confirmations_lost, confirmations_duplicated = 0, 0
    for ack in acks.get("training_confirmations", []):
        registration = TrainingRegistration.objects.filter(
            pk=ack["id"], seeker__email=ack["email"]
        ).first()
        if registration is None or registration.status != "confirmed":
            confirmations_lost += 1
            continue
        moves = registration.history.filter(to_status="confirmed").count()
        recorded = AuditEvent.objects.filter(
            action="training.confirmed", object_id=str(registration.pk)
        ).count()
        if moves > 1 or recorded > 1:
            confirmations_duplicated += 1
        elif moves == 0 or recorded == 0:
            problems.append(f"training confirmation {ack['id']}: no history or audit row")
    # Phone sign-ups and account claims: each acknowledged number is the verified login of
    # exactly one account, made once (one audit row), with the password that was chosen.
    from pencaker.accounts.models import User
    from pencaker.core.audit import AuditAction
    from pencaker.core.models import AuditEvent

    def _once(phone: str, action: str) -> tuple[bool, bool]:
        users = list(User.objects.filter(phone=phone, phone_verified_at__isnull=False))
        if not users:
            return True, False
        events = AuditEvent.objects.filter(action=action, object_id=str(users[0].pk)).count()
        return False, len(users) > 1 or events != 1

    phone_lost, phone_duplicated = 0, 0
    for ack in acks.get("phone_signups", []):
        missing, twice = _once(ack["phone"], AuditAction.ACCOUNT_PHONE_REGISTERED)
        phone_lost += missing
        phone_duplicated += twice
    claims_lost, claims_duplicated = 0, 0
    from pencaker.seekers.models import JobSeekerProfile

    for ack in acks.get("account_claims", []):
        missing, twice = _once(ack["phone"], AuditAction.EXCHANGE_ACCOUNT_CLAIMED)
        claims_lost += missing
        claims_duplicated += twice
        if not missing:
            profile = JobSeekerProfile.objects.select_related("user").get(nik=ack["nik"])
            if profile.user.phone != ack["phone"] or not profile.user.has_usable_password():
                problems.append(f"claim of {ack['nik']}: not the claimed account")
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
                "objections_acknowledged": len(acks.get("objections", [])),
                "objections_lost": objections_lost,
                "objections_duplicated": objections_duplicated,
                "event_registrations_acknowledged": len(acks.get("event_registrations", [])),
                "event_registrations_lost": events_lost,
                "event_registrations_duplicated": events_duplicated,
                "counter_bookings_acknowledged": len(acks.get("counter_bookings", [])),
                "counter_bookings_lost": counter_lost,
                "counter_bookings_duplicated": counter_duplicated,
                "matching_settings_acknowledged": len(acks.get("matching_settings", [])),
                "matching_settings_lost": settings_lost,
                "complaints_acknowledged": len(acks.get("complaints", [])),
                "complaints_lost": complaints_lost,
                "complaints_duplicated": complaints_duplicated,
                "training_registrations_acknowledged": len(acks.get("training_registrations", [])),
                "training_registrations_lost": training_lost,
                "training_registrations_duplicated": training_duplicated,
                "training_confirmations_acknowledged": len(acks.get("training_confirmations", [])),
                "training_confirmations_lost": confirmations_lost,
                "training_confirmations_duplicated": confirmations_duplicated,
                "training_attendance_acknowledged": len(acks.get("training_attendance", [])),
                "training_attendance_lost": attendance_lost,
                "training_attendance_duplicated": attendance_duplicated,
                "phone_signups_acknowledged": len(acks.get("phone_signups", [])),
                "phone_signups_lost": phone_lost,
                "phone_signups_duplicated": phone_duplicated,
                "account_claims_acknowledged": len(acks.get("account_claims", [])),
                "account_claims_lost": claims_lost,
                "account_claims_duplicated": claims_duplicated,
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
