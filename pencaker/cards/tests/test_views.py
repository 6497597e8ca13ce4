"""Pages and API: verification form, QR link, holder download, staff download, commands."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from pencaker.core.models import AuditEvent


def _post_check(client, number, birth):
    return client.post("/kartu/cek/", {"number": number, "birth_date": birth})


def test_verify_page_renders_a_labelled_form(client, db):
    response = client.get("/kartu/cek/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_number"' in body and 'for="id_birth_date"' in body


def test_verify_page_shows_the_card(client, card):
    response = _post_check(client, card.number, card.birth_date.isoformat())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Siti Rahmawati" in body and card.nik_masked in body
    assert "verdict-active" in body
    assert card.data["nik"] not in body


def test_verify_page_wrong_check_digit_in_indonesian(client, card):
    bad = card.number[:-1] + str((int(card.number[-1]) + 1) % 10)
    body = _post_check(client, bad, card.birth_date.isoformat()).content.decode()
    assert "digit pemeriksa salah" in body


def test_verify_page_not_found_is_neutral(client, card):
    body = _post_check(client, card.number, "2001-01-01").content.decode()
    assert "Tidak ditemukan" in body
    assert "Siti" not in body


@pytest.mark.parametrize(
    "number,birth", [("", ""), ("x" * 500, "2001-13-45"), ("1671", "3000-01-01"), ("\x00", "a")]
)
def test_verify_page_answers_bad_input_with_a_message(client, db, number, birth):
    response = _post_check(client, number, birth)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_qr_link_opens_the_verdict(client, card):
    response = client.get(f"/kartu/v/{card.token}")
    assert response.status_code == 200
    assert "verdict-active" in response.content.decode()


def test_qr_link_with_a_forged_token_says_not_genuine(client, db):
    response = client.get("/kartu/v/AAAAthisisnotatoken")
    assert response.status_code == 200
    assert "verdict-bad" in response.content.decode()


def test_api_card_verify_by_number(client, card):
    response = client.post(
        "/api/v1/cards/verify",
        {"number": card.number, "birth_date": card.birth_date.isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["outcome"] == "found" and data["status"] == "active"
    assert data["holder_name"] == "Siti Rahmawati"


def test_api_card_verify_needs_token_or_number(client, db):
    response = client.post("/api/v1/cards/verify", {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "token_or_number_required"


def test_api_card_verify_rate_limited_is_429(client, card, settings):
    settings.PENCAKER_CARD_VERIFY_LIMIT = 1
    client.post("/api/v1/cards/verify", {"number": "1"}, content_type="application/json")
    response = client.post("/api/v1/cards/verify", {"number": "1"}, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"


def test_api_operation_id_is_card_verify(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operations = [
        op.get("operationId") for path in schema["paths"].values() for op in path.values()
    ]
    assert "card_verify" in operations


def test_holder_downloads_the_signed_pdf(client, card):
    client.force_login(card.holder)
    page = client.get("/kartu/").content.decode()
    assert card.number in page
    response = client.get(f"/kartu/{card.number}/v{card.version}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_another_seeker_cannot_download(client, card, user_factory):
    client.force_login(user_factory())
    assert client.get(f"/kartu/{card.number}/v{card.version}/pdf/").status_code == 404


def test_anonymous_download_goes_to_login(client, card):
    response = client.get(f"/kartu/{card.number}/v{card.version}/pdf/")
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_office_staff_download_is_logged(card, operator, staff_client_factory):
    staff = staff_client_factory(operator)
    response = staff.get(f"/kartu/{card.number}/v{card.version}/pdf/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="card.pdf_downloaded", actor=operator).count() == 1


def test_staff_of_another_office_cannot_download(
    card, user_factory, other_office, staff_client_factory
):
    from pencaker.accounts.models import Role

    foreign = staff_client_factory(user_factory(Role.OPERATOR, office=other_office))
    assert foreign.get(f"/kartu/{card.number}/v{card.version}/pdf/").status_code == 404


def test_card_list_json(card, capsys):
    call_command("card_list", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["number"] == card.number
    assert rows[0]["status"] == "active" and rows[0]["holder_name"] == "Siti Rahmawati"
    assert rows[0]["issued_on"] == card.issued_on.isoformat()


def test_card_export_writes_the_signed_pdf(card, tmp_path):
    import hashlib

    target = tmp_path / "out.pdf"
    call_command("card_export", card.number, "-o", str(target))
    assert hashlib.sha256(target.read_bytes()).hexdigest() == card.pdf_sha256


def test_card_export_refuses_a_bad_number(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="check_digit"):
        call_command("card_export", "1671-2026-000001-0", "-o", str(tmp_path / "x.pdf"))
