"""The staff performance page in Chromium at 360 px: the head of office sees every
operator, the page passes axe, and the view is in the audit log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.e2e.test_counter_pages import _staff_cookie

pytestmark = pytest.mark.browser


def test_head_of_office_reads_the_performance_page(
    page, live_server, assert_accessible, transactional_db
):
    from pencaker.accounts.models import Role, User
    from pencaker.core.models import AuditEvent
    from pencaker.e2e.people import seed_demo_office
    from pencaker.offices.models import Office

    seed_demo_office()
    office = Office.objects.order_by("pk").first()
    head = User.objects.create_user(
        email="kepala@example.id", password="Rahasia-123!", role=Role.PIMPINAN,  # noqa: S106
        office=office, phone="+6281300000002", full_name="Kepala Dinas",
    )  # fmt: skip
    User.objects.create_user(
        email="petugas@example.id", password="Rahasia-123!", role=Role.OPERATOR,  # noqa: S106
        office=office, phone="+6281300000003", full_name="Oki Operator",
    )  # fmt: skip
    _staff_cookie(page, live_server.url, head)
    page.goto(live_server.url + reverse("reporting:performance") + "?month=2026-03")
    assert page.locator("h1").inner_text() == "Kinerja petugas"
    assert "Oki Operator" in page.locator("main").inner_text()
    assert_accessible(page, label="staff performance")
    assert AuditEvent.objects.filter(action="staff.performance_viewed", actor=head).exists()
