"""Assisted registration without email (ADR 0032): the number is the login and the citizen
chooses a password with a one-time code sent by SMS or printed on a slip; the code
expires, counts wrong tries and needs the citizen's birth date as well."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from pencaker.accounts import phone_codes
from pencaker.accounts.models import PhoneCode, User
from pencaker.applications import assisted
from pencaker.applications.models import Application
from pencaker.applications.tests.test_assisted import BIRTH, citizen, post_data
from pencaker.core.errors import DomainError
from pencaker.core.models import AuditEvent
from pencaker.notifications.gateways import LoggingGateway
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"  # citizen()'s "0812 3456 7890"
NEW_PASSWORD = "Kata-Sandi-Loket-88"  # noqa: S105


@pytest.fixture(autouse=True)
def _gateway():
    LoggingGateway.sent.clear()
    yield
    LoggingGateway.sent.clear()


@pytest.fixture
def village(office):
    from pencaker.seekers.tests.factories import region_chain

    return region_chain()


@pytest.fixture
def verified_operator(operator):
    operator.is_verified = lambda: True
    return operator


def _set_password(client, *, code, birth=BIRTH, phone="0812 3456 7890", password=NEW_PASSWORD):
    return client.post(
        reverse("accounts:counter_password"),
        {
            "phone": phone,
            "code": code,
            "birth_date": birth.isoformat(),
            "password1": password,
            "password2": password,
        },
    )


def test_by_sms_the_citizen_chooses_a_password_with_code_and_birth_date(
    verified_operator, village, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application, created = assisted.application_submit_assisted(
            actor=verified_operator,
            citizen=citizen(email="", code_delivery="sms"),
            consent=True,
            idempotency_key="loket-sms",
        )
    user = application.applicant
    assert created and user.email is None and user.phone == PHONE
    assert user.phone_verified_at is not None and not user.has_usable_password()
    assert not hasattr(application, "slip_code") or application.slip_code == ""
    [sms] = [m for m in LoggingGateway.sent if m["to"] == PHONE and "sandi" in m["text"]]
    code = re.search(r"\b(\d{6})\b", sms["text"]).group(1)
    assert "/akun/atur-sandi/kode-loket/" in sms["text"]
    assert mail.outbox == []  # nothing was lost for lack of an email: the request SMS too
    assert Notification.objects.filter(kind="application.submitted", channel="sms").exists()
    assert not Notification.objects.filter(kind="account.counter_code").exists()  # erased

    # The code alone (someone else's phone after a typo) is not enough.
    response = _set_password(client, code=code, birth=dt.date(1990, 1, 1))
    assert response.status_code == 200
    assert "Kode salah" in response.content.decode()
    response = _set_password(client, code=code)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Used once: the same code no longer works.
    assert _set_password(client, code=code, password="Lain-Lagi-99x").status_code == 200
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "account.counter_registered",
        "account.counter_code_issued",
        "account.password_set_by_counter_code",
    } <= actions
    response = client.post(
        reverse("accounts:login"), {"username": "0812 3456 7890", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302  # the number is the login


def test_by_slip_the_page_prints_the_code_once(staff_client_factory, operator, village, client):
    staff = staff_client_factory(operator)
    response = staff.post(
        reverse("applications:assisted"), post_data(email="", code_delivery="slip")
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    code = re.search(r'id="slip-code">(\d{6})<', content).group(1)
    application = Application.objects.get()
    assert application.tracking_number in content
    assert "72" in content  # the hours it is valid
    assert LoggingGateway.sent == [] or all("sandi" not in m["text"] for m in LoggingGateway.sent)
    row = PhoneCode.objects.get(purpose="counter_password")
    assert code not in row.code_hash and row.payload["delivery"] == "slip"
    assert _set_password(client, code=code, phone="081298765432").status_code == 302
    assert User.objects.get(pk=application.applicant_id).check_password(NEW_PASSWORD)


def test_the_code_expires(verified_operator, village, client, settings):
    application, _ = assisted.application_submit_assisted(
        actor=verified_operator, citizen=citizen(email="", code_delivery="slip"), consent=True
    )
    code = application.slip_code
    PhoneCode.objects.filter(purpose="counter_password").update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = _set_password(client, code=code)
    assert response.status_code == 200
    assert "kedaluwarsa" in response.content.decode()
    assert not User.objects.get(pk=application.applicant_id).has_usable_password()


def test_wrong_tries_end_the_code_even_for_the_right_one(verified_operator, village, settings):
    application, _ = assisted.application_submit_assisted(
        actor=verified_operator, citizen=citizen(email="", code_delivery="slip"), consent=True
    )
    code = application.slip_code
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(settings.PENCAKER_PHONE_CODE_ATTEMPTS):
        with pytest.raises(DomainError):
            phone_codes.counter_password_set(
                phone=PHONE, code=wrong, birth_date=BIRTH, password=NEW_PASSWORD
            )
    with pytest.raises(DomainError) as exc:
        phone_codes.counter_password_set(
            phone=PHONE, code=code, birth_date=BIRTH, password=NEW_PASSWORD
        )
    assert exc.value.code == "phone_code_attempts"


def test_a_new_code_from_the_review_page_replaces_the_old_one(
    staff_client_factory, operator, village, client, django_capture_on_commit_callbacks
):
    staff = staff_client_factory(operator)
    staff.post(reverse("applications:assisted"), post_data(email="", code_delivery="slip"))
    application = Application.objects.get()
    first = PhoneCode.objects.get(purpose="counter_password")
    review = staff.get(reverse("applications:review", args=[application.pk])).content.decode()
    assert reverse("applications:counter_code_new", args=[application.pk]) in review
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("applications:counter_code_new", args=[application.pk]),
            {"code_delivery": "sms"},
        )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.used_at is not None  # the old slip no longer works
    [sms] = [m for m in LoggingGateway.sent if "sandi" in m["text"]]
    code = re.search(r"\b(\d{6})\b", sms["text"]).group(1)
    assert _set_password(client, code=code, phone="081298765432").status_code == 302


def test_a_number_that_is_already_a_login_is_a_field_error(staff_client_factory, operator, village):
    User.objects.create_user(
        email=None, phone="+6281298765432", phone_verified_at=timezone.now(), password="x"
    )
    response = staff_client_factory(operator).post(
        reverse("applications:assisted"), post_data(email="")
    )
    assert response.status_code == 400
    assert 'id="id_phone_error"' in response.content.decode()
    assert not Application.objects.exists()


def test_another_office_cannot_issue_a_code(
    staff_client_factory, operator, village, user_factory, other_office
):
    from pencaker.accounts.models import Role

    staff_client_factory(operator).post(
        reverse("applications:assisted"), post_data(email="", code_delivery="slip")
    )
    application = Application.objects.get()
    stranger = user_factory(Role.OPERATOR, office=other_office)
    response = staff_client_factory(stranger).post(
        reverse("applications:counter_code_new", args=[application.pk]),
        {"code_delivery": "slip"},
    )
    assert response.status_code == 404
    assert PhoneCode.objects.filter(purpose="counter_password").count() == 1
