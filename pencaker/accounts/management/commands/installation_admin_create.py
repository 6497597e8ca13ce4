"""``pencaker installation_admin_create EMAIL [--name NAME] [--phone PHONE]``: an
installation administrator (ADR 0031), who adds offices at /kantor/instalasi/. The account
gets a set-password link by email and sets up TOTP at its first login."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from pencaker.accounts.services import installation_admin_create
from pencaker.core.errors import DomainError


class Command(BaseCommand):
    help = "Create an installation administrator and email a set-password link."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="")
        parser.add_argument("--phone", default="")

    def handle(self, *args, **options):
        try:
            validate_email(options["email"])
        except ValidationError:
            raise CommandError("write a valid email address") from None
        try:
            user = installation_admin_create(
                email=options["email"], full_name=options["name"], phone=options["phone"]
            )
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from None
        self.stdout.write(f"installation administrator {user.email}: set-password link queued")
