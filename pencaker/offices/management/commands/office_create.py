"""``pencaker office_create CODE --admin-email EMAIL [--admin-name NAME] [--admin-phone
PHONE] [--name NAME] [--time-zone ZONE]``: add an office to the installation (ADR 0031).

CODE is the Kemendagri code of a kabupaten/kota (``16.74``) or of a province (``16``, the
province's Disnakertrans). The time zone is proposed from the province code. The first
admin dinas gets a set-password link by email (through the outbox).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from pencaker.core.errors import DomainError
from pencaker.offices.choices import OfficeTimeZone
from pencaker.offices.installation import office_create


class Command(BaseCommand):
    help = "Add an office from its Kemendagri code and invite its first administrator."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kemendagri code, e.g. 16.74 or 16 (a province)")
        parser.add_argument("--admin-email", required=True, help="the first admin dinas")
        parser.add_argument("--admin-name", default="", help="the admin's full name")
        parser.add_argument("--admin-phone", default="", help="the admin's mobile number")
        parser.add_argument("--name", default="", help="office name (default from the region)")
        parser.add_argument(
            "--time-zone",
            default="",
            choices=["", *OfficeTimeZone.values],
            help="default: proposed from the province code",
        )

    def handle(self, *args, **options):
        try:
            created = office_create(
                actor=None,
                code=options["code"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
                admin_phone=options["admin_phone"],
                name=options["name"],
                time_zone=options["time_zone"],
            )
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from None
        office = created.office
        self.stdout.write(
            json.dumps(
                {
                    "code": office.code,
                    "name": office.name,
                    "kind": office.kind,
                    "time_zone": office.time_zone,
                    "admin_email": created.admin.email,
                }
            )
        )
