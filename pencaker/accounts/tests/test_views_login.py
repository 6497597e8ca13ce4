import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.urls import reverse

import pencaker.settings as production_settings
from pencaker.accounts.models import Role

PASSWORD = "Rahasia-123!"


def login(client, email, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password, **extra}
    )


def test_production_password_hasher_is_argon2():
    assert production_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_login_page_renders_with_labels_and_links(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '<label for="id_username">' in html
    assert reverse("accounts:password_reset") in html
    assert reverse("accounts:signup") in html


def test_job_seeker_login_lands_on_seeker_home_or_public_home(client, user_factory):
    user = user_factory(email="seeker@example.id")
    response = login(client, "Seeker@Example.id")
    assert response.status_code == 302
    try:
        expected = reverse("seekers:overview")
    except Exception:
        expected = reverse("public:home")
    assert response["Location"] == expected
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_honours_a_safe_next_url_for_job_seekers(client, user_factory):
    user_factory(email="seeker@example.id")
    response = login(client, "seeker@example.id", next="/profil/")
    assert response["Location"] == "/profil/"


def test_wrong_password_gets_clear_indonesian_message(client, user_factory):
    user_factory(email="seeker@example.id")
    response = login(client, "seeker@example.id", "salah")
    assert response.status_code == 200
    assert "Email atau kata sandi salah" in response.content.decode()


def test_sixth_attempt_is_refused_after_five_failures_even_with_right_password(
    client, user_factory
):
    user_factory(email="seeker@example.id")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "seeker@example.id", "salah").status_code == 200
    fifth = login(client, "seeker@example.id", "salah")
    assert fifth.status_code == 429
    sixth = login(client, "seeker@example.id", PASSWORD)
    html = sixth.content.decode()
    assert sixth.status_code == 429
    assert "masuk ditunda selama 15 menit" in html
    assert "_auth_user_id" not in client.session


def test_successful_login_resets_the_failure_count(client, user_factory):
    user_factory(email="seeker@example.id")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "seeker@example.id", "salah")
    assert login(client, "seeker@example.id").status_code == 302
    assert AccessAttempt.objects.filter(username="seeker@example.id").count() == 0
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "seeker@example.id", "salah").status_code == 200
    assert login(client, "seeker@example.id").status_code == 302


def test_deactivated_account_cannot_log_in(client, user_factory):
    user_factory(email="gone@example.id", is_active=False)
    response = login(client, "gone@example.id")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_requires_post_and_logs_out(client, user_factory):
    user = user_factory()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.ADMIN_DINAS, Role.PIMPINAN])
def test_staff_login_goes_to_two_factor(client, user_factory, office, role):
    user_factory(role=role, office=office, email=f"{role}@example.id")
    response = login(client, f"{role}@example.id")
    assert response["Location"] == reverse("accounts:two_factor")


def test_landing_sends_staff_to_staff_home(client, user_factory, office):
    client.force_login(user_factory(role=Role.OPERATOR, office=office))
    response = client.get(reverse("accounts:landing"))
    assert response["Location"] == reverse("accounts:staff_home")


def test_password_reset_sends_email_with_working_link(
    client, user_factory, django_capture_on_commit_callbacks
):
    user = user_factory(email="lupa@example.id")
    # The email leaves through the outbox, after commit.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "lupa@example.id"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/akun/atur-sandi/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Baru-Sekali-2026", "new_password2": "Baru-Sekali-2026"},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Baru-Sekali-2026")


def test_password_reset_page_for_unknown_email_does_not_send(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.id"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_requires_old_password(client, user_factory):
    user = user_factory()
    client.force_login(user)
    bad = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "salah",
            "new_password1": "Baru-2026-xyz",
            "new_password2": "Baru-2026-xyz",
        },
    )
    assert bad.status_code == 200
    good = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Baru-2026-xyz",
            "new_password2": "Baru-2026-xyz",
        },
    )
    assert good["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password("Baru-2026-xyz")
