"""The card-check limit holds under parallel checks (issue 14, security item 8): 60
simultaneous checks from one address get exactly the limit's answers, on SQLite and
PostgreSQL. Real threads, each with its own connection, released together; the database
commits for real (``transaction=True``) as in production."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connections

from pencaker.cards.choices import VerificationOutcome
from pencaker.cards.models import VerificationAllowance, VerificationLog
from pencaker.cards.services import card_verify_number
from pencaker.core.errors import DomainError

pytestmark = pytest.mark.django_db(transaction=True)

IP = "198.51.100.44"


def _check_together(count: int, ip_address: str) -> tuple[int, int]:
    barrier = threading.Barrier(count)
    answered: list[int] = []
    refused: list[int] = []
    unexpected: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait(timeout=60)
            card_verify_number(number="12", birth_date=None, ip_address=ip_address)
            answered.append(1)
        except DomainError as exc:
            (refused if exc.code == "rate_limited" else unexpected).append(exc)
        except BaseException as exc:  # noqa: BLE001 - asserted below
            unexpected.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a check did not finish"
    assert unexpected == []
    return len(answered), len(refused)


def test_sixty_parallel_checks_get_exactly_the_limit(settings):
    settings.PENCAKER_CARD_VERIFY_LIMIT = 20

    answered, refused = _check_together(60, IP)

    assert (answered, refused) == (20, 40)
    logs = VerificationLog.objects.exclude(outcome=VerificationOutcome.RATE_LIMITED)
    assert logs.count() == 20
    assert VerificationLog.objects.filter(outcome=VerificationOutcome.RATE_LIMITED).count() == 40


def test_the_limit_is_per_address_under_parallel_checks(settings):
    settings.PENCAKER_CARD_VERIFY_LIMIT = 5
    assert _check_together(12, IP) == (5, 7)
    assert _check_together(12, "198.51.100.45") == (5, 7)


def test_a_new_window_starts_once_the_last_one_is_over(settings):
    settings.PENCAKER_CARD_VERIFY_LIMIT = 2
    settings.PENCAKER_CARD_VERIFY_WINDOW_SECONDS = 600
    assert _check_together(3, IP) == (2, 1)
    allowance = VerificationAllowance.objects.get()
    VerificationAllowance.objects.update(
        window_start=allowance.window_start - dt.timedelta(seconds=601)
    )

    assert _check_together(3, IP) == (2, 1)
    assert VerificationAllowance.objects.get().used == 2
