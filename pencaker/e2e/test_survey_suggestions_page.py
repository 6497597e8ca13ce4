"""Survey suggestions in Chromium at 360 px: an operator tags a suggestion and publishes an
extract; the public results, without JavaScript, show the count per tag and the extract,
never the respondent's words. axe on both pages."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from pencaker.e2e.test_counter_pages import _staff_cookie

pytestmark = pytest.mark.browser

WORDS = "Petugas loket dua kurang ramah kepada saya"


def test_operator_tags_a_suggestion_and_the_public_sees_only_counts(
    page, nojs_page, live_server, assert_accessible, transactional_db
):
    from pencaker.accounts.models import Role, User
    from pencaker.e2e.people import seed_demo_office
    from pencaker.offices.models import Office
    from pencaker.surveys import services
    from pencaker.surveys.choices import Channel
    from pencaker.surveys.models import Question

    seed_demo_office()
    # The standard questions come from a data migration that an earlier transactional
    # test may have flushed.
    importlib.import_module("pencaker.surveys.migrations.0002_seed_standard_questions").seed(
        django_apps, None
    )
    office = Office.objects.order_by("pk").first()
    operator = User.objects.create_user(
        email="ikm@example.id", password="Rahasia-123!", role=Role.OPERATOR,  # noqa: S106
        office=office, phone="+6281300000004", full_name="Oki Operator",
    )  # fmt: skip
    today = timezone.localdate()
    period = services.period_create(
        actor=operator,
        office=office,
        name="Periode Saran",
        start_date=today - dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=10),
        target_population=100,
    )
    questions = Question.objects.filter(office__isnull=True)
    services.response_record(
        actor=operator,
        office=office,
        channel=Channel.PAPER,
        answers={q.id: 3 for q in questions},
        profile=services.Profile(suggestion=WORDS),
    )
    services.period_publish(actor=operator, period=period, publish=True)

    _staff_cookie(page, live_server.url, operator)
    page.goto(live_server.url + reverse("surveys:suggestions", kwargs={"pk": period.pk}))
    assert WORDS in page.locator("main").inner_text()
    assert_accessible(page, label="suggestions page")
    page.get_by_label("Label (pisahkan dengan koma)").fill("perilaku petugas, antrian")
    page.get_by_label("Kutipan anonim", exact=False).fill("Sikap petugas loket perlu diperbaiki.")
    page.get_by_label("Tampilkan kutipan bersama hasil yang diterbitkan").check()
    page.get_by_role("button", name="Simpan").click()
    assert "Saran sudah disimpan." in page.locator(".messages").inner_text()

    nojs_page.goto(live_server.url + reverse("surveys:public_results"))
    text = nojs_page.locator("main").inner_text()
    assert "perilaku petugas: 1" in text and "antrian: 1" in text
    assert "Sikap petugas loket perlu diperbaiki." in text
    assert WORDS not in text
    page.goto(live_server.url + reverse("surveys:public_results"))
    assert_accessible(page, label="public results with suggestions")
