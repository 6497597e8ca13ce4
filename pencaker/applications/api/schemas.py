"""Request and response shapes of the applications API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from pencaker.applications.choices import ApplicationType

IDEMPOTENCY_HEADER = {
    "parameters": [
        {
            "name": "Idempotency-Key",
            "in": "header",
            "required": True,
            "description": (
                "A fresh random value per request (e.g. a UUID). A retry with the same key "
                "returns the application created the first time (200) instead of a new one."
            ),
            "schema": {"type": "string", "maxLength": 100},
        }
    ]
}


class MissingItemOut(Schema):
    code: str
    label: str
    url: str


class ChecklistOut(Schema):
    is_complete: bool
    missing: list[MissingItemOut]


class SubmitIn(Schema):
    type: str = Field(ApplicationType.NEW, description="new, renewal, data_change, replacement")


class ReturnItemOut(Schema):
    item: str
    label: str
    reason: str
    reason_label: str
    text: str
    fix_url: str


class TimelineOut(Schema):
    from_status: str
    to_status: str
    at: datetime
    note: str


class SlaOut(Schema):
    due_at: datetime | None
    remaining_hours: float | None
    overdue: bool
    paused: bool


class StaffDetailsOut(Schema):
    """Only in answers to staff: the frozen data the operator reviews."""

    applicant_name: str
    claimed_by: str | None
    snapshot: dict[str, Any]
    documents: list[dict[str, Any]]
    nik_warnings: list[str]


class ApplicationOut(Schema):
    id: int
    tracking_number: str
    type: str
    type_label: str
    status: str
    status_label: str
    office_code: str
    office_name: str
    assisted: bool
    submitted_at: datetime | None
    due_at: datetime | None
    decided_at: datetime | None
    reject_reason: str
    decision_note: str
    return_items: list[ReturnItemOut]
    timeline: list[TimelineOut]
    sla: SlaOut
    staff: StaffDetailsOut | None = None


class QueueItemOut(Schema):
    id: int
    tracking_number: str
    type: str
    status: str
    applicant_name: str
    submitted_at: datetime | None
    due_at: datetime | None
    remaining_hours: float | None
    overdue: bool
    claimed_by: str | None


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


class ReturnItemIn(Schema):
    item: str = Field(..., max_length=40, description="e.g. document:photo, identity, address")
    reason: str = Field(..., max_length=40)
    text: str = Field("", max_length=500)


class ReturnIn(Schema):
    items: list[ReturnItemIn] = Field(..., max_length=50)
    note: str = Field("", max_length=2000)


class RejectIn(Schema):
    reason: str = Field(..., max_length=20)
    note: str = Field("", max_length=2000)
