"""Issue 11, item 5, in real Chromium at 360 px: the employer's page to report a hire made
outside Pencaker, the holder's lifecycle page with the report to confirm, the dispute page
and the operator's page to resolve a dispute pass axe and fit the phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.e2e import steps
from pencaker.e2e.test_vacancy_pages import _fits, _session_into, world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def holder_card(world, settings, tmp_path):  # noqa: F811 - the fixture imported above
    from pencaker.applications import intake
    from pencaker.applications.models import Application
    from pencaker.applications.services import application_card_issue
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    seeker, operator = world["seeker"], world["operator"]
    office = operator.office
    office.signer_name = "Rina Pengantar, S.E."
    office.signer_nip = "198001012005011001"
    office.save()
    decided = timezone.now() - dt.timedelta(days=10)
    application = Application.objects.create(
        applicant=seeker,
        office=seeker.seeker_profile.office,
        type="new",
        status="approved",
        tracking_number="AK1-HIRE-0001",
        snapshot=intake.profile_snapshot(seeker),
        documents=intake.documents_snapshot(seeker),
        submitted_at=decided,
        decided_at=decided,
        decided_by=operator,
    )
    yield application_card_issue(application=application, actor=operator)
    signing._cache.clear()


def test_hire_report_and_dispute_pages_pass_axe_at_360_px(
    page,
    live_server,
    world,  # noqa: F811 - the fixture imported above
    holder_card,
    assert_accessible,
):
    from pencaker.lifecycle.disputes import dispute_open
    from pencaker.vacancies.hire_reports import hire_report_create, hire_report_decide

    base = live_server.url
    today = timezone.localdate()

    def check(user, otp, name, *args):
        page.context.clear_cookies()
        _session_into(page, base, user, otp=otp)
        response = page.goto(steps.url(base, name, *args))
        assert response is not None and response.status == 200, name
        assert_accessible(page, label=name)
        _fits(page, name)

    check(world["owner"], True, "vacancies:employer_hire_report")
    report = hire_report_create(
        actor=world["owner"],
        card_number=holder_card.number,
        birth_date=holder_card.birth_date,
        position="Pembuat Roti",
        start_date=today,
        employment_type="contract",
        today=today,
    )
    check(world["seeker"], False, "lifecycle:home")
    assert "Pembuat Roti" in page.inner_text("main")
    hire_report_decide(actor=world["seeker"], report_id=report.pk, confirm=True, today=today)
    check(world["seeker"], False, "lifecycle:placement_dispute")
    dispute = dispute_open(actor=world["seeker"], reason="Saya tidak bekerja di sana.", today=today)
    page.context.clear_cookies()
    _session_into(page, base, world["operator"], otp=True)
    page.goto(steps.url(base, "lifecycle:staff_card") + f"?nomor={holder_card.number}")
    assert "Saya tidak bekerja di sana." in page.inner_text("main")
    assert_accessible(page, label="staff card with a dispute")
    _fits(page, "staff card with a dispute")
    check(
        world["operator"], True, "lifecycle:staff_dispute_resolve", holder_card.number, dispute.pk
    )
    page.console_log.assert_clean()


def test_placement_correction_and_transfer_pages_pass_axe_at_360_px(
    page,
    live_server,
    world,  # noqa: F811 - the fixture imported above
    holder_card,
    assert_accessible,
):
    """Issue 14 items 9 and 20 added these pages: the holder's and the operator's page to
    correct a recorded job, and the admin dinas's page of records moving between offices."""
    from pencaker.accounts.models import Role, User
    from pencaker.vacancies.hire_reports import hire_report_create, hire_report_decide

    base = live_server.url
    today = timezone.localdate()
    report = hire_report_create(
        actor=world["owner"],
        card_number=holder_card.number,
        birth_date=holder_card.birth_date,
        position="Pembuat Roti",
        start_date=today,
        employment_type="contract",
        today=today,
    )
    hire_report_decide(actor=world["seeker"], report_id=report.pk, confirm=True, today=today)
    admin = User.objects.create_user(
        email="admin.pindah@demo.pencaker.id",
        password=None,
        full_name="Admin Dinas",
        role=Role.ADMIN_DINAS,
        office=world["operator"].office,
        email_verified_at=timezone.now(),
    )

    def check(user, otp, name, *args):
        page.context.clear_cookies()
        _session_into(page, base, user, otp=otp)
        response = page.goto(steps.url(base, name, *args))
        assert response is not None and response.status == 200, name
        assert_accessible(page, label=name)
        _fits(page, name)

    check(world["seeker"], False, "lifecycle:placement_correct")
    assert page.locator("#id_employer").count() == 1
    check(world["operator"], True, "lifecycle:staff_placement_correct", holder_card.number)
    assert page.locator("#id_employer").count() == 1
    check(admin, True, "applications:transfers")
    page.console_log.assert_clean()
