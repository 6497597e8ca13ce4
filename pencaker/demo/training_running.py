"""Demo data of a finished training wave: the demo job seeker attended, completed, holds a
signed certificate (checkable at /sertifikat/cek/), has an allowance schedule with the
first instalment paid, and the completion survey waiting. Built through the training
services; skipped once the demo programme exists."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

DEMO_PROGRAMME_TITLE = "Barista Dasar (gelombang selesai)"


def seed_training_completed(
    operator_email: str = "operator@demo.pencaker.id",
    seeker_email: str = "pencaker@demo.pencaker.id",
) -> None:
    from pencaker.accounts.models import User
    from pencaker.training import allowances, services_running
    from pencaker.training.models import Programme, Registration, TrainingSession, Wave
    from pencaker.training.models_running import CompletionRule

    operator = User.objects.get(email=operator_email)
    seeker = User.objects.filter(email=seeker_email).first()
    if (
        seeker is None
        or Programme.objects.filter(
            office_id=operator.office_id, title=DEMO_PROGRAMME_TITLE
        ).exists()
    ):
        return
    now = timezone.now()
    today = timezone.localdate()
    programme = Programme.objects.create(
        office_id=operator.office_id,
        title=DEMO_PROGRAMME_TITLE,
        description="Menyeduh kopi espresso dan manual brew, melayani pelanggan.",
        competence_text="Menyiapkan minuman kopi",
        provider_name="BLK Kota Palembang",
        place="BLK Kota Palembang",
        status="published",
        published_at=now - dt.timedelta(days=60),
        has_certificate=True,
        has_allowance=True,
        created_by=operator,
    )
    CompletionRule.objects.create(
        programme=programme, allowance_amount=600_000, allowance_instalments=3
    )
    wave = Wave.objects.create(
        programme=programme,
        number=1,
        opens_at=now - dt.timedelta(days=50),
        closes_at=now - dt.timedelta(days=40),
        starts_on=today - dt.timedelta(days=14),
        ends_on=today - dt.timedelta(days=1),
        quota=20,
        status="running",
    )
    for n in range(4):
        TrainingSession.objects.create(
            wave=wave,
            date=today - dt.timedelta(days=14 - 3 * n),
            start_time=dt.time(8, 0),
            end_time=dt.time(12, 0),
            topic=("Espresso", "Manual brew", "Susu dan latte art", "Pelayanan")[n],
        )
    registration = Registration.objects.create(
        wave=wave,
        seeker=seeker,
        public_id="DEMO0001",
        status="confirmed",
        rank=1,
        selected_at=now - dt.timedelta(days=39),
        confirmed_at=now - dt.timedelta(days=38),
    )
    for session in wave.sessions.all():
        services_running.attendance_mark(
            actor=operator, session_id=session.pk, present_ids={registration.pk}
        )
    services_running.wave_complete(actor=operator, wave_id=wave.pk, scores={registration.pk: 86})
    allowances.instalments_pay_due(today=today, gateway=allowances.LoggingGateway())
    services_running.follow_ups_send_due(today=today)
