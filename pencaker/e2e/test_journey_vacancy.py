"""Issue 11, the first done-when line, in real Chromium on a 360 px phone with the emails
a real SMTP server receives:

an employer signs up and registers the organisation with its document; the operator
(TOTP) verifies it; the employer posts a vacancy requiring the AK/1; the operator returns
it for a missing salary; the employer fixes it; the operator publishes it; a job seeker
with an active card finds it on /lowongan/ with JavaScript off and applies; the employer
shortlists, schedules an interview and hires; the card is then placed with the employer's
name, the re-issued PDF shows the placement and the month's IPK III/8 counts it. axe
checks the employer and vacancy pages on the way.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.e2e import steps
from pencaker.e2e import test_journey_employer as employer_journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The employer journey's fixtures: the demo office with KBLI, an operator with TOTP.
office = employer_journey.office
operator = employer_journey.operator
ORG = "PT Sriwijaya Roti Abadi"
TITLE = "Pembuat Roti"


@pytest.fixture
def siti(office, operator):
    """A job seeker with a complete profile and an active AK/1 card (issued ten days ago)."""
    from pencaker.applications import intake
    from pencaker.applications.models import Application
    from pencaker.applications.services import application_card_issue
    from pencaker.seekers.tests.factories import CompleteProfileFactory
    from pencaker.vacancies.kbji import kbji_import_demo

    kbji_import_demo()
    profile = CompleteProfileFactory(full_name="Siti Aminah", user__email="siti@example.id")
    user = profile.user
    user.set_password(employer_journey.PASSWORD)
    user.save()
    decided = timezone.now() - dt.timedelta(days=10)
    application = Application.objects.create(
        applicant=user,
        office=profile.office,
        type="new",
        status="approved",
        tracking_number=f"AK1-VAC-0001-{user.pk}",
        snapshot=intake.profile_snapshot(user),
        documents=intake.documents_snapshot(user),
        submitted_at=decided,
        decided_at=decided,
        decided_by=operator,
    )
    application_card_issue(application=application, actor=operator)
    return user


def _log_in_staff(page, base, user) -> None:
    page.goto(steps.url(base, "accounts:login"))
    page.fill("#id_username", user.email)
    page.fill("#id_password", employer_journey.PASSWORD)
    steps.submit(page, page.locator("main form button[type=submit]"))
    page.fill("#id_code", employer_journey.operator_code(user))
    steps.submit(page, page.locator("main form button[type=submit]"))


def _review(petugas, base) -> None:
    petugas.goto(steps.url(base, "vacancies:queue"))
    row = petugas.locator("tbody tr").filter(has_text=TITLE)
    assert "jam kerja" in row.inner_text()  # time left on the SLA
    steps.submit(petugas, row.get_by_role("link", name=TITLE))


def _pdf_text(card) -> str:
    with card.pdf.open("rb") as handle:
        content = handle.read()
    done = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    )
    return " ".join(done.stdout.decode().split())


def _fits(page, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{label} is {width} px wide"


def test_employer_posts_operator_reviews_seeker_applies_employer_hires(
    page,
    nojs_page,
    chromium_browser,
    site_url,
    mailbox,
    office,
    operator,
    siti,
    tmp_path,
    assert_accessible,
):
    from pencaker.cards.models import Card
    from pencaker.lifecycle.models import Placement
    from pencaker.reporting import ipk, periods
    from pencaker.vacancies.models import Vacancy, VacancyApplication

    base = site_url
    dewi, petugas = page, nojs_page
    subjects = employer_journey.subjects
    org_email = employer_journey.ORG_EMAIL

    # --- Dewi registers the organisation; the operator (TOTP) verifies it ---------------
    employer_journey.sign_up_employer(dewi, base)
    employer_journey.fill_organisation(dewi, javascript=True)
    employer_journey.send_registration(dewi, tmp_path)
    employer_journey.set_up_two_step(dewi)
    _log_in_staff(petugas, base, operator)
    petugas.goto(steps.url(base, "employers:queue"))
    steps.submit(petugas, petugas.get_by_role("link", name=ORG))
    steps.submit(petugas, petugas.locator("main form[action$='/verifikasi/'] button[type=submit]"))
    assert subjects(mailbox, org_email)[-1] == f"{ORG} kini pemberi kerja terverifikasi"

    # --- Dewi posts a vacancy requiring the AK/1, without a salary ----------------------
    dewi.goto(steps.url(base, "employers:home"))
    steps.submit(dewi, dewi.locator("main").get_by_role("link", name="Lowongan kami"))
    assert_accessible(dewi, label="our vacancies")
    steps.submit(dewi, dewi.get_by_role("link", name="Lowongan baru"))
    assert_accessible(dewi, label="new vacancy form")
    dewi.fill("#id_title", TITLE)
    dewi.select_option("#id_occupation", "7512")
    dewi.fill("#id_description", "Membuat roti dan kue setiap pagi.")
    dewi.select_option("#id_employment_type", "contract")
    dewi.select_option("#id_location", steps.REGENCY)
    dewi.select_option("#id_min_education", "SMA")
    dewi.fill("#id_skills", "membuat adonan, memanggang")
    dewi.fill("#id_closing_date", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    dewi.check("#id_ak1_required")
    steps.submit(dewi, dewi.locator("main form button[type=submit]"))
    vacancy = Vacancy.objects.get()
    assert dewi.url.endswith(reverse("vacancies:employer_detail", args=[vacancy.pk]))
    steps.submit(dewi, dewi.locator("main form[action$='/kirim/'] button[type=submit]"))
    assert "Menunggu pemeriksaan" in dewi.locator("main p[role=status]").inner_text()
    assert_accessible(dewi, label="vacancy, submitted")

    # --- The operator returns it for the missing salary ----------------------------------
    _review(petugas, base)
    petugas.fill("#id_item_salary", "Cantumkan kisaran gaji atau pilih dapat dirundingkan.")
    steps.submit(petugas, petugas.locator("main form[action$='/kembalikan/'] button[type=submit]"))
    returned = f'Lowongan Anda "{TITLE}" perlu diperbaiki'
    assert subjects(mailbox, org_email)[-1] == returned
    assert "Cantumkan kisaran gaji" in mailbox.body(mailbox.to(org_email)[-1])

    # --- Dewi fixes it and sends it again; the operator publishes it ---------------------
    dewi.goto(steps.url(base, "vacancies:employer_detail", vacancy.pk))
    assert "Cantumkan kisaran gaji" in dewi.locator("main").inner_text()
    steps.submit(dewi, dewi.get_by_role("link", name="Ubah lowongan"))
    dewi.fill("#id_salary_min", "3600000")
    dewi.fill("#id_salary_max", "4200000")
    steps.submit(dewi, dewi.locator("main form button[type=submit]"))
    steps.submit(dewi, dewi.locator("main form[action$='/kirim/'] button[type=submit]"))
    _review(petugas, base)
    steps.submit(petugas, petugas.locator("main form[action$='/tayangkan/'] button[type=submit]"))
    assert subjects(mailbox, org_email)[-1] == f'Lowongan Anda "{TITLE}" sudah tayang'
    assert steps.url(base, "vacancies:detail", vacancy.pk) in mailbox.body(
        mailbox.to(org_email)[-1]
    )
    vacancy.refresh_from_db()
    assert vacancy.status == "published"
    assert [h.to_status for h in vacancy.history.all()] == [
        "draft",
        "submitted",
        "draft",
        "submitted",
        "published",
    ]

    # --- Siti finds it on /lowongan/ with JavaScript off at 360 px and applies -----------
    context = chromium_browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="id-ID"
    )
    seeker = context.new_page()
    try:
        steps.log_in(
            seeker, base, SimpleNamespace(email=siti.email, password=employer_journey.PASSWORD)
        )
        seeker.goto(steps.url(base, "vacancies:board"))
        seeker.fill("#id_q", "roti")
        seeker.select_option("#id_kabkota", steps.REGENCY)
        seeker.select_option("#id_pendidikan", "SMA")
        steps.submit(seeker, seeker.locator("form.filters button[type=submit]"))
        _fits(seeker, "the board")
        steps.submit(seeker, seeker.get_by_role("link", name=TITLE))
        _fits(seeker, "the vacancy")
        assert "Wajib: kartu AK/1 yang masih berlaku" in seeker.inner_text("main")
        steps.submit(seeker, seeker.locator("main form[action$='/lamar/'] button[type=submit]"))
        assert seeker.url.endswith(reverse("vacancies:my_applications"))
    finally:
        context.close()
    application = VacancyApplication.objects.get()
    assert subjects(mailbox, siti.email)[-1] == f"Lamaran Anda untuk {TITLE}: Diterima"

    # --- Dewi shortlists, schedules an interview and hires -------------------------------
    dewi.goto(steps.url(base, "vacancies:employer_detail", vacancy.pk))
    steps.submit(dewi, dewi.get_by_role("link", name="Siti Aminah"))
    assert_accessible(dewi, label="applicant")
    assert "••••••••" in dewi.inner_text("main")  # the NIK is masked
    dewi.select_option("#id_to", "shortlisted")
    steps.submit(dewi, dewi.locator("main form[method=post] button[type=submit]"))
    dewi.select_option("#id_to", "interview")
    when = timezone.localtime() + dt.timedelta(days=3)
    dewi.fill("#id_interview_at", when.strftime("%Y-%m-%dT10:00"))
    dewi.fill("#id_interview_place", "Jl. Kolonel Atmo No. 5, Palembang")
    dewi.fill("#id_message", "Bawa KTP dan kartu AK/1.")
    steps.submit(dewi, dewi.locator("main form[method=post] button[type=submit]"))
    dewi.select_option("#id_to", "offered")
    steps.submit(dewi, dewi.locator("main form[method=post] button[type=submit]"))
    dewi.select_option("#id_to", "hired")
    dewi.fill("#id_start_date", timezone.localdate().isoformat())
    steps.submit(dewi, dewi.locator("main form[method=post] button[type=submit]"))
    dewi.console_log.assert_clean()
    application.refresh_from_db()
    assert application.status == "hired"
    lamaran = [s for s in subjects(mailbox, siti.email) if s.startswith("Lamaran Anda")]
    assert lamaran == [
        f"Lamaran Anda untuk {TITLE}: {status}"
        for status in (
            "Diterima",
            "Lolos seleksi berkas",
            "Wawancara",
            "Ditawari",
            "Diterima bekerja",
        )
    ]
    interview = [m for m in mailbox.to(siti.email) if "Wawancara" in str(m["Subject"])][0]
    assert "Bawa KTP dan kartu AK/1." in mailbox.body(interview)
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.close_reason) == ("closed", "filled")
    assert subjects(mailbox, org_email)[-1] == f'Lowongan Anda "{TITLE}" ditutup'

    # --- The card is placed with the employer's name; the PDF shows it; III/8 counts it --
    placement = Placement.objects.get(holder=siti)
    assert (placement.source, placement.employer, placement.area) == ("employer", ORG, "AKL")
    card = Card.objects.filter(holder=siti).exclude(status="superseded").get()
    assert card.status == "placed"
    assert card.data["placement"]["employer"] == ORG
    # The public check answers "placed" with the employer's name.
    check = chromium_browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    checker = check.new_page()
    try:
        checker.goto(steps.url(base, "cards:verify"))
        checker.fill("#id_number", card.number)
        checker.fill("#id_birth_date", card.birth_date.isoformat())
        steps.submit(checker, checker.locator("main form button[type=submit]"))
        verdict = checker.locator("section.verdict").inner_text()
        assert "Kartu asli: pemegang kartu sudah bekerja" in verdict
        assert f"Diterima bekerja di\n{ORG}" in verdict
    finally:
        check.close()
    assert card.has_pdf, "the re-issued card has its PDF"
    assert ORG in _pdf_text(card)
    today = timezone.localdate()
    report = ipk.compute(
        office=card.office, form=ipk.FORMS[ipk.III_8], period=periods.month(today.year, today.month)
    )
    assert report.total.total.placed == 1
