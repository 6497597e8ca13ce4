"""The replay of an imported history, the command, and the same-office NIK message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from pencaker.cards.models import Card
from pencaker.exchange.history import replay
from pencaker.exchange.holders_import import holders_import
from pencaker.exchange.tests.conftest import TODAY, holder_row, to_csv, village_in
from pencaker.lifecycle.schedule import Rules
from pencaker.seekers.models import JobSeekerProfile

REG = dt.date(2024, 1, 10)


@pytest.mark.parametrize(
    "reports,placed_on,rules,today,status,ending_on",
    [
        ([], None, Rules(), dt.date(2024, 3, 1), "active", None),
        ([], dt.date(2024, 3, 1), Rules(), TODAY, "placed", dt.date(2024, 3, 1)),
        # report 1 missed: removed 30 + 60 + 1 days after the due date (2024-07-10)
        ([], None, Rules(), TODAY, "removed", dt.date(2024, 10, 9)),
        ([], None, Rules(removal_enabled=False), TODAY, "expired", dt.date(2026, 1, 11)),
        (
            [dt.date(2024, 7, 10), dt.date(2025, 1, 10), dt.date(2025, 7, 10)],
            None,
            Rules(),
            TODAY,
            "expired",
            dt.date(2026, 1, 11),
        ),
        # placed after the removal day: the removal came first
        ([], dt.date(2024, 12, 1), Rules(), TODAY, "removed", dt.date(2024, 10, 9)),
        # removal and expiry both switched off: still active after two years
        ([], None, Rules(removal_enabled=False, expiry_enabled=False), TODAY, "active", None),
    ],
)
def test_replay_applies_the_lifecycle_rules_to_real_dates(
    reports, placed_on, rules, today, status, ending_on
):
    result = replay(
        registered_on=REG, reports=reports, placed_on=placed_on, rules=rules, today=today
    )
    assert result.status == status
    assert (result.ending[1] if result.ending else None) == ending_on


def test_replay_matches_reports_to_their_slots():
    result = replay(
        registered_on=REG,
        reports=[dt.date(2025, 1, 5), dt.date(2024, 7, 1)],
        placed_on=None,
        rules=Rules(),
        today=dt.date(2025, 2, 1),
    )
    assert [(n, made) for n, _due, made in result.reports] == [
        (1, dt.date(2024, 7, 1)),
        (2, dt.date(2025, 1, 5)),
    ]


def test_a_nik_of_this_office_names_the_record_and_its_card(office):
    village_in(office)
    first = holder_row(0)
    holders_import(office=office, data=to_csv([first]), actor=None, today=TODAY)
    profile = JobSeekerProfile.objects.get(nik=first["nik"])
    card = Card.objects.get(holder_id=profile.user_id)
    again = dict(holder_row(0), nomor_kartu=holder_row(1)["nomor_kartu"])
    report = holders_import(office=office, data=to_csv([again]), actor=None, today=TODAY)
    [problem] = report.problems
    text = " ".join(problem.messages)
    assert f"P-{profile.pk}" in text and card.number in text


def test_the_command_checks_and_imports(office, tmp_path, capsys):
    village_in(office)
    path = tmp_path / "register.csv"
    path.write_bytes(to_csv([holder_row(i) for i in range(3)]))
    call_command("import_holders", str(path), "--office", office.code, "--dry-run")
    assert "uji saja" in capsys.readouterr().out
    assert Card.objects.count() == 0
    call_command("import_holders", str(path), "--office", office.code)
    assert "3 baru" in capsys.readouterr().out
    assert Card.objects.count() == 3


def test_the_command_refuses_a_bad_file_row_by_row(office, tmp_path, capsys):
    village_in(office)
    rows = [holder_row(i) for i in range(3)]
    rows[1]["kode_desa"] = "16.71.01.9999"
    path = tmp_path / "register.csv"
    path.write_bytes(to_csv(rows))
    with pytest.raises(CommandError, match="tidak ada yang diimpor"):
        call_command("import_holders", str(path), "--office", office.code)
    assert "baris 3: kode_desa" in capsys.readouterr().err
    with pytest.raises(CommandError, match="unknown office"):
        call_command("import_holders", str(path), "--office", "99.99")
