import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pencaker.accounts import services, verification
from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.consent import CONSENT_VERSION
from pencaker.accounts.models import ApiToken, Role, User
from pencaker.accounts.selectors import email_is_verified
from pencaker.accounts.verification import verification_token_make
from pencaker.core.errors import DomainError
from pencaker.core.models import AuditEvent


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def register(**overrides):
    data = {
        "email": "Budi@Example.ID",
        "phone": "0812 3456 7890",
        "full_name": " Budi Santoso ",
        "password": "Kuning-Kartu-77",
        "consent": True,
    }
    data.update(overrides)
    return services.user_register(**data)


# --- registration -----------------------------------------------------------------------


def test_register_stores_normalised_email_phone_and_consent(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = register()
    user.refresh_from_db()
    assert user.email == "budi@example.id"
    assert user.phone == "+6281234567890"
    assert user.full_name == "Budi Santoso"
    assert user.role == Role.JOB_SEEKER
    assert user.consent_version == CONSENT_VERSION
    assert user.consent_at is not None
    assert user.email_verified_at is None
    assert user.check_password("Kuning-Kartu-77")
    assert AuditEvent.objects.filter(action="account.registered", object_id=str(user.pk)).exists()


def test_register_sends_verification_email_only_after_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register()
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["budi@example.id"]
    assert "/akun/verifikasi/" in message.body


def test_register_refuses_without_consent(db):
    with pytest.raises(DomainError) as exc:
        register(consent=False)
    assert exc.value.code == "consent_required"
    assert not User.objects.exists()


def test_register_refuses_duplicate_email_whatever_the_case(db):
    register()
    with pytest.raises(DomainError) as exc:
        register(email="BUDI@example.id", phone="081298765432")
    assert exc.value.code == "email_taken"
    assert "email" in exc.value.details["fields"]
    assert User.objects.count() == 1


def test_register_refuses_invalid_phone_as_domain_error(db):
    with pytest.raises(DomainError) as exc:
        register(phone="12")
    assert exc.value.code == "invalid_phone"
    assert not User.objects.exists()


# --- email verification ----------------------------------------------------------------------


def test_verify_email_sets_the_timestamp_once(user_factory):
    user = user_factory()
    token = verification_token_make(user_id=user.pk, email=user.email)
    first = services.user_verify_email(token=token).email_verified_at
    assert first is not None
    again = services.user_verify_email(token=token)
    again.refresh_from_db()
    assert again.email_verified_at == first
    assert email_is_verified(again)
    assert AuditEvent.objects.filter(action="account.email_verified").count() == 1


def test_verify_email_refuses_tampered_token(user_factory):
    user = user_factory()
    token = verification_token_make(user_id=user.pk, email=user.email)
    with pytest.raises(DomainError) as exc:
        services.user_verify_email(token=token[:-2] + "xx")
    assert exc.value.code == "token_invalid"
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_verify_email_refuses_expired_token(user_factory, monkeypatch):
    user = user_factory()
    token = verification_token_make(user_id=user.pk, email=user.email)
    monkeypatch.setattr(verification, "MAX_AGE_SECONDS", -1)
    with pytest.raises(DomainError) as exc:
        services.user_verify_email(token=token)
    assert exc.value.code == "token_expired"


def test_verify_email_refuses_token_for_an_older_email_address(user_factory):
    user = user_factory()
    token = verification_token_make(user_id=user.pk, email="old@example.id")
    with pytest.raises(DomainError) as exc:
        services.user_verify_email(token=token)
    assert exc.value.code == "token_invalid"


def test_email_is_verified_is_false_for_anonymous_and_unverified(user_factory):
    from django.contrib.auth.models import AnonymousUser

    assert email_is_verified(AnonymousUser()) is False
    assert email_is_verified(user_factory()) is False


def test_resend_sends_only_to_unverified_accounts(user_factory, django_capture_on_commit_callbacks):
    unverified = user_factory()
    verified = user_factory()
    services.user_verify_email(
        token=verification_token_make(user_id=verified.pk, email=verified.email)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.verification_email_resend(email=unverified.email.upper())
        services.verification_email_resend(email=verified.email)
        services.verification_email_resend(email="nobody@example.id")
    assert [m.to for m in mail.outbox] == [[unverified.email]]


# --- staff management ------------------------------------------------------------------------


def test_staff_create_puts_account_in_admins_office_and_emails_set_password_link(
    admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff = services.staff_create(
            actor=admin_user, email="Op@Example.id", full_name="Operator Satu", role=Role.OPERATOR
        )
    assert staff.office_id == admin_user.office_id
    assert staff.email == "op@example.id"
    assert not staff.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/akun/atur-sandi/" in mail.outbox[0].body
    event = AuditEvent.objects.get(action="staff.created")
    assert event.actor == admin_user
    assert event.office == admin_user.office


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.PIMPINAN, Role.JOB_SEEKER])
def test_only_admin_dinas_can_create_staff(user_factory, office, role):
    actor = user_factory(role=role, office=office if role != Role.JOB_SEEKER else None)
    with pytest.raises(DomainError) as exc:
        services.staff_create(actor=actor, email="x@example.id", full_name="X", role=Role.OPERATOR)
    assert exc.value.code == "not_office_admin"
    assert not User.objects.filter(email="x@example.id").exists()


@pytest.mark.parametrize("role", [Role.JOB_SEEKER, Role.EMPLOYER, "superuser"])
def test_staff_create_refuses_non_staff_roles(admin_user, role):
    with pytest.raises(DomainError) as exc:
        services.staff_create(actor=admin_user, email="x@example.id", full_name="X", role=role)
    assert exc.value.code == "invalid_role"


def test_deactivate_and_reactivate_staff_are_audited_and_revoke_tokens(admin_user, user_factory):
    staff = user_factory(role=Role.OPERATOR, office=admin_user.office)
    token_issue(user=staff)
    services.staff_deactivate(actor=admin_user, staff_id=staff.pk)
    staff.refresh_from_db()
    assert staff.is_active is False
    assert ApiToken.objects.get(user=staff).revoked_at is not None
    services.staff_reactivate(actor=admin_user, staff_id=staff.pk)
    staff.refresh_from_db()
    assert staff.is_active is True
    actions = list(
        AuditEvent.objects.filter(object_id=str(staff.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["staff.deactivated", "staff.reactivated"]


def test_admin_cannot_deactivate_themselves(admin_user):
    with pytest.raises(DomainError) as exc:
        services.staff_deactivate(actor=admin_user, staff_id=admin_user.pk)
    assert exc.value.code == "cannot_deactivate_self"


@pytest.mark.parametrize(
    "action",
    [services.staff_deactivate, services.staff_reactivate, services.staff_two_factor_reset],
)
def test_admin_cannot_change_staff_of_another_office(
    admin_user, user_factory, other_office, action
):
    foreign = user_factory(role=Role.OPERATOR, office=other_office)
    TOTPDevice.objects.create(user=foreign, name="x", confirmed=True)
    with pytest.raises(DomainError) as exc:
        action(actor=admin_user, staff_id=foreign.pk)
    assert exc.value.code == "staff_not_found"
    foreign.refresh_from_db()
    assert foreign.is_active is True
    assert TOTPDevice.objects.filter(user=foreign).exists()


def test_admin_cannot_manage_job_seekers_through_staff_services(admin_user, user_factory):
    seeker = user_factory()
    with pytest.raises(DomainError) as exc:
        services.staff_deactivate(actor=admin_user, staff_id=seeker.pk)
    assert exc.value.code == "staff_not_found"


def test_two_factor_reset_removes_all_devices(admin_user, user_factory):
    staff = user_factory(role=Role.OPERATOR, office=admin_user.office)
    TOTPDevice.objects.create(user=staff, name="a", confirmed=True)
    StaticDevice.objects.create(user=staff, name="backup")
    services.staff_two_factor_reset(actor=admin_user, staff_id=staff.pk)
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    event = AuditEvent.objects.get(action="staff.two_factor_reset")
    assert event.data == {"devices_removed": 2}


# --- two-factor set-up ------------------------------------------------------------------------


def test_totp_setup_confirms_device_with_current_code(user_factory, office):
    staff = user_factory(role=Role.OPERATOR, office=office)
    device = services.totp_device_pending(user=staff)
    assert services.totp_device_pending(user=staff).pk == device.pk
    confirmed = services.totp_device_confirm(user=staff, code=current_code(device))
    assert confirmed.confirmed is True


def test_totp_setup_refuses_wrong_code(user_factory, office):
    staff = user_factory(role=Role.OPERATOR, office=office)
    device = services.totp_device_pending(user=staff)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    with pytest.raises(DomainError) as exc:
        services.totp_device_confirm(user=staff, code=wrong)
    assert exc.value.code == "otp_invalid"
    device.refresh_from_db()
    assert device.confirmed is False
