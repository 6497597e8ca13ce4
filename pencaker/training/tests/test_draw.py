"""The Done-when of the selection: 300 registrants for 150 places with 10 priority places
(persons with disability), a lottery anyone can re-check, a refused redraw, and places
not confirmed in time handed on down the waiting list in order."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from pencaker.core.audit import AuditAction
from pencaker.core.errors import Conflict
from pencaker.core.models import AuditEvent
from pencaker.notifications.models import Notification
from pencaker.training import lottery, services
from pencaker.training.choices import RegistrationStatus as R
from pencaker.training.choices import WaveStatus
from pencaker.training.errors import TrainingErrorCode
from pencaker.training.models import Registration, Replacement, Wave
from pencaker.training.tests.conftest import seekers_bulk

pytestmark = pytest.mark.django_db


def independent_order(record: dict) -> tuple[list[str], list[str]]:
    """A second implementation written from the public description only (no code shared
    with ``lottery``)."""
    seed = record["seed"]
    assert hashlib.sha256(bytes.fromhex(seed)).hexdigest() == record["commitment"]

    def key(rid: str) -> str:
        return hashlib.sha256((seed + ":" + rid).encode("utf-8")).hexdigest()

    ranked = sorted(record["registrants"], key=lambda r: key(r["id"]))
    selected = [r["id"] for r in ranked if r["priority"]][: record["priority_quota"]]
    for r in ranked:
        if len(selected) >= record["quota"]:
            break
        if r["id"] not in selected:
            selected.append(r["id"])
    waiting = [r["id"] for r in ranked if r["id"] not in selected]
    return selected, waiting


@pytest.fixture
def big_wave(programme_factory):
    return programme_factory(wave={"quota": 150, "priority_quota": 10, "confirm_days": 3})


def test_300_registrants_150_places_10_priority(big_wave, operator, client, tmp_path):
    # given 300 seekers (25 with a disability) registered through the service
    users = seekers_bulk(300, disabled=25)
    for user in users:
        group = "disability" if user.seeker_profile.has_disability else ""
        services.registration_create(actor=user, wave_id=big_wave.pk, priority_group=group)
    assert Registration.objects.filter(wave=big_wave, priority=True).count() == 25

    # when registration closes, the commitment and the pseudonymous registrants are public
    services.wave_close(actor=operator, wave_id=big_wave.pk)
    before = client.get(reverse("training:draw_json", args=[big_wave.pk])).json()
    assert before["seed"] is None
    assert len(before["registrants"]) == 300
    assert len(before["commitment"]) == 64

    # and the draw reveals the seed
    services.wave_draw(actor=operator, wave_id=big_wave.pk)
    response = client.get(reverse("training:draw_json", args=[big_wave.pk]))
    record = response.json()

    # then exactly 150 are selected, the priority places first, the rest waiting in order
    assert record["commitment"] == before["commitment"]
    assert lottery.SEED_RE.match(record["seed"])
    assert len(record["selected"]) == 150
    assert len(record["waiting"]) == 150
    priority_ids = {r["id"] for r in record["registrants"] if r["priority"]}
    assert all(i in priority_ids for i in record["selected"][:10])
    assert Registration.objects.filter(wave=big_wave, status=R.SELECTED).count() == 150
    waiting_db = list(
        Registration.objects.filter(wave=big_wave, status=R.WAITING)
        .order_by("rank")
        .values_list("public_id", flat=True)
    )
    assert waiting_db == record["waiting"]

    # an independent re-implementation reproduces the order
    assert independent_order(record) == (record["selected"], record["waiting"])

    # and so does training_draw_verify from the published file
    path = tmp_path / "undian.json"
    path.write_bytes(response.content)
    out = _verify(path)
    assert out.startswith("OK")

    # a redraw is refused and audited
    with pytest.raises(Conflict) as exc:
        services.wave_draw(actor=operator, wave_id=big_wave.pk)
    assert exc.value.code == TrainingErrorCode.REDRAW_REFUSED
    assert AuditEvent.objects.filter(
        action=AuditAction.TRAINING_REDRAW_REFUSED, object_id=str(big_wave.pk)
    ).exists()
    again = client.get(reverse("training:draw_json", args=[big_wave.pk])).json()
    assert again["selected"] == record["selected"]

    # when 5 selected confirm and the rest do not, each non-confirmer is replaced in order
    selected = list(
        Registration.objects.filter(wave=big_wave, status=R.SELECTED)
        .select_related("seeker")
        .order_by("rank")
    )
    for registration in selected[:145]:
        services.registration_confirm(actor=registration.seeker, registration_id=registration.pk)
    late = selected[145:]
    after = timezone.now() + dt.timedelta(days=3, minutes=1)
    assert services.registrations_lapse_due(now=after) == 5
    replacements = list(Replacement.objects.filter(wave=big_wave).order_by("id"))
    assert [r.lapsed.public_id for r in replacements] == [r.public_id for r in late]
    assert [r.replaced_by.public_id for r in replacements] == record["waiting"][:5]
    assert all(
        r.status == R.SELECTED
        for r in Registration.objects.filter(public_id__in=record["waiting"][:5])
    )
    # running the job again changes nothing
    assert services.registrations_lapse_due(now=after) == 0
    assert Notification.objects.filter(kind="training.replaced_in").count() == 5
    assert Notification.objects.filter(kind="training.selected").count() == 150
    assert Notification.objects.filter(kind="training.waiting").count() == 150
    public = client.get(reverse("training:draw", args=[big_wave.pk]))
    assert record["waiting"][0] in public.content.decode()
    assert (
        len(client.get(reverse("training:draw_json", args=[big_wave.pk])).json()["replacements"])
        == 5
    )


def _verify(path) -> str:
    from io import StringIO

    out = StringIO()
    call_command("training_draw_verify", str(path), stdout=out)
    return out.getvalue()


def test_verify_fails_on_a_changed_record(big_wave, operator, client, tmp_path):
    users = seekers_bulk(20, disabled=3)
    for user in users:
        group = "disability" if user.seeker_profile.has_disability else ""
        services.registration_create(actor=user, wave_id=big_wave.pk, priority_group=group)
    wave = Wave.objects.get(pk=big_wave.pk)
    wave.quota = 10
    wave.priority_quota = 2
    wave.save()
    services.wave_close(actor=operator, wave_id=wave.pk)
    services.wave_draw(actor=operator, wave_id=wave.pk)
    record = client.get(reverse("training:draw_json", args=[wave.pk])).json()
    record["selected"][0], record["waiting"][0] = record["waiting"][0], record["selected"][0]
    path = tmp_path / "undian.json"
    path.write_text(json.dumps(record))
    with pytest.raises(CommandError) as exc:
        _verify(path)
    assert exc.value.returncode == 1


def test_verify_fails_when_the_seed_does_not_match_the_commitment(tmp_path):
    seed = lottery.seed_new()
    order = lottery.lottery_order(
        [("a", False), ("b", True)], seed_hex=seed, quota=1, priority_quota=1
    )
    record = {
        "quota": 1,
        "priority_quota": 1,
        "commitment": "0" * 64,
        "seed": seed,
        "registrants": [{"id": "a", "priority": False}, {"id": "b", "priority": True}],
        "selected": order.selected,
        "waiting": order.waiting,
    }
    assert order.selected == ["b"]
    assert lottery.record_verify(record) == ["SHA-256 of the seed does not equal the commitment"]


def test_draw_before_close_is_refused(open_wave, operator):
    with pytest.raises(Conflict) as exc:
        services.wave_draw(actor=operator, wave_id=open_wave.pk)
    assert exc.value.code == TrainingErrorCode.NOT_CLOSED
    assert Wave.objects.get(pk=open_wave.pk).status == WaveStatus.REGISTRATION_OPEN


def test_fcfs_selects_by_registration_time(programme_factory, operator):
    wave = programme_factory(wave={"method": "fcfs", "quota": 3, "priority_quota": 1})
    users = seekers_bulk(6, disabled=0, prefix="fcfs")
    for user in users:
        services.registration_create(actor=user, wave_id=wave.pk)
    services.wave_close(actor=operator, wave_id=wave.pk)
    services.wave_draw(actor=operator, wave_id=wave.pk)
    order = list(
        Registration.objects.filter(wave=wave).order_by("rank").values_list("seeker_id", flat=True)
    )
    assert order == [u.pk for u in users]
    assert Registration.objects.filter(wave=wave, status=R.SELECTED).count() == 3


def test_score_selects_best_first_with_ties_by_registration_time(programme_factory, operator):
    wave = programme_factory(
        wave={"method": "score", "quota": 2, "priority_quota": 0}, asks_score=True
    )
    users = seekers_bulk(4, prefix="score")
    registrations = [services.registration_create(actor=u, wave_id=wave.pk)[0] for u in users]
    for registration, score in zip(registrations, [60, 90, 90, 70], strict=True):
        services.registration_score_set(
            actor=operator, registration_id=registration.pk, score=score
        )
    services.wave_close(actor=operator, wave_id=wave.pk)
    services.wave_draw(actor=operator, wave_id=wave.pk)
    ranked = list(
        Registration.objects.filter(wave=wave).order_by("rank").values_list("pk", flat=True)
    )
    assert ranked == [
        registrations[1].pk,
        registrations[2].pk,
        registrations[3].pk,
        registrations[0].pk,
    ]


def test_verify_reads_the_record_from_a_url(big_wave, operator, client, tmp_path):
    import functools
    import http.server
    import threading

    for user in seekers_bulk(8, disabled=2, prefix="url"):
        group = "disability" if user.seeker_profile.has_disability else ""
        services.registration_create(actor=user, wave_id=big_wave.pk, priority_group=group)
    Wave.objects.filter(pk=big_wave.pk).update(quota=3, priority_quota=1)
    services.wave_close(actor=operator, wave_id=big_wave.pk)
    services.wave_draw(actor=operator, wave_id=big_wave.pk)
    (tmp_path / "undian.json").write_bytes(
        client.get(reverse("training:draw_json", args=[big_wave.pk])).content
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        out = _verify(f"http://127.0.0.1:{server.server_address[1]}/undian.json")
    finally:
        server.shutdown()
    assert out.startswith("OK: the draw matches: 3 selected, 5 waiting, from 8 registrants")
