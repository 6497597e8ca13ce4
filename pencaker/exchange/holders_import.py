"""The holders import: an office's existing AK/1 register into Pencaker, all or nothing.

``holders_import`` reads the file, checks every row (``holders_rows``) and then the rows
against each other and the database (unknown village, NIK already registered, card
number already used, duplicates within the file). Any problem refuses the whole file
with a report row by row; a dry run stops there too. Otherwise one transaction creates
the accounts, profiles, cards, reports, placements and register events (bulk inserts:
about a dozen statements per thousand rows), one ``HolderImport`` row and one audit row.

Idempotent by NIK + card number: a row whose NIK is already held by this office with a
card of that number is "unchanged" and skipped, so running the same file again changes
nothing. See docs/exchange.md and ADR 0024.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.accounts.models import User
from pencaker.cards.card_data import card_data_from_snapshot
from pencaker.cards.choices import CardStatus
from pencaker.cards.models import Card
from pencaker.cards.services.imported import ImportedCard, cards_import_bulk
from pencaker.core.audit import AuditAction, audit_record
from pencaker.core.errors import DomainError
from pencaker.exchange.errors import ExchangeErrorCode
from pencaker.exchange.history import replay
from pencaker.exchange.holders_file import holders_file_read
from pencaker.exchange.holders_rows import HolderRow, holder_row_parse
from pencaker.exchange.models import HolderImport
from pencaker.lifecycle.imported import ImportedHistory, ImportedPlacement, history_import_bulk
from pencaker.lifecycle.selectors import rules_for_office
from pencaker.offices.models import Office
from pencaker.regions.nik import nik_mask
from pencaker.regions.selectors import village_names
from pencaker.seekers.models import JobSeekerProfile
from pencaker.seekers.services.imported import ImportedPerson, profiles_import_bulk

_STATUS = {
    "active": CardStatus.ACTIVE,
    "placed": CardStatus.PLACED,
    "removed": CardStatus.REMOVED,
    "expired": CardStatus.EXPIRED,
}


@dataclass(frozen=True)
class RowProblem:
    row: int
    messages: list[str]


@dataclass
class ImportReport:
    rows: int = 0
    new: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    committed: bool = False
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "new": self.new,
            "unchanged": self.unchanged,
            "committed": self.committed,
            "batch_id": self.batch_id,
            "problems": [{"row": p.row, "messages": p.messages} for p in self.problems],
        }


def _check_against_each_other(rows: list[HolderRow]) -> None:
    first_nik: dict[str, int] = {}
    first_number: dict[str, int] = {}
    for row in rows:
        if row.nik:
            if row.nik in first_nik:
                row.errors.append(
                    _("nik: the same NIK is already in row %(row)d of this file.")
                    % {"row": first_nik[row.nik]}
                )
            else:
                first_nik[row.nik] = row.number
        if row.card_number:
            if row.card_number in first_number:
                row.errors.append(
                    _("nomor_kartu: the same card number is already in row %(row)d of this file.")
                    % {"row": first_number[row.card_number]}
                )
            else:
                first_number[row.card_number] = row.number


def _check_against_database(rows: list[HolderRow], office: Office) -> set[int]:
    """Add the database problems to the rows; returns the row numbers already imported."""
    villages = village_names(row.village_code for row in rows)
    for row in rows:
        if row.village_code and row.village_code not in villages:
            row.errors.append(
                _("kode_desa: %(code)s is not a known village (kelurahan/desa) code.")
                % {"code": row.village_code[:20]}
            )
    niks = [row.nik for row in rows if row.nik]
    numbers = [row.card_number for row in rows if row.card_number]
    profiles: dict[str, tuple[int, int, int | None, str]] = {}
    for start in range(0, len(niks), 900):
        for nik, pk, user_id, office_id, office_name in JobSeekerProfile.objects.filter(
            nik__in=niks[start : start + 900]
        ).values_list("nik", "pk", "user_id", "office_id", "office__name"):
            profiles[nik] = (pk, user_id, office_id, office_name or "")
    cards: dict[str, tuple[int, int]] = {}
    holder_numbers: dict[int, set[str]] = {}
    holder_ids = [p[1] for p in profiles.values()]
    for start in range(0, max(len(numbers), len(holder_ids)), 900):
        for number, holder_id, office_id in Card.objects.filter(
            number__in=numbers[start : start + 900]
        ).values_list("number", "holder_id", "office_id"):
            cards[number] = (holder_id, office_id)
        for number, holder_id in Card.objects.filter(
            holder_id__in=holder_ids[start : start + 900]
        ).values_list("number", "holder_id"):
            holder_numbers.setdefault(holder_id, set()).add(number)
    unchanged: set[int] = set()
    for row in rows:
        existing = profiles.get(row.nik)
        card = cards.get(row.card_number)
        if existing is not None:
            pk, user_id, office_id, office_name = existing
            if card is not None and card[0] == user_id and office_id == office.pk:
                unchanged.add(row.number)
                continue
            if office_id == office.pk:
                held = sorted(holder_numbers.get(user_id, set()))
                row.errors.append(
                    _(
                        "nik: this NIK is already registered in this office (record P-%(id)d, "
                        "card %(cards)s)."
                    )
                    % {"id": pk, "cards": ", ".join(held) or "-"}
                )
            else:
                # Another office's record: say where, never whose (no name, no birth date).
                row.errors.append(
                    _(
                        "nik: this NIK is already registered at another office (%(office)s); "
                        "ask that office to transfer the record."
                    )
                    % {"office": office_name or "-"}
                )
        elif card is not None:
            row.errors.append(
                _("nomor_kartu: card number %(number)s already belongs to another holder.")
                % {"number": row.card_number}
            )
    return unchanged


def holders_check(
    *, office: Office, data: bytes, filename: str = "", today: dt.date | None = None
) -> tuple[ImportReport, list[HolderRow], set[int]]:
    today = today or timezone.localdate()
    raw_rows = holders_file_read(data, filename=filename)
    rows = [holder_row_parse(raw, office_code=office.code, today=today) for raw in raw_rows]
    _check_against_each_other(rows)
    unchanged = _check_against_database(rows, office)
    report = ImportReport(rows=len(rows))
    report.problems = [RowProblem(row.number, row.errors) for row in rows if row.errors]
    report.unchanged = len(unchanged)
    report.new = len(rows) - len(unchanged) - len(report.problems)
    return report, rows, unchanged


def _card_data(row: HolderRow, office: Office, village_name: str) -> dict:
    profile = {
        "full_name": row.name,
        "nik": row.nik,
        "birth_place": row.birth_place,
        "birth_date": row.birth_date.isoformat() if row.birth_date else "",
        "sex": row.sex,
        "address_line": row.address,
        "region_path": [village_name] if village_name else [],
    }
    education = [{"level": row.education}] if row.education else []
    data = card_data_from_snapshot({"profile": profile, "education": education}, [], office)
    data["imported"] = True
    return data


def holders_import(
    *,
    office: Office,
    data: bytes,
    actor: User | None,
    filename: str = "",
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Check the file and, unless ``dry_run`` or a row has a problem, import it whole."""
    today = today or timezone.localdate()
    report, rows, unchanged = holders_check(
        office=office, data=data, filename=filename, today=today
    )
    if not report.ok or dry_run:
        return report
    todo = [row for row in rows if row.number not in unchanged]
    if not todo:
        return report
    rules = rules_for_office(office)
    villages = village_names(row.village_code for row in todo)
    try:
        with transaction.atomic():
            profiles = profiles_import_bulk(
                office=office,
                people=[
                    ImportedPerson(
                        nik=row.nik,
                        full_name=row.name,
                        birth_place=row.birth_place,
                        birth_date=row.birth_date,  # type: ignore[arg-type]
                        sex=row.sex,
                        address_line=row.address,
                        village_code=row.village_code,
                    )
                    for row in todo
                ],
            )
            replays = [
                replay(
                    registered_on=row.registered_on,  # type: ignore[arg-type]
                    reports=row.reports,
                    placed_on=row.placed_on,
                    rules=rules,
                    today=today,
                )
                for row in todo
            ]
            cards = cards_import_bulk(
                office=office,
                actor=actor,
                cards=[
                    ImportedCard(
                        holder_id=profile.user_id,
                        number=row.card_number,
                        issued_on=row.registered_on,  # type: ignore[arg-type]
                        holder_name=row.name,
                        nik_masked=nik_mask(row.nik),
                        birth_date=row.birth_date,  # type: ignore[arg-type]
                        status=_STATUS[result.status],
                        data=_card_data(row, office, villages.get(row.village_code, "")),
                    )
                    for row, profile, result in zip(todo, profiles, replays, strict=True)
                ],
            )
            history_import_bulk(
                office=office,
                entries=[
                    ImportedHistory(
                        holder_id=card.holder_id,
                        card_id=card.pk,
                        card_number=card.number,
                        issued_on=card.issued_on,
                        sex=row.sex,
                        birth_date=row.birth_date,
                        education_level=row.education,
                        reports=result.reports,
                        placement=ImportedPlacement(
                            employer=row.employer,
                            position=row.position,
                            start_date=row.placed_on,
                            area=row.area,
                        )
                        if row.placed_on
                        else None,
                        ending=result.ending,
                    )
                    for row, card, result in zip(todo, cards, replays, strict=True)
                ],
            )
            batch = HolderImport.objects.create(
                office=office,
                actor=actor if getattr(actor, "pk", None) else None,
                filename=filename[:200],
                sha256=hashlib.sha256(data).hexdigest(),
                rows=report.rows,
                created=len(todo),
                unchanged=report.unchanged,
            )
            audit_record(
                actor=actor,
                action=AuditAction.EXCHANGE_HOLDERS_IMPORTED,
                obj=batch,
                office=office,
                data={"rows": report.rows, "created": len(todo), "unchanged": report.unchanged},
            )
    except IntegrityError as exc:
        # A concurrent import or registration took a NIK or number after the check.
        raise DomainError(
            ExchangeErrorCode.IMPORT_ROWS_INVALID,
            _(
                "Another change registered one of these NIKs or card numbers meanwhile; check the file again."
            ),
            status=409,
        ) from exc
    report.committed = True
    report.batch_id = batch.pk
    return report
