"""IPK pages, XLSX export and the ipk_report command."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from pencaker.accounts.models import Role

URL = reverse("reporting:ipk")


@pytest.fixture
def events(office, other_office, holder_factory, event_factory):
    a, b, c, d = (holder_factory() for _ in range(4))
    event_factory(office, a, "registered", "2025-02-03", sex="M", age_group="20-29")
    event_factory(
        office, b, "registered", "2025-03-04", sex="F", age_group="15-19", education="SMK"
    )
    event_factory(office, b, "placed", "2025-03-20", sex="F", age_group="15-19", area="AKAN")
    event_factory(office, c, "registered", "2025-03-05", sex="F", age_group="30-44", education="S1")
    event_factory(other_office, d, "registered", "2025-03-06", sex="M", age_group="55+")
    return office


def staff(user_factory, staff_client_factory, office, role=Role.PIMPINAN):
    return staff_client_factory(user_factory(role, office=office))


@pytest.mark.parametrize("role", [Role.PIMPINAN, Role.OPERATOR, Role.ADMIN_DINAS])
def test_office_staff_see_the_three_tables_of_their_office(
    events, user_factory, staff_client_factory, role
):
    client = staff(user_factory, staff_client_factory, events, role)
    response = client.get(URL, {"period": "03", "year": "2025"})
    assert response.status_code == 200
    reports = response.context["reports"]
    assert [r.form.code for r in reports] == ["III/1", "III/2", "III/8"]
    total = reports[0].total
    assert (total.male.left_before, total.female.registered, total.female.placed) == (1, 2, 1)
    assert {r.code: r.female.placed for r in reports[2].rows}["AKAN"] == 1
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html and "<script>" not in html


def test_other_offices_events_are_not_counted(
    events, other_office, user_factory, staff_client_factory
):
    client = staff(user_factory, staff_client_factory, other_office)
    response = client.get(URL, {"period": "03", "year": "2025"})
    assert response.context["reports"][0].total.total.registered == 1


def test_job_seekers_and_anonymous_users_are_refused(events, user_factory, client):
    assert client.get(URL).status_code == 302
    seeker = user_factory(Role.JOB_SEEKER)
    client.force_login(seeker)
    assert client.get(URL).status_code == 403


def test_default_period_is_last_month(events, user_factory, staff_client_factory):
    response = staff(user_factory, staff_client_factory, events).get(URL)
    assert response.status_code == 200
    assert response.context["period"].kind == "month"


@pytest.mark.parametrize(
    "params, field",
    [
        ({"period": "13", "year": "2025"}, "period"),
        ({"period": "03", "year": "abc"}, "year"),
        ({"period": "03", "year": "99999999999999999999"}, "year"),
        ({"period": "S1"}, "year"),
    ],
)
def test_bad_period_is_answered_with_a_message_not_an_error(
    events, user_factory, staff_client_factory, params, field
):
    response = staff(user_factory, staff_client_factory, events).get(URL, params)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "error-summary" in response.content.decode()


def test_semester_and_year_are_offered(events, user_factory, staff_client_factory):
    client = staff(user_factory, staff_client_factory, events)
    semester = client.get(URL, {"period": "S1", "year": "2025"}).context["reports"][0]
    year = client.get(URL, {"period": "year", "year": "2025"}).context["reports"][0]
    assert semester.period.code == "2025-S1" and year.period.code == "2025"
    assert semester.total.total.registered == year.total.total.registered == 3


def test_xlsx_has_title_block_numbered_headers_and_rows(events, user_factory, staff_client_factory):
    client = staff(user_factory, staff_client_factory, events)
    url = reverse("reporting:ipk_xlsx", args=["iii-1"])
    response = client.get(url, {"period": "03", "year": "2025"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('ipk-iii-1-16-71-2025-03.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "IPK III/1"
    assert "Palembang" in sheet["A3"].value and "Maret 2025" in sheet["A4"].value
    numbers = [sheet.cell(row=7, column=3 + 3 * i).value for i in range(7)]
    assert numbers == ["(1)", "(2)", "A", "(3)", "(4)", "B", "(5)"]
    assert [sheet.cell(row=8, column=c).value for c in (3, 4, 5)] == ["L", "P", "L+P"]
    rows = {sheet.cell(row=r, column=2).value: r for r in range(9, 15)}
    assert list(rows) == ["15–19", "20–29", "30–44", "45–54", "55+", "Jumlah"]
    total = [sheet.cell(row=rows["Jumlah"], column=c).value for c in range(3, 24)]
    # (1) L P L+P, (2), A, (3), (4), B, (5)
    assert total == [1, 0, 1, 0, 2, 2, 1, 2, 3, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 2]


def test_xlsx_of_iii_8_and_unknown_form(events, user_factory, staff_client_factory):
    client = staff(user_factory, staff_client_factory, events)
    response = client.get(
        reverse("reporting:ipk_xlsx", args=["iii-8"]), {"period": "03", "year": "2025"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [sheet.cell(row=r, column=2).value for r in range(8, 12)][-1] == "Jumlah"
    assert sheet.cell(row=10, column=4).value == 1  # AKAN, P
    assert client.get(reverse("reporting:ipk_xlsx", args=["iii-9"])).status_code == 404
    bad = client.get(reverse("reporting:ipk_xlsx", args=["iii-1"]), {"period": "x", "year": "1"})
    assert bad.status_code == 400


def test_command_prints_json(events, capsys):
    call_command("ipk_report", "III/1", "--month", "2025-03", "--office", "16.71")
    data = json.loads(capsys.readouterr().out)
    assert data["form"] == "III/1" and data["period"]["end"] == "2025-03-31"
    total = data["rows"][-1]
    assert total["group"] == "total" and total["F"]["2_registered"] == 2
    assert total["total"]["5_left_at_end"] == 2


def test_command_writes_xlsx_and_semester(events, tmp_path):
    target = tmp_path / "iii2.xlsx"
    call_command(
        "ipk_report",
        "III-2",
        "--semester",
        "2025-S1",
        "--office",
        "16.71",
        "--format",
        "xlsx",
        "-o",
        str(target),
    )
    assert load_workbook(target).active["A1"].value == "IPK III/2"


@pytest.mark.parametrize(
    "args",
    [
        ["III/5", "--month", "2025-03", "--office", "16.71"],
        ["III/1", "--month", "2025-13", "--office", "16.71"],
        ["III/1", "--month", "2025", "--office", "16.71"],
        ["III/1", "--month", "2025-03", "--office", "00.00"],
        ["III/1", "--month", "2025-03", "--office", "16.71", "--format", "xlsx"],
    ],
)
def test_command_refuses_bad_input_with_a_message(events, args):
    with pytest.raises(CommandError) as exc:
        call_command("ipk_report", *args)
    assert str(exc.value)
