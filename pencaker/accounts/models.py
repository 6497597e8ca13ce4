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


STAFF_ROLES = frozenset({Role.OPERATOR, Role.ADMIN_DINAS, Role.PIMPINAN, Role.COMPLAINTS_OFFICER})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. Email is the login; the mobile number is stored in E.164.

    Staff (operator, admin dinas, pimpinan, complaints officer) belong to exactly one office and must use
    TOTP two-factor authentication.
    """

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email"), unique=True)
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
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
            )
        ]

    def __str__(self) -> str:
        return self.email

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
