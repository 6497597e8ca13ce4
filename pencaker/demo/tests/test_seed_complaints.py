"""The demo complaints officer can sign in with the printed demo secrets, and the demo
complaints queue holds one anonymous complaint about a fee, however often seeded."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pencaker.accounts.models import Role, User
from pencaker.complaints.choices import Category, Privacy
from pencaker.complaints.models import Complaint
from pencaker.complaints.selectors import complaint_queue
from pencaker.demo import seed

EMAIL = "pengaduan@demo.pencaker.id"


@pytest.mark.django_db
def test_the_complaints_officer_login_is_seeded_with_two_factor(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    logins = seed.seed_all()
    login = next(item for item in logins if item.email == EMAIL)
    assert login.role == Role.COMPLAINTS_OFFICER
    assert "PENCAKERDEMOCOMPLAINTSTOTPSECRET" in login.note and "pengaduan111" in login.note
    officer = User.objects.get(email=EMAIL)
    assert officer.role == Role.COMPLAINTS_OFFICER
    assert officer.office.code == seed.OFFICE_CODE
    assert officer.check_password(seed.DEMO_PASSWORD)
    device = TOTPDevice.objects.get(user=officer, confirmed=True)
    key = b32decode("PENCAKERDEMOCOMPLAINTSTOTPSECRET")
    assert device.verify_token(f"{totp(key):06d}")
    assert set(
        StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)
    ) == {"pengaduan111", "pengaduan222", "pengaduan333"}


@pytest.mark.django_db
def test_one_anonymous_fee_complaint_fills_the_queue_once(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("seed_demo")
    call_command("seed_demo")
    complaints = Complaint.objects.filter(office__code=seed.OFFICE_CODE)
    assert complaints.count() == 1
    complaint = complaints.get()
    assert (complaint.category, complaint.privacy, complaint.name) == (
        Category.FEES,
        Privacy.ANONYMOUS,
        "",
    )
    officer = User.objects.get(email=EMAIL)
    assert list(complaint_queue(officer, status="open")) == [complaint]
