"""API operations, the staff screen and the claim flow of the exchange app."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from pencaker.accounts.api_auth import token_issue
from pencaker.accounts.models import Role, User
from pencaker.cards.models import Card
from pencaker.core.audit import AuditAction
from pencaker.core.models import AuditEvent
from pencaker.exchange.holders_file import holders_file_read, template_csv, template_xlsx
from pencaker.exchange.holders_import import holders_import
from pencaker.exchange.identity import FakeChecker, IdentityStatus, identity_checker
from pencaker.exchange.models import ClaimCode
from pencaker.exchange.tests.conftest import TODAY, holder_row, to_csv, village_in
from pencaker.notifications.models import Notification
from pencaker.seekers.models import JobSeekerProfile


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user)}")


@pytest.fixture
def admin(user_factory, office):
    village_in(office)
    return user_factory(Role.ADMIN_DINAS, office=office)


def _upload(rows, name="register.csv"):
    return SimpleUploadedFile(name, to_csv(rows), content_type="text/csv")


def test_api_holders_import_dry_run_then_commit(admin):
    rows = [holder_row(i) for i in range(5)]
    client = _api(admin)
    dry = client.post("/api/v1/exchange/holders/import", {"file": _upload(rows), "dry_run": "1"})
    assert dry.status_code == 200, dry.content
    assert dry.json()["new"] == 5 and dry.json()["committed"] is False
    assert Card.objects.count() == 0
    done = client.post("/api/v1/exchange/holders/import", {"file": _upload(rows)})
    assert done.status_code == 200 and done.json()["committed"] is True
    assert Card.objects.filter(office=admin.office).count() == 5


def test_api_holders_import_refuses_bad_rows_with_the_report(admin):
    rows = [holder_row(i) for i in range(3)]
    rows[1]["nik"] = "123"
    response = _api(admin).post("/api/v1/exchange/holders/import", {"file": _upload(rows)})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import_rows_invalid"
    assert [p["row"] for p in body["details"]["problems"]] == [3]


def test_api_holders_import_is_for_the_admin_dinas_only(user_factory, office):
    operator = user_factory(Role.OPERATOR, office=office)
    response = _api(operator).post(
        "/api/v1/exchange/holders/import", {"file": _upload([holder_row(0)])}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "import_forbidden"


def test_api_export_since_is_office_scoped_and_follows_the_cursor(
    admin, user_factory, other_office, settings
):
    settings.PENCAKER_EXPORT_SAFETY_LAG_SECONDS = 0
    holders_import(
        office=admin.office,
        data=to_csv([holder_row(i) for i in range(4)]),
        actor=None,
        today=TODAY,
    )
    first = _api(admin).get("/api/v1/exchange/export")
    assert first.status_code == 200
    kinds = [r["kind"] for r in first.json()["records"]]
    assert kinds.count("seeker") == 4 and kinds.count("card") == 4
    again = _api(admin).get("/api/v1/exchange/export", {"since": first.json()["cursor"]})
    assert again.json()["records"] == []
    other = user_factory(Role.PIMPINAN, office=other_office)
    assert _api(other).get("/api/v1/exchange/export").json()["records"] == []
    jsonl = _api(admin).get("/api/v1/exchange/export", {"format": "jsonl"})
    assert jsonl.status_code == 200 and len(jsonl.content.splitlines()) == len(kinds)
    assert jsonl["X-Pencaker-Cursor"]
    assert _api(admin).get("/api/v1/exchange/export", {"format": "xml"}).status_code == 400
    bad = _api(admin).get("/api/v1/exchange/export", {"since": "%%%"})
    assert bad.status_code == 400 and bad.json()["code"] == "export_cursor_invalid"
    assert AuditEvent.objects.filter(action=AuditAction.EXCHANGE_EXPORT_READ).exists()


def test_api_export_refuses_a_job_seeker(user_factory, office):
    seeker = user_factory(Role.JOB_SEEKER)
    assert _api(seeker).get("/api/v1/exchange/export").status_code == 403


# --- Staff screen ---------------------------------------------------------------------


def test_screen_checks_then_imports_on_confirmation(admin, staff_client_factory):
    client = staff_client_factory(admin)
    rows = [holder_row(i) for i in range(3)]
    checked = client.post("/pertukaran/impor-pemegang/", {"file": _upload(rows)})
    assert checked.status_code == 200
    assert Card.objects.count() == 0
    token = re.search(rb'name="confirm" value="([^"]+)"', checked.content).group(1).decode()
    done = client.post("/pertukaran/impor-pemegang/", {"confirm": token})
    assert done.status_code == 200
    assert Card.objects.filter(office=admin.office).count() == 3
    # the same confirmation cannot import twice
    assert client.post("/pertukaran/impor-pemegang/", {"confirm": token}).status_code == 400
    assert Card.objects.count() == 3


def test_screen_shows_problems_row_by_row_in_indonesian(admin, staff_client_factory):
    client = staff_client_factory(admin)
    rows = [holder_row(i) for i in range(3)]
    rows[2]["kode_desa"] = "99.99.99.9999"
    response = client.post(
        "/pertukaran/impor-pemegang/", {"file": _upload(rows)}, HTTP_ACCEPT_LANGUAGE="id"
    )
    assert response.status_code == 400
    assert "bukan kode desa" in response.content.decode()
    assert b'name="confirm"' not in response.content


def test_screen_is_for_the_admin_dinas_only(user_factory, office, staff_client_factory):
    operator = user_factory(Role.OPERATOR, office=office)
    assert staff_client_factory(operator).get("/pertukaran/impor-pemegang/").status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_downloads_and_reads_back(admin, staff_client_factory, fmt):
    response = staff_client_factory(admin).get(f"/pertukaran/impor-pemegang/template.{fmt}")
    assert response.status_code == 200
    rows = holders_file_read(response.content, filename=f"t.{fmt}")
    assert len(rows) == 1 and rows[0].cells["nik"] == "1671014501900001"


def test_an_xlsx_register_imports(admin):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    rows = [holder_row(i) for i in range(3)]
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(
            [dt.date.fromisoformat(v) if k == "tanggal_daftar" else v for k, v in row.items()]
        )
    import io

    out = io.BytesIO()
    book.save(out)
    report = holders_import(office=admin.office, data=out.getvalue(), actor=admin, today=TODAY)
    assert report.committed and report.new == 3
    assert template_csv().startswith("nik,nama") and template_xlsx()[:2] == b"PK"


def test_a_file_without_the_template_header_is_refused(admin):
    with pytest.raises(Exception) as raised:
        holders_import(office=admin.office, data=b"a,b\n1,2\n", actor=None, today=TODAY)
    assert raised.value.code == "import_header"


# --- Claim ----------------------------------------------------------------------------


def _imported_holder(office):
    village_in(office)
    row = holder_row(1)
    holders_import(office=office, data=to_csv([row]), actor=None, today=TODAY)
    return JobSeekerProfile.objects.get(nik=row["nik"]), row


def test_an_imported_holder_claims_the_account_with_a_code(office, client, settings):
    settings.LANGUAGE_CODE = "id"
    profile, row = _imported_holder(office)
    start = client.post(
        "/pertukaran/klaim-akun/",
        {"nik": row["nik"], "birth_date": row["tanggal_lahir"], "email": "siti@example.id"},
    )
    assert start.status_code == 302
    message = Notification.objects.get(kind="exchange.claim_code")
    assert message.recipient == "siti@example.id"
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    wrong = client.post(
        "/pertukaran/klaim-akun/kode/",
        {"code": "000000" if code != "000000" else "111111", "password": "Kata-Sandi-Baru-1"},
    )
    assert wrong.status_code == 400
    done = client.post(
        "/pertukaran/klaim-akun/kode/", {"code": code, "password": "Kata-Sandi-Baru-1"}
    )
    assert done.status_code == 302
    user = User.objects.get(pk=profile.user_id)
    assert user.email == "siti@example.id" and user.check_password("Kata-Sandi-Baru-1")
    assert AuditEvent.objects.filter(action=AuditAction.EXCHANGE_ACCOUNT_CLAIMED).count() == 1
    # the code works once
    client.logout()
    assert ClaimCode.objects.get().used_at is not None


def test_claim_answers_the_same_for_an_unknown_nik(office, client):
    _imported_holder(office)
    response = client.post(
        "/pertukaran/klaim-akun/",
        {"nik": "1671010101900099", "birth_date": "1990-01-01", "email": "x@example.id"},
    )
    assert response.status_code == 302
    assert not Notification.objects.filter(kind="exchange.claim_code").exists()


def test_claim_codes_are_rate_limited(office, client):
    _profile, row = _imported_holder(office)
    data = {"nik": row["nik"], "birth_date": row["tanggal_lahir"], "email": "s@example.id"}
    for _ in range(3):
        assert client.post("/pertukaran/klaim-akun/", data).status_code == 302
    assert client.post("/pertukaran/klaim-akun/", data).status_code == 400
    assert ClaimCode.objects.count() == 3


def test_claim_code_expires(office, client):
    _profile, row = _imported_holder(office)
    client.post(
        "/pertukaran/klaim-akun/",
        {"nik": row["nik"], "birth_date": row["tanggal_lahir"], "email": "s@example.id"},
    )
    ClaimCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    code = re.search(r"\b(\d{6})\b", Notification.objects.get().body).group(1)
    response = client.post(
        "/pertukaran/klaim-akun/kode/", {"code": code, "password": "Kata-Sandi-Baru-1"}
    )
    assert response.status_code == 400


# --- Identity check -------------------------------------------------------------------


def test_identity_check_is_off_by_default(settings):
    settings.PENCAKER_IDENTITY_CHECKER = ""
    result = identity_checker().check(nik="1", name="x", birth_date=dt.date(1990, 1, 1))
    assert result.status == IdentityStatus.DISABLED


def test_fake_identity_checker_answers_match_mismatch_and_unavailable():
    fake = FakeChecker(people={"1671014501900001": ("Siti Aminah", dt.date(1990, 1, 5))})
    ok = fake.check(nik="1671014501900001", name="siti  aminah", birth_date=dt.date(1990, 1, 5))
    assert ok.status == IdentityStatus.MATCH
    bad = fake.check(nik="1671014501900001", name="Siti", birth_date=dt.date(1990, 1, 5))
    assert bad.status == IdentityStatus.MISMATCH and bad.fields == ("name",)
    assert fake.check(nik="0", name="", birth_date=dt.date(1990, 1, 1)).status == "not_found"
    fake.down = True
    assert fake.check(nik="0", name="", birth_date=dt.date(1990, 1, 1)).status == "unavailable"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02binary",
        b"PK\x03\x04not really a zip",
        "nik,nama\n\x00123,\ud800x\n".encode("utf-8", "surrogatepass"),
        b"\xff\xfe\x00n\x00i\x00k",
        (
            "nik,nama,tanggal_lahir,jenis_kelamin,kode_desa,tanggal_daftar,nomor_kartu\n"
            "1671\x004501900001,A\u202eB,1990-01-05,P,16.71.01.1001,2025-01-01,x\n"
        ).encode(),
    ],
)
def test_odd_files_get_an_answer_not_a_crash(admin, staff_client_factory, content):
    client = staff_client_factory(admin)
    upload = SimpleUploadedFile("register.csv", content, content_type="text/csv")
    response = client.post("/pertukaran/impor-pemegang/", {"file": upload})
    assert response.status_code == 400
    api = _api(admin).post(
        "/api/v1/exchange/holders/import",
        {"file": SimpleUploadedFile("r.csv", content, content_type="text/csv")},
    )
    assert api.status_code == 400 and api.json()["code"].startswith("import_")
    assert Card.objects.count() == 0


def test_screen_refuses_a_file_that_is_not_csv_or_xlsx(admin, staff_client_factory):
    upload = SimpleUploadedFile("foto.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = staff_client_factory(admin).post("/pertukaran/impor-pemegang/", {"file": upload})
    assert response.status_code == 400


def test_api_holders_import_without_a_file(admin):
    response = _api(admin).post("/api/v1/exchange/holders/import", {})
    assert response.status_code == 400
    assert response.json()["details"]["fields"]["file"]


def test_an_unknown_template_format_is_not_found(admin, staff_client_factory):
    client = staff_client_factory(admin)
    assert client.get("/pertukaran/impor-pemegang/template.pdf").status_code == 404
