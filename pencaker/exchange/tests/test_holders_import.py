"""The holders import: row-by-row refusal, all or nothing, idempotent re-run, IPK from the
real dates (issue 17 item 5)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import connection
from django.utils import translation

from pencaker.accounts.models import User
from pencaker.cards.models import Card, CardNumberCounter, CardStatusChange
from pencaker.cards.numbers import format_card_number
from pencaker.cards.rules import add_months, valid_until
from pencaker.core.audit import AuditAction
from pencaker.core.models import AuditEvent
from pencaker.exchange.holders_import import holders_import
from pencaker.exchange.models import HolderImport
from pencaker.exchange.tests.conftest import TODAY, holder_row, to_csv, village_in
from pencaker.lifecycle.models import Placement, Report, SeekerEvent
from pencaker.regions.nik import build_nik
from pencaker.reporting import ipk
from pencaker.reporting.periods import month
from pencaker.seekers.models import JobSeekerProfile

N = 5000


def _table_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            JobSeekerProfile,
            Card,
            CardStatusChange,
            SeekerEvent,
            Report,
            Placement,
            HolderImport,
            AuditEvent,
        )
    }


def _spoil(rows: list[dict], other_profile_nik: str) -> dict[int, str]:
    """Make 12 rows bad in 12 different ways; returns {spreadsheet row: expected words}."""
    expected = {}

    def spoil(index: int, words: str, **changes) -> None:
        rows[index].update(changes)
        expected[index + 2] = words

    spoil(10, "0000", nik=rows[10]["nik"][:12] + "0000")
    spoil(20, "16 digits", nik=rows[20]["nik"][:15])
    spoil(30, "not a known village", kode_desa="16.71.01.9999")
    spoil(40, "row 2 of this file", nik=rows[0]["nik"])
    spoil(50, "same card number", nomor_kartu=rows[1]["nomor_kartu"])
    number = rows[60]["nomor_kartu"]
    spoil(60, "check digit", nomor_kartu=number[:-1] + str((int(number[-1]) + 1) % 10))
    spoil(
        70,
        "belongs to office 1672",
        nomor_kartu=format_card_number(
            office_code="16.72", year=int(rows[70]["tanggal_daftar"][:4]), sequence=71
        ),
    )
    spoil(80, "another office", nik=other_profile_nik)
    spoil(90, "does not match the NIK", tanggal_lahir="1970-01-01")
    spoil(
        100,
        "before tanggal_daftar",
        tanggal_penempatan="2020-01-01",
        perusahaan="PT A",
        jabatan="Staf",
    )
    spoil(110, "is not a date", lapor_1="31/02/2025")
    spoil(120, "L (male) or P (female)", jenis_kelamin="X")
    return expected


@pytest.mark.django_db(transaction=False)
def test_5000_rows_with_12_bad_refused_then_imported_then_reimport_changes_nothing(
    office, other_office, capsys
):
    # given a register of 5,000 holders, 12 of them wrong, and a holder of another office
    village_in(office)
    other_village = village_in(other_office)
    other_nik = build_nik(district_code="16.72.01", birth_date=dt.date(1991, 3, 3), sex="M")
    other_user = User.objects.create_user(email="lain@example.id", password=None)
    JobSeekerProfile.objects.create(
        user=other_user,
        office=other_office,
        nik=other_nik,
        full_name="Rahasia Lain",
        birth_date=dt.date(1991, 3, 3),
        village=other_village,
    )
    rows = [holder_row(i) for i in range(N)]
    good = [dict(r) for r in rows]
    expected = _spoil(rows, other_nik)
    before = _table_counts()

    # when it is imported, it is refused with exactly those 12 rows explained
    with translation.override("en"):
        started = time.monotonic()
        report = holders_import(office=office, data=to_csv(rows), actor=None, today=TODAY)
        refused_s = time.monotonic() - started
    assert not report.committed
    assert {p.row for p in report.problems} == set(expected)
    for problem in report.problems:
        text = " ".join(problem.messages)
        assert expected[problem.row] in text, (problem.row, text)
    other = next(p for p in report.problems if p.row == 82)
    assert "Rahasia" not in " ".join(other.messages)
    assert "1991" not in " ".join(other.messages)
    assert _table_counts() == before

    # and a dry run of the corrected file reports 5,000 new rows and changes nothing
    dry = holders_import(office=office, data=to_csv(good), actor=None, dry_run=True, today=TODAY)
    assert dry.ok and dry.new == N and not dry.committed
    assert _table_counts() == before

    # when the corrected file is imported, every holder comes in
    started = time.monotonic()
    report = holders_import(office=office, data=to_csv(good), actor=None, today=TODAY)
    imported_s = time.monotonic() - started
    assert report.committed and report.new == N and report.unchanged == 0
    assert JobSeekerProfile.objects.filter(office=office).count() == N
    assert Card.objects.filter(office=office).count() == N
    assert AuditEvent.objects.filter(action=AuditAction.EXCHANGE_HOLDERS_IMPORTED).count() == 1
    assert not User.objects.get(pk=Card.objects.first().holder_id).has_usable_password()
    # the counter moved past the imported numbers: the next card never reuses one
    highest = max(
        int(r["nomor_kartu"].split("-")[2]) for r in good if r["nomor_kartu"][5:9] == "2025"
    )
    assert CardNumberCounter.objects.get(office=office, year=2025).last_sequence == highest

    # when the same file is imported again, nothing changes
    after = _table_counts()
    again = holders_import(office=office, data=to_csv(good), actor=None, today=TODAY)
    assert again.ok and again.new == 0 and again.unchanged == N and not again.committed
    assert _table_counts() == after

    with capsys.disabled():
        print(
            f"\nholders import, {N} rows ({connection.vendor}): refused check {refused_s:.2f} s, "
            f"import {imported_s:.2f} s"
        )


def _hand_count(rows: list[dict], start: dt.date, end: dt.date) -> dict[str, int]:
    """IPK III/1 totals for [start, end) counted from the file with the office's default
    rules, without the import code: registered, placed, removed (+ expired), left before."""

    def ending(row: dict) -> dt.date | None:
        registered = dt.date.fromisoformat(row["tanggal_daftar"])
        candidates = [valid_until(registered) + dt.timedelta(days=1)]
        if row["tanggal_penempatan"]:
            candidates.append(dt.datetime.strptime(row["tanggal_penempatan"], "%d/%m/%Y").date())
        for number in (1, 2, 3):
            if not row[f"lapor_{number}"]:
                due = add_months(registered, 6 * number)
                candidates.append(due + dt.timedelta(days=30 + 60 + 1))
                break
        day = min(candidates)
        return day if day <= TODAY else None

    counts = {"registered": 0, "placed": 0, "removed": 0, "left_before": 0}
    for row in rows:
        registered = dt.date.fromisoformat(row["tanggal_daftar"])
        end_day = ending(row)
        if start <= registered < end:
            counts["registered"] += 1
        if registered < start and (end_day is None or end_day >= start):
            counts["left_before"] += 1
        if end_day is not None and start <= end_day < end:
            placed = (
                bool(row["tanggal_penempatan"])
                and end_day == dt.datetime.strptime(row["tanggal_penempatan"], "%d/%m/%Y").date()
            )
            counts["placed" if placed else "removed"] += 1
    return counts


@pytest.mark.django_db
@pytest.mark.parametrize("year,number", [(2025, 3), (2025, 11)])
def test_ipk_of_an_imported_month_matches_a_hand_count(office, year, number):
    village_in(office)
    rows = [holder_row(i) for i in range(1200)]
    holders_import(office=office, data=to_csv(rows), actor=None, today=TODAY)
    period = month(year, number)
    report = ipk.compute(office=office, form=ipk.form_by_code("III/1"), period=period)
    total = report.total.total
    hand = _hand_count(rows, period.start, period.end)
    assert hand["registered"] > 0 and hand["placed"] > 0 and hand["removed"] > 0
    assert (total.registered, total.placed, total.removed, total.left_before) == (
        hand["registered"],
        hand["placed"],
        hand["removed"],
        hand["left_before"],
    )
