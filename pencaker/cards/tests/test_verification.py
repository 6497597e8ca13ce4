"""Public verification: by number and date of birth, by QR token; rate limit; logging."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.cards.choices import CardStatus, VerificationOutcome
from pencaker.cards.models import VerificationLog
from pencaker.cards.services import card_status_change, card_verify_number, card_verify_token
from pencaker.core.errors import DomainError

IP = "203.0.113.7"


def _wrong_check(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def _birth(card) -> dt.date:
    return card.birth_date


def test_number_and_birth_date_find_the_card(card):
    result = card_verify_number(number=card.number, birth_date=_birth(card), ip_address=IP)
    assert result.found
    assert result.status == CardStatus.ACTIVE
    assert result.holder_name == "Siti Rahmawati"
    assert result.nik_masked == card.nik_masked
    assert result.office_name == card.office.name
    assert result.reports == []


def test_wrong_check_digit_says_so(card):
    result = card_verify_number(
        number=_wrong_check(card.number), birth_date=_birth(card), ip_address=IP
    )
    assert result.outcome == VerificationOutcome.BAD_CHECK_DIGIT


def test_unknown_number_and_wrong_birth_date_get_the_same_answer(card):
    from pencaker.cards.numbers import format_card_number

    unknown = format_card_number(office_code="1671", year=2026, sequence=999_999)
    a = card_verify_number(number=unknown, birth_date=_birth(card), ip_address=IP)
    b = card_verify_number(
        number=card.number, birth_date=_birth(card) + dt.timedelta(days=1), ip_address=IP
    )
    assert a.outcome == b.outcome == VerificationOutcome.NOT_FOUND
    assert a == b


def test_every_check_is_logged_without_personal_data(card):
    card_verify_number(number=card.number, birth_date=_birth(card), ip_address=IP)
    card_verify_number(number="123", birth_date=None, ip_address=IP)
    logs = list(VerificationLog.objects.order_by("id"))
    assert [log.outcome for log in logs] == ["found", "bad_format"]
    assert logs[0].card_id == card.pk
    assert IP not in logs[0].client_hash and len(logs[0].client_hash) == 64


# Revoked is reported too (test_revocation.py revokes with two admins): since issue 16 a
# card is revoked only through a confirmed four-eyes revocation, never by one person.
@pytest.mark.parametrize("to", [CardStatus.PLACED, CardStatus.REMOVED, CardStatus.EXPIRED])
def test_status_is_reported(card, operator, to):
    card_status_change(card_id=card.pk, to=to, actor=operator)
    result = card_verify_token(token=card.token, ip_address=IP)
    assert result.found and result.status == to


@pytest.mark.parametrize("who", ["operator", "system"])
def test_nobody_revokes_a_card_alone(card, operator, who):
    with pytest.raises(DomainError):
        card_status_change(
            card_id=card.pk, to=CardStatus.REVOKED, actor=operator if who == "operator" else None
        )
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE


def test_active_card_past_its_date_is_answered_expired(card):
    card.valid_until = card.issued_on + dt.timedelta(days=1)
    card.issued_on = card.issued_on - dt.timedelta(days=800)
    card.valid_until = card.issued_on + dt.timedelta(days=730)
    card.save()
    result = card_verify_number(number=card.number, birth_date=_birth(card), ip_address=IP)
    assert result.status == CardStatus.EXPIRED


def test_old_version_qr_answers_superseded(card, application_factory, operator):
    from pencaker.cards.services import card_issue

    newer = card_issue(application=application_factory(photo=False), actor=operator)
    old = card_verify_token(token=card.token, ip_address=IP)
    assert old.status == CardStatus.SUPERSEDED and old.newer_version == 2
    by_number = card_verify_number(number=card.number, birth_date=_birth(card), ip_address=IP)
    assert by_number.version == newer.version and by_number.status == CardStatus.ACTIVE


def test_forged_token_is_refused(card):
    forged = card.token[:-6] + ("AAAAAA" if not card.token.endswith("AAAAAA") else "BBBBBB")
    result = card_verify_token(token=forged, ip_address=IP)
    assert result.outcome == VerificationOutcome.BAD_TOKEN


def test_rate_limit_applies_per_client(card, settings):
    settings.PENCAKER_CARD_VERIFY_LIMIT = 3
    for _ in range(3):
        card_verify_number(number="1", birth_date=None, ip_address=IP)
    with pytest.raises(DomainError) as caught:
        card_verify_number(number=card.number, birth_date=_birth(card), ip_address=IP)
    assert caught.value.code == "rate_limited" and caught.value.status == 429
    # Another client is not affected.
    other = card_verify_number(number=card.number, birth_date=_birth(card), ip_address="10.0.0.1")
    assert other.found
    assert VerificationLog.objects.filter(outcome="rate_limited").count() == 1
