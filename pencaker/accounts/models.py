from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    JOB_SEEKER = "job_seeker", _("Job seeker")
    OPERATOR = "operator", _("Operator")
    ADMIN_DINAS = "admin_dinas", _("Office administrator")
    PIMPINAN = "pimpinan", _("Head of office (read-only)")
    EMPLOYER = "employer", _("Employer")
    # Petugas pengaduan: the only role that sees a confidential complainant's identity.
    COMPLAINTS_OFFICER = "complaints_officer", _("Complaints officer")
    # Admin instalasi: creates the offices of the installation and names each office's
    # first admin dinas (ADR 0031). Belongs to no office; sees no office's records.
    INSTALLATION_ADMIN = "installation_admin", _("Installation administrator")


STAFF_ROLES = frozenset({Role.OPERATOR, Role.ADMIN_DINAS, Role.PIMPINAN, Role.COMPLAINTS_OFFICER})
#: The roles that must pass TOTP two-factor verification at every login: office staff
#: and the installation administrator.
TOTP_ROLES = STAFF_ROLES | {Role.INSTALLATION_ADMIN}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str | None, password: str | None, **extra):
        if not email and not (extra.get("phone") and extra.get("phone_verified_at")):
            raise ValueError("email is required (or a verified phone number)")
        user = self.model(email=self.normalize_email(email).lower() if email else None, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str | None, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with the email, or with the mobile number (E.164) once it is
    verified by a code (ADR 0027: a phone-first account has no email, ``email`` is NULL).

    Staff (operator, admin dinas, pimpinan, complaints officer) belong to exactly one office and must use
    TOTP two-factor authentication.
    """

    username = None  # type: ignore[assignment]
    # NULL for a phone-first account (ADR 0027); unique among the accounts that have one.
    email = models.EmailField(_("email"), unique=True, null=True, blank=True)  # type: ignore[assignment]
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    # Set when the number was proved by a code; such a number is a login, hence unique.
    phone_verified_at = models.DateTimeField(null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.JOB_SEEKER)
    office = models.ForeignKey(
        "offices.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    email_verified_at = models.DateTimeField(null=True, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_version = models.CharField(max_length=20, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(
                    role__in=["operator", "admin_dinas", "pimpinan", "complaints_officer"]
                )
                | models.Q(office__isnull=False),
                name="staff_has_office",
            ),
            models.UniqueConstraint(
                fields=["phone"],
                condition=models.Q(phone_verified_at__isnull=False),
                name="verified_phone_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone_verified_at__isnull=False),
                name="email_or_verified_phone",
            ),
        ]

    def __str__(self) -> str:
        return self.email or self.phone

    @property
    def is_office_staff(self) -> bool:
        return self.role in STAFF_ROLES


class ApiToken(models.Model):
    """A bearer token for the HTTP API. Only the SHA-256 hash of the token is stored, so a
    database leak does not leak usable tokens; the plain token is shown once at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    # HMAC of the password hash the token was issued under: a password change ends it.
    auth_hash = models.CharField(max_length=64, blank=True)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"token {self.pk} of {self.user_id}"


class PhoneCodePurpose(models.TextChoices):
    SIGNUP = "signup", _("Sign-up")
    PASSWORD_RESET = "password_reset", _("Password reset")
    # Set by staff at the counter for an account without email (ADR 0032).
    COUNTER_PASSWORD = "counter_password", _("Password set after counter registration")


class PhoneCode(models.Model):
    """A one-time code sent by SMS/WhatsApp to prove a mobile number (ADR 0027).

    Only an HMAC of the code is stored. For a sign-up the account does not exist yet: the
    name, the password hash and the consent wait here until the code is verified.
    The rows are also the count for the send limits (per number and per client address).
    """

    purpose = models.CharField(max_length=20, choices=PhoneCodePurpose.choices)
    phone = models.CharField(max_length=20, db_index=True)
    code_hash = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.purpose} code {self.pk}"
