"""Every write of the card lifecycle, by sub-area: ``reports`` (reports, placements,
renewal eligibility) and ``daily`` (the daily rules). Import from here:
``from pencaker.lifecycle.services import report_record``."""

from pencaker.lifecycle.selectors import report_slot_open, rules_for_office
from pencaker.lifecycle.services.daily import DailyResult, lifecycle_daily, lifecycle_daily_local
from pencaker.lifecycle.services.reports import (
    RENEWAL_DAYS_BEFORE_EXPIRY,
    PlacementInput,
    placement_record,
    placement_record_by_employer,
    renewal_eligible,
    report_record,
)

__all__ = [
    "RENEWAL_DAYS_BEFORE_EXPIRY",
    "DailyResult",
    "PlacementInput",
    "lifecycle_daily",
    "lifecycle_daily_local",
    "placement_record",
    "placement_record_by_employer",
    "renewal_eligible",
    "report_record",
    "report_slot_open",
    "rules_for_office",
]
