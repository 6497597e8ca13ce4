import base64
import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from pencaker.accounts.models import Role, User
from pencaker.accounts.tests.test_services import current_code
from pencaker.core.models import AuditEvent

PASSWORD = "Rahasia-123!"


def password_login(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


# --- two-factor ---------------------------------------------------------------------------


def test_staff_without_device_sees_qr_code_and_secret_then_confirms(client, user_factory, office):
    staff = user_factory(role=Role.OPERATOR, office=office)
    password_login(client, staff)
    page = client.get(reverse("accounts:two_factor"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret in html
    assert "<script" not in html.split("</head>", 1)[1]
    assert "style=" not in html
    response = client.post(reverse("accounts:two_factor"), {"code": current_code(device)})
    assert response["Location"] == reverse("accounts:staff_home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("accounts:staff_home")).status_code == 200


def test_staff_with_device_is_asked_for_code_and_wrong_code_is_refused(
    client, user_factory, office
):
    staff = user_factory(role=Role.OPERATOR, office=office)
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    password_login(client, staff)
    page = client.get(reverse("accounts:two_factor"))
    assert "data:image/svg+xml" not in page.content.decode()
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    refused = client.post(reverse("accounts:two_factor"), {"code": wrong})
    assert refused.status_code == 400
    assert "Kode 6 angka salah" in refused.content.decode()
    assert client.get(reverse("accounts:staff_home"))["Location"] == reverse("accounts:two_factor")
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(reverse("accounts:two_factor"), {"code": current_code(device)})
    assert ok["Location"] == reverse("accounts:staff_home")


def test_two_factor_returns_to_safe_next_only(client, user_factory, office):
    staff = user_factory(role=Role.OPERATOR, office=office)
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    password_login(client, staff)
    response = client.post(
        reverse("accounts:two_factor") + "?next=https://evil.example/",
        {"code": current_code(device)},
    )
    assert response["Location"] == reverse("accounts:staff_home")


def test_staff_pages_refuse_unverified_staff(client, user_factory, office):
    staff = user_factory(role=Role.ADMIN_DINAS, office=office)
    client.force_login(staff)
    for name in ("accounts:staff_home", "accounts:staff_list", "accounts:staff_create"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:two_factor")


def test_job_seeker_cannot_open_staff_pages_or_two_factor(client, user_factory):
    client.force_login(user_factory())
    assert client.get(reverse("accounts:staff_home")).status_code == 403
    assert client.get(reverse("accounts:two_factor")).status_code == 302


def test_anonymous_is_sent_to_login_from_staff_pages(client, db):
    response = client.get(reverse("accounts:staff_list"))
    assert response["Location"].startswith(reverse("accounts:login"))


# --- staff dashboard and management ---------------------------------------------------------


def test_staff_home_lists_links_for_the_role(staff_client_factory, user_factory, office):
    admin = staff_client_factory(user_factory(role=Role.ADMIN_DINAS, office=office))
    operator = staff_client_factory(user_factory(role=Role.OPERATOR, office=office))
    assert (
        reverse("accounts:staff_list") in admin.get(reverse("accounts:staff_home")).content.decode()
    )
    op_html = operator.get(reverse("accounts:staff_home")).content.decode()
    assert reverse("accounts:staff_list") not in op_html
    assert reverse("accounts:password_change") in op_html


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.PIMPINAN])
def test_only_admin_dinas_can_open_staff_management(
    staff_client_factory, user_factory, office, role
):
    c = staff_client_factory(user_factory(role=role, office=office))
    assert c.get(reverse("accounts:staff_list")).status_code == 403
    assert c.get(reverse("accounts:staff_create")).status_code == 403


def test_staff_list_shows_only_own_office(admin_client, user_factory, office, other_office):
    user_factory(role=Role.OPERATOR, office=office, email="ours@example.id")
    user_factory(role=Role.OPERATOR, office=other_office, email="theirs@example.id")
    user_factory(email="seeker@example.id")
    html = admin_client.get(reverse("accounts:staff_list")).content.decode()
    assert "ours@example.id" in html
    assert "theirs@example.id" not in html
    assert "seeker@example.id" not in html


def test_admin_creates_operator_in_own_office_and_invitation_is_sent(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("accounts:staff_create"),
            {
                "email": "baru@example.id",
                "full_name": "Petugas Baru",
                "role": Role.OPERATOR,
                "phone": "0812 1111 2222",
            },
        )
    assert response["Location"] == reverse("accounts:staff_list")
    staff = User.objects.get(email="baru@example.id")
    assert staff.office == admin_user.office
    assert staff.role == Role.OPERATOR
    assert staff.phone == "+6281211112222"
    assert len(mail.outbox) == 1
    assert "Petugas Baru" in mail.outbox[0].body


def test_staff_create_refuses_duplicate_and_bad_role(admin_client, user_factory):
    user_factory(email="ada@example.id")
    response = admin_client.post(
        reverse("accounts:staff_create"),
        {"email": "ada@example.id", "full_name": "X", "role": "superuser"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sudah ada akun dengan email ini" in html
    assert "Pilih salah satu peran" in html


def test_invited_staff_sets_password_via_emailed_link(
    admin_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("accounts:staff_create"),
            {"email": "baru@example.id", "full_name": "Petugas Baru", "role": Role.PIMPINAN},
        )
    path = re.search(r"https?://[^/\s]+(/akun/atur-sandi/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Pimpinan-Kuat-99", "new_password2": "Pimpinan-Kuat-99"},
    )
    assert User.objects.get(email="baru@example.id").check_password("Pimpinan-Kuat-99")


def test_admin_deactivates_reactivates_and_resets_two_factor(admin_client, user_factory, office):
    staff = user_factory(role=Role.OPERATOR, office=office)
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    admin_client.post(reverse("accounts:staff_deactivate", args=[staff.pk]))
    staff.refresh_from_db()
    assert not staff.is_active
    admin_client.post(reverse("accounts:staff_reactivate", args=[staff.pk]))
    staff.refresh_from_db()
    assert staff.is_active
    admin_client.post(reverse("accounts:staff_reset_two_factor", args=[staff.pk]))
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert AuditEvent.objects.filter(object_id=str(staff.pk)).count() == 3


def test_staff_actions_require_post(admin_client, user_factory, office):
    staff = user_factory(role=Role.OPERATOR, office=office)
    response = admin_client.get(reverse("accounts:staff_deactivate", args=[staff.pk]))
    assert response.status_code == 405
    staff.refresh_from_db()
    assert staff.is_active


@pytest.mark.parametrize(
    "name",
    ["accounts:staff_deactivate", "accounts:staff_reactivate", "accounts:staff_reset_two_factor"],
)
def test_admin_of_office_a_cannot_change_staff_of_office_b(
    admin_client, user_factory, other_office, name
):
    foreign = user_factory(role=Role.OPERATOR, office=other_office)
    TOTPDevice.objects.create(user=foreign, name="phone", confirmed=True)
    response = admin_client.post(reverse(name, args=[foreign.pk]))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_active
    assert TOTPDevice.objects.filter(user=foreign).exists()
    assert not AuditEvent.objects.filter(object_id=str(foreign.pk)).exists()


def test_deactivated_staff_session_stops_working(
    admin_client, user_factory, office, staff_client_factory
):
    staff = user_factory(role=Role.OPERATOR, office=office)
    staff_client = staff_client_factory(staff)
    assert staff_client.get(reverse("accounts:staff_home")).status_code == 200
    admin_client.post(reverse("accounts:staff_deactivate", args=[staff.pk]))
    assert staff_client.get(reverse("accounts:staff_home")).status_code == 302
