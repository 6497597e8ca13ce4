"""The incremental export: job seekers, cards, placements and vacancies of one office, in
a stable order, from a cursor (the "since" watermark), as JSON Lines or CSV.

Ordering and cursor (ADR 0024). Each kind is read in ``(stamp, id)`` order, where the
stamp is the row's ``updated_at`` (profiles, cards, vacancies: every change through the
ORM moves it) or ``created_at`` (placements: append-only). The cursor holds the last
``(stamp, id)`` per kind. A row is exported only once its stamp is older than the safety
lag (``PENCAKER_EXPORT_SAFETY_LAG_SECONDS``, default 120 s): a transaction that stamped
a row at T but commits later is invisible until it commits, and the lag, longer than any
transaction may last (the database's statement and idle-in-transaction timeouts), keeps
the cursor from moving past T before the row is visible. So a reader following the
cursor misses nothing and, since ``(stamp, id)`` is strictly increasing along the
order, sees nothing twice; a row changed again is exported again, as a new version
with a new record key.

Record keys (``key``) are ``kind:id:stamp`` (stamp in microseconds): the same version
always has the same key, so a receiver can store by key, and the forwarder never queues
a key twice.
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pencaker.cards.models import Card
from pencaker.core.errors import DomainError
from pencaker.exchange.errors import ExchangeErrorCode
from pencaker.lifecycle.models import Placement
from pencaker.offices.models import Office
from pencaker.seekers.models import JobSeekerProfile
from pencaker.vacancies.models import Vacancy

KINDS = ("seeker", "card", "placement", "vacancy")
CSV_FIELDS = ("key", "kind", "id", "office", "changed_at", "data")


@dataclass(frozen=True)
class Position:
    stamp: dt.datetime
    id: int


Cursor = dict[str, Position]


def cursor_encode(cursor: Cursor) -> str:
    raw = {k: [p.stamp.isoformat(), p.id] for k, p in sorted(cursor.items())}
    return base64.urlsafe_b64encode(json.dumps(raw, separators=(",", ":")).encode()).decode()


def cursor_decode(token: str | None) -> Cursor:
    if not token:
        return {}
    try:
        raw = json.loads(base64.urlsafe_b64decode(token.encode("ascii") + b"==="))
        if not isinstance(raw, dict) or not set(raw) <= set(KINDS):
            raise ValueError("not a cursor")
        cursor = {
            kind: Position(dt.datetime.fromisoformat(value[0]), int(value[1]))
            for kind, value in raw.items()
        }
        if any(p.stamp.tzinfo is None for p in cursor.values()):
            raise ValueError("naive stamp")
        return cursor
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        binascii.Error,
        UnicodeError,
    ) as exc:
        raise DomainError(
            ExchangeErrorCode.EXPORT_CURSOR_INVALID,
            _("The export cursor is not valid; start again without one."),
            fields={"since": [_("The export cursor is not valid.")]},
        ) from exc


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _seeker(p: JobSeekerProfile) -> dict[str, Any]:
    return {
        "nik": p.nik,
        "name": p.full_name,
        "birth_place": p.birth_place,
        "birth_date": _iso(p.birth_date),
        "sex": p.sex,
        "village": p.village_id or "",
        "education": sorted({e.level for e in p.education.all()}),
    }


def _card(c: Card) -> dict[str, Any]:
    return {
        "number": c.number,
        "version": c.version,
        "status": c.status,
        "issued_on": _iso(c.issued_on),
        "valid_until": _iso(c.valid_until),
        "holder_nik": (c.data or {}).get("nik", ""),
        "holder_name": c.holder_name,
    }


def _placement(p: Placement) -> dict[str, Any]:
    return {
        "card_number": p.card.number,
        "employer": p.employer,
        "position": p.position,
        "sector": p.sector,
        "start_date": _iso(p.start_date),
        "area": p.area,
        "source": p.source,
    }


def _vacancy(v: Vacancy) -> dict[str, Any]:
    return {
        "title": v.title,
        "employer": v.organisation.name,
        "status": v.status,
        "openings": v.openings,
        "min_education": v.min_education,
        "location": v.location_id or "",
        "closing_date": _iso(v.closing_date),
        "published_at": _iso(v.published_at),
    }


def _sources(office: Office):
    return {
        "seeker": (
            JobSeekerProfile.objects.filter(office=office).prefetch_related("education"),
            "updated_at",
            _seeker,
        ),
        "card": (Card.objects.filter(office=office), "updated_at", _card),
        "placement": (
            Placement.objects.filter(office=office).select_related("card"),
            "created_at",
            _placement,
        ),
        "vacancy": (
            Vacancy.objects.filter(office=office, published_at__isnull=False).select_related(
                "organisation"
            ),
            "updated_at",
            _vacancy,
        ),
    }


def _key(kind: str, pk: int, stamp: dt.datetime) -> str:
    micros = int(stamp.timestamp() * 1_000_000)
    return f"{kind}:{pk}:{micros}"


@dataclass
class ExportPage:
    records: list[dict[str, Any]]
    cursor: str
    more: bool


def export_since(
    *,
    office: Office,
    since: str | None,
    kinds: Iterable[str] = KINDS,
    limit: int = 1000,
    now: dt.datetime | None = None,
) -> ExportPage:
    """Up to ``limit`` records per kind changed after ``since``, older than the safety
    lag; ``cursor`` is where the next call starts, ``more`` whether a kind had more."""
    cursor = cursor_decode(since)
    lag = dt.timedelta(seconds=settings.PENCAKER_EXPORT_SAFETY_LAG_SECONDS)
    horizon = (now or timezone.now()) - lag
    records: list[dict[str, Any]] = []
    more = False
    for kind, (queryset, stamp_field, shape) in _sources(office).items():
        if kind not in kinds:
            continue
        rows = queryset.filter(**{f"{stamp_field}__lte": horizon})
        position = cursor.get(kind)
        if position is not None:
            rows = rows.filter(
                Q(**{f"{stamp_field}__gt": position.stamp})
                | Q(**{stamp_field: position.stamp, "id__gt": position.id})
            )
        page = list(rows.order_by(stamp_field, "id")[: limit + 1])
        if len(page) > limit:
            more = True
            page = page[:limit]
        for row in page:
            stamp = getattr(row, stamp_field)
            records.append(
                {
                    "key": _key(kind, row.pk, stamp),
                    "kind": kind,
                    "id": row.pk,
                    "office": office.code,
                    "changed_at": stamp.isoformat(),
                    "data": shape(row),
                }
            )
        if page:
            last = page[-1]
            cursor[kind] = Position(getattr(last, stamp_field), last.pk)
    return ExportPage(records=records, cursor=cursor_encode(cursor), more=more)


def records_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def records_csv(records: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for r in records:
        writer.writerow(
            [
                r["key"],
                r["kind"],
                r["id"],
                r["office"],
                r["changed_at"],
                json.dumps(r["data"], ensure_ascii=False, sort_keys=True),
            ]
        )
    return out.getvalue()
