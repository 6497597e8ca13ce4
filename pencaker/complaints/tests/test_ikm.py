"""The complaint figures of a period beside the IKM element U8 on the survey results."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pencaker.complaints import services
from pencaker.complaints.choices import Tier
from pencaker.complaints.links import complaint_secret
from pencaker.surveys.companions import result_companions

pytestmark = pytest.mark.django_db


def test_complaint_figures_stand_beside_u8(submit, officer, office):
    complaint = submit()
    submit(text="Ruang tunggu panas dan kursi kurang.")
    services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    services.complaint_answer(
        actor=officer, complaint_id=complaint.pk, answer="Sudah kami perbaiki."
    )
    services.complaint_rate(
        number=complaint.tracking_number, secret=complaint_secret(complaint), rating=3
    )
    today = timezone.localdate()
    blocks = [
        b
        for b in result_companions(office, today - dt.timedelta(days=30), today)
        if b.element_code == "U8"
    ]
    assert len(blocks) == 1
    text = " ".join(blocks[0].lines)
    assert "2" in text and "1" in text and "3" in text


def test_a_period_without_complaints_shows_no_block(submit, office):
    submit()
    old = dt.date(2020, 1, 1)
    assert [b for b in result_companions(office, old, old) if b.element_code == "U8"] == []
