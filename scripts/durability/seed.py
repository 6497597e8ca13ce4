"""Seed the durability/load installation: the demo office and staff, N job seekers with
complete profiles and the three required documents, and an API token for each; and
``employer_accounts(N)`` employer accounts (no organisation yet) with their tokens, for the
organisation registrations; ``revoked_holders(N)`` holders of revoked cards, for the
objections.

Run inside the installation's environment (DJANGO_SETTINGS_MODULE, PENCAKER_DATA_DIR,
DATABASE_URL)::

    python scripts/durability/seed.py N OUT.json

Uses the test factories (dev dependencies): this is test tooling, not product code.
"""

from __future__ import annotations

import io
import json
import sys


def jpeg(kind: str, colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    size = (450, 600) if kind == "photo" else (800, 500)
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def bench_extras(clients: list[dict]) -> dict:
    """For the load benchmark: an operator token, and a card issued to one more seeker."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pencaker.accounts.api_auth import token_issue
    from pencaker.accounts.models import Role, User
    from pencaker.applications import services
    from pencaker.cards.services import card_issue
    from pencaker.documents.services import document_upload
    from pencaker.offices.models import Office
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    office = Office.objects.get(code="16.71")
    operator = User.objects.get(email="operator@demo.pencaker.id")
    holder = CompleteProfileFactory(user__email="holder@durability.test").user
    for kind in ("ktp", "photo", "ijazah"):
        document_upload(
            actor=holder,
            owner=holder,
            kind=kind,
            uploaded_file=SimpleUploadedFile(f"{kind}.jpg", jpeg(kind, (9, 9, 9)), "image/jpeg"),
        )
    application, _ = services.application_submit(actor=holder, idempotency_key="bench-card")
    services.application_claim(actor=operator, application_id=application.pk)
    application = services.application_approve(actor=operator, application_id=application.pk)
    card = card_issue(application=application, actor=operator)
    assert operator.role == Role.OPERATOR and operator.office_id == office.pk
    return {
        "operator_token": token_issue(user=operator, name="bench"),
        "card": {"number": card.number, "birth_date": card.birth_date.isoformat()},
        "password": "Rahasia-123!",
    }


EMPLOYERS_PER_THREAD = 10


def employer_threads(count: int) -> int:
    return max(1, count // 5)


def employer_accounts(count: int) -> list[list[dict]]:
    """Accounts for each employer client thread (one registration per account)."""
    from pencaker.accounts.api_auth import token_issue
    from pencaker.accounts.models import Role, User

    groups = []
    for thread in range(employer_threads(count)):
        group = []
        for n in range(EMPLOYERS_PER_THREAD):
            user = User.objects.create_user(
                email=f"employer{thread}-{n}@durability.test", password=None, role=Role.EMPLOYER
            )
            group.append({"email": user.email, "token": token_issue(user=user, name="load")})
        groups.append(group)
    return groups


VACANCIES = 10
APPLICANTS_PER_THREAD = 3


def applicant_threads(count: int) -> int:
    return max(1, count // 10)


def vacancy_applicants(count: int) -> dict:
    """``VACANCIES`` published vacancies of the first demo employer (through the services),
    and job seekers with complete profiles and tokens for each applicant thread."""
    import datetime as dt

    from django.utils import timezone

    from pencaker.accounts.api_auth import token_issue
    from pencaker.accounts.models import User
    from pencaker.employers.models import Membership
    from pencaker.seekers.tests.factories import CompleteProfileFactory
    from pencaker.vacancies import services

    owner = Membership.objects.filter(role="owner").select_related("user", "organisation").first()
    operator = User.objects.get(email="operator@demo.pencaker.id")
    ids = []
    for n in range(VACANCIES):
        vacancy = services.vacancy_create(
            actor=owner.user,
            title=f"Lowongan Durability {n}",
            occupation="9321",
            location=owner.organisation.office.region,
            employment_type="daily",
            salary_by_agreement=True,
            closing_date=timezone.localdate() + dt.timedelta(days=30),
        )
        services.vacancy_submit(actor=owner.user, vacancy_id=vacancy.pk)
        services.vacancy_publish(actor=operator, vacancy_id=vacancy.pk)
        ids.append(vacancy.pk)
    groups = []
    for thread in range(applicant_threads(count)):
        group = []
        for n in range(APPLICANTS_PER_THREAD):
            user = CompleteProfileFactory(user__email=f"applicant{thread}-{n}@durability.test").user
            group.append({"email": user.email, "token": token_issue(user=user, name="load")})
        groups.append(group)
    return {"vacancies": ids, "applicants": groups}


OBJECTORS_PER_THREAD = 2


def objector_threads(count: int) -> int:
    return max(1, count // 10)


def revoked_holders(count: int) -> list[list[dict]]:
    """Holders whose card was revoked (asked by the demo admin dinas, confirmed by a head
    of office) and who may object (``card_revocation_object``), for each objector thread."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pencaker.accounts.api_auth import token_issue
    from pencaker.accounts.models import Role, User
    from pencaker.applications import services
    from pencaker.cards.services import (
        card_issue_record,
        card_revocation_confirm,
        card_revocation_request,
    )
    from pencaker.documents.services import document_upload
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    admin = User.objects.get(email="admin@demo.pencaker.id")
    operator = User.objects.get(email="operator@demo.pencaker.id")
    head = User.objects.create_user(
        email="pimpinan@durability.test", password=None, role=Role.PIMPINAN, office=admin.office
    )
    groups = []
    for thread in range(objector_threads(count)):
        group = []
        for n in range(OBJECTORS_PER_THREAD):
            user = CompleteProfileFactory(user__email=f"objector{thread}-{n}@durability.test").user
            for kind in ("ktp", "photo", "ijazah"):
                document_upload(
                    actor=user,
                    owner=user,
                    kind=kind,
                    uploaded_file=SimpleUploadedFile(
                        f"{kind}.jpg", jpeg(kind, (30, 30, 30)), "image/jpeg"
                    ),
                )
            application, _ = services.application_submit(actor=user)
            services.application_claim(actor=operator, application_id=application.pk)
            application = services.application_approve(
                actor=operator, application_id=application.pk
            )
            card, _ = card_issue_record(application=application, actor=operator)
            revocation = card_revocation_request(
                actor=admin,
                card_id=card.pk,
                reason="issued_in_error",
                note="Durability test",
                evidence=[SimpleUploadedFile("bukti.jpg", jpeg("ktp", (60, 60, 60)), "image/jpeg")],
            )
            card_revocation_confirm(actor=head, revocation_id=revocation.pk)
            group.append(
                {
                    "email": user.email,
                    "token": token_issue(user=user, name="load"),
                    "revocation": revocation.pk,
                }
            )
        groups.append(group)
    return groups


EVENTS = 3


def event_registrations(applicants: list[list[dict]]) -> dict:
    """``EVENTS`` upcoming job fairs of the demo office (through the events services),
    each with a quota below the number of applicant accounts, so that parallel
    registrations fill it and the rest wait: the harness's event clients register every
    applicant account for every event."""
    import datetime as dt

    from django.utils import timezone

    from pencaker.accounts.models import User
    from pencaker.events import services

    operator = User.objects.get(email="operator@demo.pencaker.id")
    people = sum(len(group) for group in applicants)
    start = timezone.now() + dt.timedelta(days=10)
    ids = []
    for n in range(EVENTS):
        event = services.event_create(
            actor=operator,
            data=services.EventInput(
                kind="job_fair",
                title=f"Bursa Kerja Durability {n}",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=6),
                place="Gedung Serbaguna",
                quota=max(1, people // 2),
            ),
        )
        ids.append(event.pk)
    return {"events": ids}


def training_waves(applicants: list[list[dict]]) -> dict:
    """A training programme of the demo office (through the training services) with two
    lottery waves: one open, which the harness's training clients register every applicant
    account for, and one already drawn with every applicant account selected, whose
    places they confirm."""
    import datetime as dt

    from django.utils import timezone

    from pencaker.accounts.models import User
    from pencaker.training import services

    operator = User.objects.get(email="operator@demo.pencaker.id")
    people = [account for group in applicants for account in group]
    programme = services.programme_create(
        actor=operator,
        data={
            "title": "Pelatihan Durability",
            "provider_kind": "blk",
            "provider_name": "BLK",
            "mode": "in_person",
            "rules": ["age"],
        },
    )
    now = timezone.now()
    waves = [
        services.wave_create(
            actor=operator,
            programme_id=programme.pk,
            data={
                "opens_at": now - dt.timedelta(days=1),
                "closes_at": now + dt.timedelta(days=30),
                "quota": max(1, len(people)),
                "priority_quota": 0,
                "method": "lottery",
                "confirm_days": 30,
            },
        )
        for _ in range(2)
    ]
    services.programme_advance(actor=operator, programme_id=programme.pk, to="published")
    for wave in waves:
        services.wave_advance(actor=operator, wave_id=wave.pk, to="published")
        services.wave_advance(actor=operator, wave_id=wave.pk, to="registration_open")
    drawn = waves[1]
    places = {}
    for account in people:
        user = User.objects.get(email=account["email"])
        registration, _ = services.registration_create(actor=user, wave_id=drawn.pk)
        places[account["email"]] = registration.pk
    services.wave_close(actor=operator, wave_id=drawn.pk)
    services.wave_draw(actor=operator, wave_id=drawn.pk)
    return {"training_wave": waves[0].pk, "training_places": places}


TRAINING_SESSIONS = 3


def training_participants(applicants: list[list[dict]]) -> dict:
    """A running training wave of the demo office with every applicant account confirmed
    as a participant and ``TRAINING_SESSIONS`` sessions; the harness's attendance clients
    record each participant at each session with the session's QR token
    (``training_attendance_scan``)."""
    import datetime as dt

    from django.utils import timezone

    from pencaker.accounts.models import User
    from pencaker.offices.models import Office
    from pencaker.training.models import Programme, Registration, TrainingSession, Wave
    from pencaker.training.services_running import attendance_qr_token

    office = Office.objects.order_by("pk").first()
    now = timezone.now()
    programme = Programme.objects.create(
        office=office, title="Pelatihan Durability", provider_name="BLK", status="published"
    )
    wave = Wave.objects.create(
        programme=programme,
        number=1,
        opens_at=now - dt.timedelta(days=30),
        closes_at=now - dt.timedelta(days=20),
        quota=max(1, sum(len(g) for g in applicants)),
        status="running",
    )
    tokens = []
    for n in range(TRAINING_SESSIONS):
        session = TrainingSession.objects.create(
            wave=wave, date=timezone.localdate(), start_time=dt.time(8 + n), end_time=dt.time(9 + n)
        )
        tokens.append({"session": session.pk, "token": attendance_qr_token(session)})
    emails = [account["email"] for group in applicants for account in group]
    for n, user in enumerate(User.objects.filter(email__in=emails).order_by("pk")):
        Registration.objects.create(
            wave=wave, seeker=user, public_id=f"D{n:05d}", status="confirmed", rank=n + 1
        )
    return {"training_sessions": tokens}


def counter_office(count_threads: int) -> dict:
    """The demo office's counter, with room for every booking the counter threads make
    (the harness checks durability, not the capacity: the suite tests that)."""
    from pencaker.counter.choices import Service
    from pencaker.counter.models import ServiceCapacity
    from pencaker.offices.models import Office

    office = Office.objects.order_by("pk").first()
    for service in Service:
        ServiceCapacity.objects.update_or_create(
            office=office, service=service.value, defaults={"daily_capacity": 5000}
        )
    return {"counter_office": office.code, "counter_threads": max(1, count_threads)}


def complaint_senders(count: int) -> dict:
    """Signed-out complainants (``complaint_submit`` needs no account): a thread per ten
    clients, all to the demo office."""
    from pencaker.offices.models import Office

    office = Office.objects.order_by("code").first()
    return {"complaint_threads": max(1, count // 10), "complaint_office": office.code}


def claim_holders(count: int) -> dict:
    """Imported AK/1 holders (unclaimed accounts with NIK and birth date, as
    ``import_holders`` makes them) for the claim threads, each with the mobile number the
    claim uses; and the number of phone sign-up threads. A thread of each per twenty
    clients: the suite's short form (10 clients) runs without them, so its load and
    runtime stay as they were (their clients are tested against a live server in
    ``ops/tests/test_durability_phone_clients.py``); ``make durability`` (50) has two."""
    import datetime as dt

    from pencaker.offices.models import Office
    from pencaker.regions.models import Region
    from pencaker.regions.nik import build_nik
    from pencaker.seekers.services.imported import ImportedPerson, profiles_import_bulk

    office = Office.objects.get(code="16.71")
    village = Region.objects.filter(level="village", code__startswith="16.71.01.").first()
    threads = count // 20
    groups = []
    serial = 9000
    for thread in range(threads):
        people, group = [], []
        for n in range(20):
            serial += 1
            birth = dt.date(1990, 1, 1) + dt.timedelta(days=serial % 3000)
            nik = build_nik(district_code="16.71.01", birth_date=birth, sex="M", serial=serial)
            people.append(
                ImportedPerson(
                    nik=nik,
                    full_name=f"Pemegang Lama {thread}-{n}",
                    birth_place="Palembang",
                    birth_date=birth,
                    sex="M",
                    address_line="Jl. Arsip 1",
                    village_code=village.code,
                )
            )
            group.append(
                {
                    "nik": nik,
                    "birth_date": birth.isoformat(),
                    "phone": f"+628136{thread:02d}{n:05d}",
                }
            )
        profiles_import_bulk(office=office, people=people)
        groups.append(group)
    return {"claim_holders": groups, "phone_threads": threads}


def main() -> int:
    count, out = int(sys.argv[1]), sys.argv[2]
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from pencaker.accounts.api_auth import token_issue
    from pencaker.demo.seed import seed_all
    from pencaker.documents.services import document_upload
    from pencaker.seekers.tests.factories import CompleteProfileFactory

    seed_all()
    clients = []
    for n in range(count):
        with transaction.atomic():
            user = CompleteProfileFactory(user__email=f"load{n}@durability.test").user
            for kind in ("ktp", "photo", "ijazah"):
                document_upload(
                    actor=user,
                    owner=user,
                    kind=kind,
                    uploaded_file=SimpleUploadedFile(
                        f"{kind}.jpg", jpeg(kind, (n % 250, 80, 160)), "image/jpeg"
                    ),
                )
            clients.append({"email": user.email, "token": token_issue(user=user, name="load")})
    result = {"clients": clients, "employers": employer_accounts(count)}
    result.update(vacancy_applicants(count))
    result["objectors"] = revoked_holders(count)
    result.update(event_registrations(result["applicants"]))
    result.update(training_waves(result["applicants"]))
    result.update(training_participants(result["applicants"]))
    result.update(counter_office(max(1, count // 10)))
    result.update(complaint_senders(count))
    result.update(claim_holders(count))
    if "--bench" in sys.argv:
        result.update(bench_extras(clients))
    with open(out, "w") as handle:
        json.dump(result, handle)
    print(f"seeded {count} job seekers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
