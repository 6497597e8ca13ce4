"""Fixtures of the complaint tests: an office's staff, including the complaints officer."""

from __future__ import annotations

import pytest

from pencaker.accounts.models import Role
from pencaker.complaints import services
from pencaker.complaints.choices import Category, Channel, ContactChannel, Privacy
from pencaker.e2e import conftest as _e2e

# Browser fixtures shared with the journeys (the browser itself lives in the root conftest).
assert_accessible = _e2e.assert_accessible
axe = _e2e.axe
nojs_page = _e2e.nojs_page
page = _e2e.page
mailbox = _e2e.mailbox
smtp_control = _e2e.smtp_control
smtp_server = _e2e.smtp_server
site_url = _e2e.site_url


@pytest.fixture
def officer(user_factory, office):
    return user_factory(Role.COMPLAINTS_OFFICER, office=office, full_name="Sari Pengaduan")


@pytest.fixture
def operator(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, full_name="Budi Loket")


@pytest.fixture
def named(user_factory, office):
    return user_factory(Role.OPERATOR, office=office, full_name="Joko Dilaporkan")


@pytest.fixture
def pimpinan(user_factory, office):
    return user_factory(Role.PIMPINAN, office=office, full_name="Kepala Dinas")


@pytest.fixture
def admin_dinas(user_factory, office):
    return user_factory(Role.ADMIN_DINAS, office=office, full_name="Admin Dinas")


@pytest.fixture
def submit(office):
    def make(*, actor=None, key="", **fields):
        fields.setdefault("category", Category.FEES)
        fields.setdefault("text", "Petugas loket meminta biaya Rp50.000 untuk kartu AK/1.")
        fields.setdefault("privacy", Privacy.ANONYMOUS)
        fields.setdefault("contact_channel", ContactChannel.EMAIL)
        fields.setdefault("contact", "warga@example.id")
        fields.setdefault("channel", Channel.WEB)
        data = services.ComplaintInput(office=fields.pop("office", office), **fields)
        complaint, _created = services.complaint_submit(actor=actor, data=data, idempotency_key=key)
        return complaint

    return make
