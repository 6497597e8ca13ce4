"""Real threads against a real database (run on PostgreSQL with scripts/pgtmp.py): twenty
parallel submits with one Idempotency-Key make one complaint, one history row, one
email."""

from __future__ import annotations

import pytest

from pencaker.applications.tests.test_concurrency import run_together
from pencaker.complaints import services
from pencaker.complaints.choices import Category, ContactChannel, Privacy
from pencaker.complaints.models import Complaint, ComplaintStatusChange
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def _data(office):
    return services.ComplaintInput(
        office=office,
        category=Category.FEES,
        text="Diminta biaya di loket untuk kartu AK/1.",
        privacy=Privacy.ANONYMOUS,
        contact_channel=ContactChannel.EMAIL,
        contact="warga@example.id",
    )


def test_twenty_parallel_submits_with_one_key_make_one_complaint(office, mailoutbox):
    results, errors = run_together(
        20,
        lambda i: services.complaint_submit(
            actor=None, data=_data(office), idempotency_key="same-key"
        ),
    )
    assert errors == []
    assert Complaint.objects.count() == 1
    complaint = Complaint.objects.get()
    assert {r[0].pk for r in results} == {complaint.pk}
    assert [r[1] for r in results].count(True) == 1
    assert ComplaintStatusChange.objects.count() == 1
    # Delivered at once (the immediate task backend) and then erased from the outbox.
    assert [m.to for m in mailoutbox] == [["warga@example.id"]]
    assert Notification.objects.filter(kind="complaint.received").count() == 0


def test_parallel_submits_with_different_keys_make_one_each(office):
    results, errors = run_together(
        5,
        lambda i: services.complaint_submit(
            actor=None, data=_data(office), idempotency_key=f"key-{i}"
        ),
    )
    assert errors == []
    assert Complaint.objects.count() == 5
    assert len({c.tracking_number for c in Complaint.objects.all()}) == 5
