"""The export and the forwarder: a fake national endpoint goes down during a run and comes
back; every record version arrives exactly once (issue 17 item 6)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from pencaker.core.errors import DomainError
from pencaker.exchange.export import cursor_decode, export_since, records_csv, records_jsonl
from pencaker.exchange.forwarder import HttpForwarder, forward_collect, forward_send
from pencaker.exchange.holders_import import holders_import
from pencaker.exchange.models import ForwardItem
from pencaker.exchange.tests.conftest import TODAY, holder_row, to_csv, village_in
from pencaker.seekers.models import JobSeekerProfile


class Receiver:
    """A fake national endpoint: logs every record key it receives, dedupes nothing."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.server: ThreadingHTTPServer | None = None
        self.port = 0

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length))
                receiver.keys.extend(r["key"] for r in body["records"])
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.allow_reuse_address = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()
        self.server = None


@pytest.fixture
def receiver():
    r = Receiver()
    r.start()
    yield r
    if r.server is not None:
        r.stop()


def _import(office, start: int, count: int):
    rows = [holder_row(i) for i in range(start, start + count)]
    report = holders_import(office=office, data=to_csv(rows), actor=None, today=TODAY)
    assert report.committed


@pytest.mark.django_db(transaction=True)
def test_endpoint_down_during_a_run_every_record_arrives_exactly_once(office, settings, receiver):
    settings.PENCAKER_EXPORT_SAFETY_LAG_SECONDS = 0
    village_in(office)
    forwarder = HttpForwarder(url=f"http://127.0.0.1:{receiver.port}/records", timeout=2)
    now = timezone.now() + dt.timedelta(seconds=1)

    # given records queued and sent while the endpoint is up
    _import(office, 0, 30)
    forward_collect(office=office, now=now)
    first = forward_send(forwarder=forwarder, now=now, batch=25)
    assert first.sent > 0 and first.failed == 0

    # when the endpoint goes down, new records stay queued with a backoff
    receiver.stop()
    _import(office, 30, 20)
    profile = JobSeekerProfile.objects.filter(office=office).order_by("pk").first()
    profile.birth_place = "Prabumulih"  # a change of an already sent record: a new version
    profile.save()
    now = timezone.now() + dt.timedelta(seconds=1)
    forward_collect(office=office, now=now)
    down = forward_send(forwarder=forwarder, now=now, batch=25)
    assert down.sent == 0 and down.failed > 0
    failed = ForwardItem.objects.filter(status=ForwardItem.Status.PENDING).exclude(attempts=0)
    assert failed.exists() and all(i.next_attempt_at > now for i in failed)
    # each run tries one batch per due group; once all were tried, nothing is due before
    # the backoff ends (the endpoint is not hammered)
    for _attempt in range(10):
        if forward_send(forwarder=forwarder, now=now, batch=25).failed == 0:
            break
    pending = ForwardItem.objects.filter(status=ForwardItem.Status.PENDING)
    assert pending.exists() and not pending.filter(next_attempt_at__lte=now).exists()

    # when it comes back on the same address, the queue drains after the backoff
    receiver.start()
    later = now + dt.timedelta(hours=2)
    forward_collect(office=office, now=later)
    back = forward_send(forwarder=forwarder, now=later, batch=25)
    assert back.failed == 0
    # and running everything again sends nothing more
    forward_collect(office=office, now=later)
    assert forward_send(forwarder=forwarder, now=later + dt.timedelta(hours=2)).sent == 0

    # then every record version arrived exactly once
    expected = export_since(office=office, since=None, limit=100_000, now=later).records
    assert ForwardItem.objects.filter(status=ForwardItem.Status.PENDING).count() == 0
    assert len(receiver.keys) == len(set(receiver.keys))
    sent_keys = set(ForwardItem.objects.values_list("key", flat=True))
    assert set(receiver.keys) == sent_keys
    # the latest version of every record is among them (older versions came before)
    assert {r["key"] for r in expected} <= sent_keys
    assert any(k.startswith(f"seeker:{profile.pk}:") for k in receiver.keys[-60:])
    assert sum(k.startswith(f"seeker:{profile.pk}:") for k in receiver.keys) == 2


@pytest.mark.django_db
def test_export_pages_follow_the_cursor_without_duplicates_or_misses(office, settings):
    settings.PENCAKER_EXPORT_SAFETY_LAG_SECONDS = 0
    village_in(office)
    _import(office, 0, 25)
    now = timezone.now() + dt.timedelta(seconds=1)
    seen: list[str] = []
    since = None
    while True:
        page = export_since(office=office, since=since, limit=7, now=now)
        seen.extend(r["key"] for r in page.records)
        since = page.cursor
        if not page.more:
            break
    everything = export_since(office=office, since=None, limit=10_000, now=now).records
    assert len(seen) == len(set(seen)) == len(everything)
    assert export_since(office=office, since=since, now=now).records == []
    assert "seeker" in records_jsonl(everything[:1])
    assert records_csv(everything[:2]).startswith("key,kind,id,office,changed_at,data")


@pytest.mark.django_db
def test_export_keeps_rows_inside_the_safety_lag_for_later(office, settings):
    settings.PENCAKER_EXPORT_SAFETY_LAG_SECONDS = 120
    village_in(office)
    _import(office, 0, 3)
    page = export_since(office=office, since=None, now=timezone.now())
    assert page.records == []
    later = export_since(
        office=office, since=page.cursor, now=timezone.now() + dt.timedelta(seconds=121)
    )
    assert len([r for r in later.records if r["kind"] == "seeker"]) == 3


@pytest.mark.django_db
def test_export_is_scoped_to_the_office(office, other_office, settings):
    settings.PENCAKER_EXPORT_SAFETY_LAG_SECONDS = 0
    village_in(office)
    _import(office, 0, 4)
    now = timezone.now() + dt.timedelta(seconds=1)
    assert export_since(office=other_office, since=None, now=now).records == []
    assert {r["office"] for r in export_since(office=office, since=None, now=now).records} == {
        office.code
    }


@pytest.mark.parametrize("token", ["not-base64!", "eyJhIjoxfQ", "W10", "eyJjYXJkIjpbIngiLDFdfQ"])
def test_a_bad_cursor_is_a_domain_error(token):
    with pytest.raises(DomainError) as raised:
        cursor_decode(token)
    assert raised.value.code == "export_cursor_invalid"


@pytest.mark.django_db
def test_forward_run_with_the_logging_forwarder_sends_and_later_purges(office, settings):
    from pencaker.exchange.forwarder import forward_run

    settings.PENCAKER_EXPORT_SAFETY_LAG_SECONDS = 0
    settings.PENCAKER_EXCHANGE_FORWARDER = "logging"
    village_in(office)
    _import(office, 0, 2)
    now = timezone.now() + dt.timedelta(seconds=1)
    result = forward_run(now=now)
    assert result.sent == ForwardItem.objects.count() > 0
    assert forward_run(now=now).sent == 0
    forward_run(now=now + dt.timedelta(days=31))
    assert ForwardItem.objects.count() == 0


@pytest.mark.django_db
def test_forwarding_is_off_by_default(office, settings):
    from pencaker.exchange.forwarder import forward_run

    settings.PENCAKER_EXCHANGE_FORWARDER = ""
    village_in(office)
    _import(office, 0, 2)
    assert forward_run().sent == 0
    assert ForwardItem.objects.count() == 0
