"""Reads of the training app, filtered by who may see them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from pencaker.training.choices import (
    ProgrammeStatus,
    RegistrationStatus,
    SelectionMethod,
    WaveStatus,
)
from pencaker.training.models import Programme, Registration, Replacement, Wave

PUBLIC_WAVES = [s for s in WaveStatus if s != WaveStatus.DRAFT]
#: Waves whose registrants are frozen and published (the draw index lists them).
DRAW_PUBLIC = [
    WaveStatus.REGISTRATION_CLOSED,
    WaveStatus.SELECTED,
    WaveStatus.RUNNING,
    WaveStatus.COMPLETED,
]


def _public_waves() -> Prefetch:
    return Prefetch(
        "waves",
        queryset=Wave.objects.filter(status__in=PUBLIC_WAVES).prefetch_related("sessions"),
        to_attr="public_waves",
    )


def programmes_public() -> QuerySet[Programme]:
    return (
        Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)
        .select_related("office")
        .prefetch_related(_public_waves())
        .order_by("-published_at", "-id")
    )


def programme_public(programme_id: Any) -> Programme | None:
    try:
        return programmes_public().filter(pk=int(programme_id)).first()
    except (TypeError, ValueError):
        return None


def wave_public(wave_id: Any) -> Wave | None:
    try:
        return (
            Wave.objects.select_related(
                "programme", "programme__office", "programme__office__region"
            )
            .filter(
                pk=int(wave_id),
                status__in=PUBLIC_WAVES,
                programme__status__in=[ProgrammeStatus.PUBLISHED, ProgrammeStatus.CANCELLED],
            )
            .first()
        )
    except (TypeError, ValueError):
        return None


def draw_waves_public() -> QuerySet[Wave]:
    return (
        Wave.objects.filter(status__in=DRAW_PUBLIC, method=SelectionMethod.LOTTERY)
        .select_related("programme", "programme__office")
        .order_by("-closed_at", "-id")
    )


def draw_wave_public(wave_id: Any) -> Wave | None:
    try:
        return draw_waves_public().filter(pk=int(wave_id)).first()
    except (TypeError, ValueError):
        return None


def wave_replacements(wave: Wave) -> QuerySet[Replacement]:
    return wave.replacements.select_related("lapsed", "replaced_by").order_by("at", "id")


def registrations_of_seeker(user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(seeker=user)
        .select_related("wave", "wave__programme")
        .prefetch_related("history", "wave__sessions")
        .order_by("-registered_at")
    )


def registration_of_seeker(user: Any, wave: Wave) -> Registration | None:
    if not getattr(user, "pk", None):
        return None
    return Registration.objects.filter(seeker=user, wave=wave).first()


def programmes_for_office(office_id: int) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(office_id=office_id)
        .annotate(wave_count=Count("waves"))
        .order_by("-created_at", "-id")
    )


def programme_for_office(office_id: int, programme_id: Any) -> Programme | None:
    try:
        return (
            Programme.objects.filter(office_id=office_id, pk=int(programme_id))
            .prefetch_related("history", "waves")
            .first()
        )
    except (TypeError, ValueError):
        return None


def wave_for_office(office_id: int, wave_id: Any) -> Wave | None:
    try:
        return (
            Wave.objects.filter(programme__office_id=office_id, pk=int(wave_id))
            .select_related("programme")
            .annotate(
                registered=Count(
                    "registrations", filter=~Q(registrations__status=RegistrationStatus.WITHDRAWN)
                )
            )
            .first()
        )
    except (TypeError, ValueError):
        return None


def wave_registrations_for_office(wave: Wave) -> QuerySet[Registration]:
    return wave.registrations.select_related("seeker", "seeker__seeker_profile").order_by(
        "rank", "registered_at", "id"
    )
