import re

from django.core import mail
from django.urls import reverse

from pencaker.accounts.consent import CONSENT_VERSION
from pencaker.accounts.models import User
from pencaker.accounts.verification import verification_token_make


def test_signup_page_shows_privacy_notice_and_consent_box(client, db):
    response = client.get(reverse("accounts:signup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "UU PDP" in html
    assert 'name="consent"' in html
    assert "kabupaten/kota" in html


def test_signup_creates_account_logs_in_and_sends_verification(
    client, signup_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), signup_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_done")
    user = User.objects.get()
    assert user.email == "siti.aminah@example.id"
    assert user.phone == "+6281234567890"
    assert user.full_name == "Siti Aminah"
    assert user.consent_version == CONSENT_VERSION
    assert len(mail.outbox) == 1
    done = client.get(reverse("accounts:signup_done"))
    assert "siti.aminah@example.id" in done.content.decode()


def test_signup_without_consent_explains_what_to_do(client, signup_data):
    signup_data.pop("consent")
    response = client.post(reverse("accounts:signup"), signup_data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "centang" in html.lower()
    assert not User.objects.exists()


def test_signup_shows_indonesian_password_and_phone_errors(client, signup_data):
    signup_data.update(phone="0812", password1="12345678", password2="12345678")
    response = client.post(reverse("accounts:signup"), signup_data)
    html = response.content.decode()
    assert "Nomor HP tidak valid" in html
    assert "terlalu umum" in html  # Django's Indonesian message for a common password
    assert 'class="error-summary"' in html
    assert not User.objects.exists()


def test_signup_refuses_mismatched_passwords(client, signup_data):
    signup_data["password2"] = "Lain-Sekali-88"
    response = client.post(reverse("accounts:signup"), signup_data)
    assert "Kedua kata sandi tidak sama" in response.content.decode()
    assert not User.objects.exists()


def test_signup_survives_garbage_input(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "x" * 5000, "phone": "\x00" * 10, "full_name": " ", "password1": "a"},
    )
    assert response.status_code == 200
    assert not User.objects.exists()


def test_verification_link_from_email_confirms_address(
    client, signup_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), signup_data)
    link = re.search(r"https?://\S+/akun/verifikasi/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1]
    path = path[path.index("/") :]
    response = client.get(path)
    assert response.status_code == 200
    assert User.objects.get().email_verified_at is not None


def test_bad_verification_link_explains_and_offers_new_link(client, db):
    response = client.get(reverse("accounts:verify_email", args=["rusak"]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "tidak valid" in html
    assert reverse("accounts:resend_verification") in html


def test_verification_link_works_without_being_logged_in(client, user_factory):
    user = user_factory()
    token = verification_token_make(user_id=user.pk, email=user.email)
    response = client.get(reverse("accounts:verify_email", args=[token]))
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_resend_page_answers_the_same_for_unknown_email(
    client, user_factory, django_capture_on_commit_callbacks
):
    user = user_factory()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(
            reverse("accounts:resend_verification"), {"email": user.email}, follow=True
        )
        unknown = client.post(
            reverse("accounts:resend_verification"), {"email": "nobody@example.id"}, follow=True
        )
    assert len(mail.outbox) == 1
    assert known.content.decode().count("tautan baru") == unknown.content.decode().count(
        "tautan baru"
    )
    assert "tautan baru" in known.content.decode()
