"""Demo data for the embedded default: one office (Kota Palembang), its staff (with a
complaints officer), a job seeker with a complete profile, two verified employers and one
anonymous complaint in the complaints queue. Every step is idempotent: running it again changes nothing
and duplicates nothing.
"""

from __future__ import annotations

import io
from base64 import b32decode
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from pencaker.accounts.models import STAFF_ROLES, Role, User
from pencaker.applications import services as applications
from pencaker.applications.models import Application
from pencaker.cards.selectors import card_current_of_holder
from pencaker.documents.selectors import documents_current_for
from pencaker.documents.services import document_upload
from pencaker.offices.models import Office
from pencaker.regions.models import Region
from pencaker.regions.services import regions_import_csv
from pencaker.seekers.demo import seed_demo_profile

DATA = Path(__file__).parent / "data"
OFFICE_CODE = "16.71"
DEMO_PASSWORD = "pencaker-demo-2026"  # noqa: S105 - demo only, printed by make run
EMPLOYER_EMAIL = "employer@demo.pencaker.id"
COMPLAINTS_OFFICER_EMAIL = "pengaduan@demo.pencaker.id"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    note: str = ""


def seed_regions() -> int:

    with (DATA / "regions_demo.csv").open(encoding="utf-8") as handle:
        return regions_import_csv(handle=handle).total


def seed_office():

    office, _ = Office.objects.update_or_create(
        code=OFFICE_CODE,
        defaults={
            "name": "Dinas Tenaga Kerja Kota Palembang",
            "region": Region.objects.get(code=OFFICE_CODE),
            "address": "Jl. Merdeka No. 1, Palembang",
            "phone": "0711-000000",
            "email": "disnaker@palembang.example.go.id",
            "whatsapp": "0812-0000-0000",
            "counter_hours": "Senin–Jumat 08.00–15.00",
            "letterhead_line1": "PEMERINTAH KOTA PALEMBANG",
            "letterhead_line2": "DINAS TENAGA KERJA",
            "signer_name": "Demo Pengantar Kerja, S.E.",
            "signer_nip": "198001012005011001",
        },
    )
    return office


def seed_users(office) -> list[DemoLogin]:

    logins = [
        DemoLogin(
            Role.ADMIN_DINAS,
            "admin@demo.pencaker.id",
            DEMO_PASSWORD,
            "2FA: TOTP secret PENCAKERDEMOADMINTOTPSECRETKEY23 or backup code admin111",
        ),
        DemoLogin(
            Role.OPERATOR,
            "operator@demo.pencaker.id",
            DEMO_PASSWORD,
            "2FA: TOTP secret PENCAKERDEMOOPERATORTOTPSECRET23 or backup code operator111",
        ),
        DemoLogin(
            Role.COMPLAINTS_OFFICER,
            COMPLAINTS_OFFICER_EMAIL,
            DEMO_PASSWORD,
            "sees the complaints queue and complainants' identities; 2FA: TOTP secret "
            "PENCAKERDEMOCOMPLAINTSTOTPSECRET or backup code pengaduan111",
        ),
        DemoLogin(
            Role.JOB_SEEKER,
            "pencaker@demo.pencaker.id",
            DEMO_PASSWORD,
            "complete profile and an issued, signed AK/1 card",
        ),
        DemoLogin(
            Role.EMPLOYER,
            EMPLOYER_EMAIL,
            DEMO_PASSWORD,
            "owner of a verified employer; 2FA: TOTP secret PENCAKERDEMOEMPLOYERTOTPSECRET23 "
            "or backup code employer111",
        ),
    ]
    for login in logins:
        staff = login.role in STAFF_ROLES
        user, created = User.objects.get_or_create(
            email=login.email,
            defaults={
                "role": login.role,
                "office": office if staff else None,
                "phone": "+6281100000000",
            },
        )
        if created:
            user.set_password(login.password)
            user.save()
    logins.append(seed_phone_citizen())
    return logins


INSTALLATION_ADMIN_EMAIL = "instalasi@demo.pencaker.id"
PROVINCE_ADMIN_EMAIL = "provinsi@demo.pencaker.id"
PROVINCE_CODE = "16"


def seed_installation() -> list[DemoLogin]:
    """The installation administrator (adds offices, no office of its own) and the province
    office of Sumatera Selatan with its admin dinas, who reads the province dashboard over
    the kabupaten/kota offices (ADR 0031). Idempotent."""
    from pencaker.offices.choices import OfficeKind

    province, _ = Office.objects.update_or_create(
        code=PROVINCE_CODE,
        defaults={
            "name": "Dinas Tenaga Kerja dan Transmigrasi Provinsi Sumatera Selatan",
            "region": Region.objects.get(code=PROVINCE_CODE),
            "kind": OfficeKind.PROVINCE,
            "address": "Jl. Kapten A. Rivai, Palembang",
        },
    )
    for email, role, office in (
        (INSTALLATION_ADMIN_EMAIL, Role.INSTALLATION_ADMIN, None),
        (PROVINCE_ADMIN_EMAIL, Role.ADMIN_DINAS, province),
    ):
        user, created = User.objects.get_or_create(
            email=email, defaults={"role": role, "office": office}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
    return [
        DemoLogin(
            Role.INSTALLATION_ADMIN,
            INSTALLATION_ADMIN_EMAIL,
            DEMO_PASSWORD,
            "adds offices at /kantor/instalasi/; 2FA: TOTP secret "
            "PENCAKERDEMOINSTALASITOTPSECRET2 or backup code instalasi111",
        ),
        DemoLogin(
            Role.ADMIN_DINAS,
            PROVINCE_ADMIN_EMAIL,
            DEMO_PASSWORD,
            "province office (Sumatera Selatan): the dashboard at /laporan/provinsi/; 2FA: "
            "TOTP secret PENCAKERDEMOPROVINSITOTPSECRET23 or backup code provinsi111",
        ),
    ]


DEMO_PHONE = "+6281300000001"


def seed_phone_citizen() -> DemoLogin:
    """A phone-first citizen (ADR 0027): no email, logs in with the number."""
    user = User.objects.filter(phone=DEMO_PHONE, phone_verified_at__isnull=False).first()
    if user is None:
        user = User.objects.create_user(
            email=None,
            password=DEMO_PASSWORD,
            phone=DEMO_PHONE,
            phone_verified_at=timezone.now(),
            full_name="Warga Tanpa Email",
            role=Role.JOB_SEEKER,
        )
    return DemoLogin(
        Role.JOB_SEEKER,
        "0813 0000 0001",
        DEMO_PASSWORD,
        "phone-only account (no email): log in with the number; messages come by SMS",
    )


# Fixed, public demo secrets (base32) so a newcomer can pass staff two-factor
# authentication. Never use them outside a demo installation.
DEMO_TOTP_SECRETS = {
    "admin@demo.pencaker.id": "PENCAKERDEMOADMINTOTPSECRETKEY23",
    "operator@demo.pencaker.id": "PENCAKERDEMOOPERATORTOTPSECRET23",
    "employer@demo.pencaker.id": "PENCAKERDEMOEMPLOYERTOTPSECRET23",
    COMPLAINTS_OFFICER_EMAIL: "PENCAKERDEMOCOMPLAINTSTOTPSECRET",
    INSTALLATION_ADMIN_EMAIL: "PENCAKERDEMOINSTALASITOTPSECRET2",
    PROVINCE_ADMIN_EMAIL: "PENCAKERDEMOPROVINSITOTPSECRET23",
}
DEMO_BACKUP_CODES = {
    "admin@demo.pencaker.id": ["admin111", "admin222", "admin333"],
    "operator@demo.pencaker.id": ["operator111", "operator222", "operator333"],
    "employer@demo.pencaker.id": ["employer111", "employer222", "employer333"],
    COMPLAINTS_OFFICER_EMAIL: ["pengaduan111", "pengaduan222", "pengaduan333"],
    INSTALLATION_ADMIN_EMAIL: ["instalasi111", "instalasi222", "instalasi333"],
    PROVINCE_ADMIN_EMAIL: ["provinsi111", "provinsi222", "provinsi333"],
}


def seed_two_factor() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for email, secret in DEMO_TOTP_SECRETS.items():
        user = User.objects.get(email=email)
        TOTPDevice.objects.update_or_create(
            user=user,
            name="demo",
            defaults={
                "key": b32decode(secret).hex(),
                "confirmed": True,
                "throttling_failure_count": 0,
            },
        )
        static, _ = StaticDevice.objects.get_or_create(
            user=user, name="demo-backup", defaults={"confirmed": True}
        )
        static.throttle_reset()
        for code in DEMO_BACKUP_CODES[email]:
            StaticToken.objects.get_or_create(device=static, token=code)


def _demo_jpeg(size: tuple[int, int], colour: tuple[int, int, int], text: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).text((20, 20), text, fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _demo_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(72, 760, text)
    pdf.save()
    return buffer.getvalue()


def seed_seeker(seeker_email: str = "pencaker@demo.pencaker.id") -> None:
    """The demo job seeker: a complete profile and the three required documents."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    user = User.objects.get(email=seeker_email)
    seed_demo_profile(user)
    present = documents_current_for(user)
    files = {
        "ktp": ("ktp-demo.jpg", _demo_jpeg((856, 540), (200, 220, 255), "KTP DEMO"), "image/jpeg"),
        "photo": ("foto-demo.jpg", _demo_jpeg((360, 480), (180, 30, 30), "FOTO 3x4"), "image/jpeg"),
        "ijazah": (
            "ijazah-demo.pdf",
            _demo_pdf("IJAZAH DEMO - bukan dokumen asli"),
            "application/pdf",
        ),
    }
    for kind, (name, content, content_type) in files.items():
        if kind not in present:
            document_upload(
                actor=user,
                owner=user,
                kind=kind,
                uploaded_file=SimpleUploadedFile(name, content, content_type=content_type),
            )


def seed_card(
    seeker_email: str = "pencaker@demo.pencaker.id",
    operator_email: str = "operator@demo.pencaker.id",
) -> None:
    """The demo job seeker's approved AK/1 request and issued, signed card (idempotent)."""

    seeker = User.objects.get(email=seeker_email)
    operator = User.objects.get(email=operator_email)
    if card_current_of_holder(seeker) is not None:
        return
    application = Application.objects.filter(applicant=seeker, status="approved").first()
    if application is None:
        application, _created = applications.application_submit(
            actor=seeker, idempotency_key="demo-seed-card"
        )
        if application.status == "submitted":
            applications.application_claim(actor=operator, application_id=application.pk)
        application = applications.application_approve(
            actor=operator, application_id=application.pk, note="Demo"
        )
    applications.application_card_issue(application=application, actor=operator)


# Two verified employers of the demo office; the first is the demo employer login's.
DEMO_EMPLOYERS = [
    {
        "owner": EMPLOYER_EMAIL,
        "owner_name": "Dewi Lestari",
        "legal_name": "PT Sriwijaya Roti Abadi",
        "type": "pt",
        "nib": "9120001234567",
        "npwp": "013121660091000",
        "sector": "10710",
        "address_line": "Jl. Kolonel Atmo No. 5",
        "village": "16.71.01.1001",
        "postal_code": "30121",
        "contact_name": "Dewi Lestari",
        "phone": "+6281200000001",
        "email": "hrd@sriwijaya-roti.demo.pencaker.id",
        "size_band": "20_99",
        "website": "https://sriwijaya-roti.demo.pencaker.id",
    },
    {
        "owner": "koperasi@demo.pencaker.id",
        "owner_name": "Ahmad Fauzi",
        "legal_name": "Koperasi Karya Musi Sejahtera",
        "type": "koperasi",
        "nib": "9120007654321",
        "npwp": "",
        "sector": "14111",
        "address_line": "Jl. Merdeka No. 21",
        "village": "16.71.01.1002",
        "postal_code": "30121",
        "contact_name": "Ahmad Fauzi",
        "phone": "+6281200000002",
        "email": "pengurus@karya-musi.demo.pencaker.id",
        "size_band": "5_19",
        "website": "",
    },
]


def seed_employers(operator_email: str = "operator@demo.pencaker.id") -> None:
    """Two organisations registered with a document and verified by the demo operator."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pencaker.accounts.models import Role, User
    from pencaker.employers import services as employers
    from pencaker.employers.kbli import kbli_import_demo
    from pencaker.employers.models import Membership

    kbli_import_demo()
    operator = User.objects.get(email=operator_email)
    for entry in DEMO_EMPLOYERS:
        fields = dict(entry)
        email, name = fields.pop("owner"), fields.pop("owner_name")
        owner, created = User.objects.get_or_create(
            email=email,
            defaults={"role": Role.EMPLOYER, "full_name": name, "phone": fields["phone"]},
        )
        if created:
            owner.set_password(DEMO_PASSWORD)
            owner.save()
        if Membership.objects.filter(user=owner).exists():
            continue
        document = SimpleUploadedFile(
            "nib-demo.pdf", _demo_pdf(f"NIB DEMO {fields['legal_name']}"), "application/pdf"
        )
        organisation = employers.organisation_register(actor=owner, document=document, **fields)
        employers.organisation_verify(actor=operator, organisation_id=organisation.pk)


# One published vacancy per demo employer: one requiring the AK/1, one disability-friendly.
DEMO_VACANCIES = {
    "PT Sriwijaya Roti Abadi": {
        "title": "Pembuat Roti (Shift Pagi)",
        "description": "Membuat adonan, memanggang roti dan kue, menjaga kebersihan dapur produksi.",
        "occupation": "7512",
        "openings": 2,
        "min_education": "SMA",
        "skills": ["membuat adonan", "memanggang", "kebersihan pangan"],
        "employment_type": "contract",
        "salary_min": 3_600_000,
        "salary_max": 4_200_000,
        "hours": "Senin–Sabtu 05.00–13.00",
        "benefits": "BPJS Kesehatan dan Ketenagakerjaan, makan siang",
        "ak1_required": True,
    },
    "Koperasi Karya Musi Sejahtera": {
        "title": "Penjahit Songket dan Busana",
        "description": "Menjahit busana dan kain songket pesanan anggota koperasi.",
        "occupation": "7533",
        "openings": 3,
        "min_education": "SMP",
        "skills": ["menjahit", "mesin jahit"],
        "employment_type": "permanent",
        "salary_by_agreement": True,
        "hours": "Senin–Jumat 08.00–16.00",
        "disability_friendly": True,
        "accommodations": "Ruang kerja di lantai dasar tanpa tangga, meja jahit yang dapat diatur "
        "tingginya, jam kerja lentur.",
    },
}


def seed_vacancies(operator_email: str = "operator@demo.pencaker.id") -> None:
    """A published vacancy for each demo employer (sent and published through the
    services); skipped while the employer has a vacancy that is not closed."""
    import datetime as dt

    from pencaker.accounts.models import User
    from pencaker.employers.models import Membership
    from pencaker.vacancies import services as vacancies
    from pencaker.vacancies.kbji import kbji_import_demo
    from pencaker.vacancies.models import Vacancy

    kbji_import_demo()
    operator = User.objects.get(email=operator_email)
    for membership in Membership.objects.select_related("organisation__office__region").filter(
        role="owner", organisation__legal_name__in=list(DEMO_VACANCIES)
    ):
        organisation = membership.organisation
        if Vacancy.objects.filter(organisation=organisation).exclude(status="closed").exists():
            continue
        fields = dict(DEMO_VACANCIES[organisation.legal_name])
        fields["location"] = organisation.office.region
        fields["closing_date"] = timezone.localdate() + dt.timedelta(days=60)
        vacancy = vacancies.vacancy_create(actor=membership.user, **fields)
        vacancies.vacancy_submit(actor=membership.user, vacancy_id=vacancy.pk)
        vacancies.vacancy_publish(actor=operator, vacancy_id=vacancy.pk)


DEMO_FAIR_TITLE = "Bursa Kerja Kota Palembang"


def seed_job_fair(operator_email: str = "operator@demo.pencaker.id") -> None:
    """One upcoming job fair of the demo office, in three weeks, with the demo employers
    and their published vacancies (through the events services); skipped while an upcoming
    demo fair exists."""
    import datetime as dt

    from pencaker.accounts.models import User
    from pencaker.employers.models import Organisation
    from pencaker.events import services as events
    from pencaker.events.models import Event
    from pencaker.vacancies.models import Vacancy

    operator = User.objects.get(email=operator_email)
    if Event.objects.filter(
        office_id=operator.office_id, title=DEMO_FAIR_TITLE, ends_at__gt=timezone.now()
    ).exists():
        return
    day = timezone.localdate() + dt.timedelta(days=21)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    event = events.event_create(
        actor=operator,
        data=events.EventInput(
            kind="job_fair",
            title=DEMO_FAIR_TITLE,
            description="Bursa kerja dinas bersama pemberi kerja terverifikasi: bawa kartu "
            "AK/1 dan CV. Daftar dulu agar mendapat tiket QR.",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=7),
            place="Gedung Serbaguna Disnaker, Jl. Merdeka No. 1, Palembang",
            quota=200,
        ),
    )
    organisations = list(
        Organisation.objects.filter(legal_name__in=list(DEMO_VACANCIES), status="verified")
    )
    vacancies = Vacancy.objects.filter(organisation__in=organisations, status="published")
    events.event_employers_set(
        actor=operator,
        event_id=event.pk,
        organisation_ids=[o.pk for o in organisations],
        vacancy_ids=list(vacancies.values_list("pk", flat=True)),
    )


def seed_matching(seeker_email: str = "pencaker@demo.pencaker.id") -> None:
    """The demo skill vocabulary, and the demo seeker opted in to be found and to get
    vacancy alerts (both are off by default for everyone else)."""
    from pencaker.accounts.models import User
    from pencaker.matching.services import matching_settings_update
    from pencaker.matching.vocabulary import skills_import_demo

    skills_import_demo()
    user = User.objects.get(email=seeker_email)
    matching_settings_update(actor=user, discoverable=True, alerts_enabled=True)


DEMO_COMPLAINT_KEY = "demo-complaint-fees-1"
DEMO_COMPLAINT_TEXT = (
    "Di loket pendaftaran kartu AK/1 saya diminta membayar Rp50.000 agar kartu cepat jadi. "
    "Bukankah layanan ini gratis?"
)


def seed_complaint() -> None:
    """One anonymous complaint about a fee, so the demo complaints queue is not empty
    (the same Idempotency-Key on every run: one complaint, however often seeded)."""
    from pencaker.complaints.choices import Category, Privacy
    from pencaker.complaints.services import ComplaintInput, complaint_submit

    office = Office.objects.get(code=OFFICE_CODE)
    complaint_submit(
        actor=None,
        data=ComplaintInput(
            office=office,
            category=Category.FEES,
            text=DEMO_COMPLAINT_TEXT,
            privacy=Privacy.ANONYMOUS,
        ),
        idempotency_key=DEMO_COMPLAINT_KEY,
    )


DEMO_ANNOUNCEMENT_TITLE = "Layanan kartu AK/1 kini daring"
DEMO_FAQ = (
    (
        "Berapa biaya membuat kartu AK/1?",
        "Gratis. Laporkan melalui kanal pengaduan bila ada yang meminta bayaran.",
        10,
    ),
    (
        "Dokumen apa saja yang perlu disiapkan?",
        "KTP, pas foto berwarna 3x4 dan ijazah "
        "terakhir. Lihat Standar Pelayanan untuk daftar lengkapnya.",
        20,
    ),
    (
        "Berapa lama kartu selesai?",
        "Paling lama sesuai waktu layanan di Standar Pelayanan, "
        "dihitung dalam hari kerja sejak berkas lengkap.",
        30,
    ),
)


def seed_info(admin_email: str = "admin@demo.pencaker.id") -> None:
    """One announcement and three FAQ entries (found by title/question: seeded once)."""
    from pencaker.info import services as info_services
    from pencaker.info.models import Announcement, FaqEntry

    office = Office.objects.get(code=OFFICE_CODE)
    admin = User.objects.get(email=admin_email)
    if not Announcement.objects.filter(office=office, title=DEMO_ANNOUNCEMENT_TITLE).exists():
        info_services.announcement_create(
            actor=admin,
            office=office,
            data=info_services.AnnouncementInput(
                title=DEMO_ANNOUNCEMENT_TITLE,
                body=(
                    "Mulai hari ini pendaftaran kartu pencari kerja (AK/1) dapat dilakukan "
                    "dari rumah melalui situs ini.\n\nLayanan tidak dipungut biaya. Bawa "
                    "kartu yang sudah dicetak saat melamar pekerjaan."
                ),
                publish_at=timezone.now(),
            ),
        )
    for question, answer, position in DEMO_FAQ:
        if not FaqEntry.objects.filter(office=office, question=question).exists():
            info_services.faq_create(
                actor=admin,
                office=office,
                data=info_services.FaqInput(question, answer, position=position),
            )


DEMO_TRAINING_TITLE = "Menjahit Busana Dasar"


def seed_training(operator_email: str = "operator@demo.pencaker.id") -> None:
    """A training programme of the BLK with one drawn wave (its ``undian.json`` public)
    and one wave open for registration, through the training services; skipped when the
    programme exists. The drawn wave's registrants are twelve demo participants who
    cannot sign in."""
    import datetime as dt

    from pencaker.seekers.models import JobSeekerProfile
    from pencaker.training import services as training
    from pencaker.training.models import Programme

    operator = User.objects.get(email=operator_email)
    if Programme.objects.filter(office_id=operator.office_id, title=DEMO_TRAINING_TITLE).exists():
        return
    village = (
        Region.objects.filter(level="village", code__startswith=f"{OFFICE_CODE}.")
        .order_by("code")
        .first()
    )
    programme = training.programme_create(
        actor=operator,
        data={
            "title": DEMO_TRAINING_TITLE,
            "description": "Pelatihan 120 jam pelajaran: menjahit busana wanita dan anak, "
            "dari pola sampai penyelesaian.",
            "competence_code": "C.14MTK00.001.1",
            "competence_text": "Menjahit busana dengan mesin",
            "kind": "menjahit",
            "provider_kind": "blk",
            "provider_name": "UPTD BLK Kota Palembang",
            "mode": "in_person",
            "place": "UPTD BLK Kota Palembang, Jl. Mayor Ruslan",
            "has_certificate": True,
            "benefits": "Makan siang, bahan praktik dan modul.",
            "required_documents": ["ktp", "ijazah"],
            "contact_name": "Seksi Pelatihan",
            "contact_phone": "0711-000000",
            "rules": ["age", "domicile", "not_official", "repeat"],
            "age_min": 18,
            "repeat_years": 2,
            "priority_groups": ["disability", "phk"],
        },
    )
    now = timezone.now()
    drawn = training.wave_create(
        actor=operator,
        programme_id=programme.pk,
        data={
            "opens_at": now - dt.timedelta(days=30),
            "closes_at": now + dt.timedelta(hours=1),
            "starts_on": timezone.localdate() + dt.timedelta(days=14),
            "ends_on": timezone.localdate() + dt.timedelta(days=44),
            "quota": 5,
            "priority_quota": 1,
            "method": "lottery",
            "confirm_days": 3,
        },
    )
    open_wave = training.wave_create(
        actor=operator,
        programme_id=programme.pk,
        data={
            "opens_at": now - dt.timedelta(days=1),
            "closes_at": now + dt.timedelta(days=21),
            "starts_on": timezone.localdate() + dt.timedelta(days=60),
            "quota": 20,
            "priority_quota": 2,
            "method": "lottery",
            "confirm_days": 3,
        },
    )
    training.programme_advance(actor=operator, programme_id=programme.pk, to="published")
    for wave in (drawn, open_wave):
        training.wave_advance(actor=operator, wave_id=wave.pk, to="published")
        training.wave_advance(actor=operator, wave_id=wave.pk, to="registration_open")
    for day in range(3):
        training.session_add(
            actor=operator,
            wave_id=drawn.pk,
            date=timezone.localdate() + dt.timedelta(days=14 + day),
            start_time=dt.time(8, 0),
            end_time=dt.time(15, 0),
            place="Ruang Menjahit 1",
            topic=["Pola dasar", "Menjahit kemeja", "Penyelesaian"][day],
        )
    for n in range(12):
        user, _ = User.objects.get_or_create(
            email=f"peserta{n + 1}@demo.pencaker.id",
            defaults={"role": Role.JOB_SEEKER, "full_name": f"Peserta Demo {n + 1}"},
        )
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        JobSeekerProfile.objects.get_or_create(
            user=user,
            defaults={
                "full_name": f"Peserta Demo {n + 1}",
                "birth_date": dt.date(1996 + n % 6, 1 + n % 12, 10),
                "sex": "F" if n % 2 else "M",
                "village": village,
                "has_disability": n == 0,
            },
        )
        training.registration_create(
            actor=user,
            wave_id=drawn.pk,
            declared=True,
            priority_group="disability" if n == 0 else "",
        )
    training.wave_close(actor=operator, wave_id=drawn.pk)
    training.wave_draw(actor=operator, wave_id=drawn.pk)


def seed_all() -> list[DemoLogin]:
    with transaction.atomic():
        seed_regions()
        office = seed_office()
        logins = seed_users(office)
        logins += seed_installation()
        seed_two_factor()
    # Uploads write files first and then their rows in their own transaction.
    seed_seeker()
    seed_matching()
    seed_card()
    seed_employers()
    seed_vacancies()
    seed_job_fair()
    seed_complaint()
    seed_info()
    seed_training()
    from pencaker.demo.training_running import seed_training_completed

    seed_training_completed()
    return logins
