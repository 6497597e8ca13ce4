"""Write audit rows. Called by services inside their transaction."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import models

from pencaker.core.client_address import client_address
from pencaker.core.models import AuditEvent


class AuditAction(StrEnum):
    """Every action an audit row can record (one list, as zulip's ``AuditLogEventType``).

    Values are stable: they are stored in ``AuditEvent.action`` and read by reports and
    tests. Add a member here before an app records a new kind of action.
    """

    ACCOUNT_API_LOGIN = "account.api_login"
    ACCOUNT_API_LOGOUT = "account.api_logout"
    ACCOUNT_API_TOKEN_REVOKED = "account.api_token_revoked"  # noqa: S105 (an action name)
    ACCOUNT_BACKUP_CODES_ISSUED = "account.backup_codes_issued"
    ACCOUNT_EMAIL_VERIFIED = "account.email_verified"
    ACCOUNT_PASSWORD_RESET_BY_PHONE = "account.password_reset_by_phone"  # noqa: S105
    ACCOUNT_PHONE_REGISTERED = "account.phone_registered"
    ACCOUNT_COUNTER_REGISTERED = "account.counter_registered"
    ACCOUNT_COUNTER_CODE_ISSUED = "account.counter_code_issued"
    ACCOUNT_PASSWORD_SET_BY_COUNTER_CODE = "account.password_set_by_counter_code"  # noqa: S105
    ACCOUNT_REGISTERED = "account.registered"
    ACCOUNT_SIGNUP_EMAIL_TAKEN = "account.signup_email_taken"
    ACCOUNT_TWO_FACTOR_CONFIRMED = "account.two_factor_confirmed"
    APPLICATION_APPROVED = "application.approved"
    APPLICATION_ASSISTED_REGISTRATION = "application.assisted_registration"
    APPLICATION_CLAIMED = "application.claimed"
    APPLICATION_REASSIGNED = "application.reassigned"
    APPLICATION_REJECTED = "application.rejected"
    APPLICATION_RELEASED = "application.released"
    APPLICATION_RESUBMITTED = "application.resubmitted"
    APPLICATION_RETURNED = "application.returned"
    APPLICATION_SUBMITTED = "application.submitted"
    APPLICATION_WITHDRAWN = "application.withdrawn"
    APPLICATIONS_RETURN_REASON_CREATED = "applications.return_reason_created"
    APPLICATIONS_RETURN_REASON_UPDATED = "applications.return_reason_updated"
    CARD_ISSUED = "card.issued"
    CARD_PDF_DOWNLOADED = "card.pdf_downloaded"
    CARD_PREVIEW_VIEWED = "card.preview_viewed"
    CARD_REISSUED = "card.reissued"
    CARD_RENDERED = "card.rendered"
    CARD_SIGNER_UPLOADED = "card.signer_uploaded"
    CARD_SIGNER_REMOVED = "card.signer_removed"
    CARD_REVOCATION_CONFIRMED = "card.revocation_confirmed"
    CARD_REVOCATION_DECLINED = "card.revocation_declined"
    CARD_REVOCATION_OBJECTED = "card.revocation_objected"
    CARD_REVOCATION_OBJECTION_DECIDED = "card.revocation_objection_decided"
    CARD_REVOCATION_REQUESTED = "card.revocation_requested"
    CARD_STATUS_CHANGED = "card.status_changed"
    COUNTER_NO_SHOWS_RELEASED = "counter.no_shows_released"
    COUNTER_SETTINGS_CHANGED = "counter.settings_changed"
    COUNTER_TICKET_BOOKED = "counter.ticket_booked"
    COUNTER_TICKET_CALLED = "counter.ticket_called"
    COUNTER_TICKET_FINISHED = "counter.ticket_finished"
    COMPLAINT_ANSWERED = "complaint.answered"
    COMPLAINT_ASSIGNED = "complaint.assigned"
    COMPLAINT_CLOSED = "complaint.closed"
    COMPLAINT_DATA_CHANGE_OPENED = "complaint.data_change_opened"
    COMPLAINT_DECLINED = "complaint.declined"
    COMPLAINT_ESCALATED = "complaint.escalated"
    COMPLAINT_EXPORTED = "complaint.exported"
    COMPLAINT_EXTENDED = "complaint.extended"
    COMPLAINT_FORWARDED = "complaint.forwarded"
    COMPLAINT_IDENTITY_VIEWED = "complaint.identity_viewed"
    COMPLAINT_RATED = "complaint.rated"
    COMPLAINT_REOPENED = "complaint.reopened"
    COMPLAINT_SETTINGS_CHANGED = "complaint.settings_changed"
    COMPLAINT_SUBMITTED = "complaint.submitted"
    COMPLAINT_VERIFIED = "complaint.verified"
    DOCUMENT_UPLOADED = "document.uploaded"
    DOCUMENT_VIEWED = "document.viewed"
    EMPLOYER_CARDS_CHECKED = "employer.cards_checked"
    EMPLOYER_KBLI_IMPORT = "employer.kbli_import"
    EMPLOYER_MEMBER_INVITED = "employer.member_invited"
    EMPLOYER_MEMBER_REMOVED = "employer.member_removed"
    EMPLOYER_REGISTERED = "employer.registered"
    EMPLOYER_REJECTED = "employer.rejected"
    EMPLOYER_RESUBMITTED = "employer.resubmitted"
    EMPLOYER_RETURNED = "employer.returned"
    EMPLOYER_UPDATED = "employer.updated"
    EMPLOYER_VERIFIED = "employer.verified"
    EXCHANGE_ACCOUNT_CLAIMED = "exchange.account_claimed"
    EXCHANGE_EXPORT_READ = "exchange.export_read"
    EXCHANGE_HOLDERS_IMPORTED = "exchange.holders_imported"
    EVENT_CANCELLED = "event.cancelled"
    EVENT_CHECKED_IN = "event.checked_in"
    EVENT_CREATED = "event.created"
    EVENT_HIRE_REPORTED = "event.hire_reported"
    EVENT_REGISTERED = "event.registered"
    EVENT_REGISTRATION_CANCELLED = "event.registration_cancelled"
    EVENT_UPDATED = "event.updated"
    EVENT_WAITLIST_PROMOTED = "event.waitlist_promoted"
    INFO_ANNOUNCEMENT_CREATED = "info.announcement_created"
    INFO_ANNOUNCEMENT_UNPUBLISHED = "info.announcement_unpublished"
    INFO_ANNOUNCEMENT_UPDATED = "info.announcement_updated"
    INFO_FAQ_CREATED = "info.faq_created"
    INFO_FAQ_UPDATED = "info.faq_updated"
    INFO_SETTINGS_CHANGED = "info.settings_changed"
    LIFECYCLE_CARD_EXPIRED = "lifecycle.card_expired"
    LIFECYCLE_HOLDER_REMOVED = "lifecycle.holder_removed"
    LIFECYCLE_PLACEMENT_ANNULLED = "lifecycle.placement_annulled"
    LIFECYCLE_PLACEMENT_CORRECTED = "lifecycle.placement_corrected"
    LIFECYCLE_PLACEMENT_DISPUTED = "lifecycle.placement_disputed"
    LIFECYCLE_PLACEMENT_DISPUTE_UPHELD = "lifecycle.placement_dispute_upheld"
    LIFECYCLE_PLACEMENT_RECORDED = "lifecycle.placement_recorded"
    LIFECYCLE_REPORT_RECORDED = "lifecycle.report_recorded"
    LIFECYCLE_SETTINGS_CHANGED = "lifecycle.settings_changed"
    MATCHING_ALERTS_CHANGED = "matching.alerts_changed"
    MATCHING_DISCOVERABLE_CHANGED = "matching.discoverable_changed"
    MATCHING_INVITATION_ACCEPTED = "matching.invitation_accepted"
    MATCHING_INVITATION_DECLINED = "matching.invitation_declined"
    MATCHING_INVITATION_SENT = "matching.invitation_sent"
    MATCHING_SKILLS_IMPORT = "matching.skills_import"
    MATCHING_UNSUBSCRIBED = "matching.unsubscribed"
    OFFICE_CLOSURE_ADDED = "office.closure_added"
    OFFICE_CREATED = "office.created"
    OFFICE_CLOSURE_REMOVED = "office.closure_removed"
    OFFICE_REQUIRED_DOCUMENTS_CHANGED = "office.required_documents_changed"
    OFFICE_LOGO_CHANGED = "office.logo_changed"
    OFFICE_SETTINGS_CHANGED = "office.settings_changed"
    PROVINCE_DASHBOARD_VIEWED = "reporting.province_dashboard_viewed"
    REGIONS_IMPORT = "regions.import"
    SEEKERS_ADDRESS_ADDED = "seekers.address.added"
    SEEKERS_ADDRESS_REMOVED = "seekers.address.removed"
    SEEKERS_ADDRESS_UPDATED = "seekers.address.updated"
    SEEKERS_CONTACT_ADDED = "seekers.contact.added"
    SEEKERS_CONTACT_REMOVED = "seekers.contact.removed"
    SEEKERS_CONTACT_UPDATED = "seekers.contact.updated"
    SEEKERS_DATA_EXPORT = "seekers.data_export"
    SEEKERS_DISABILITY_ADDED = "seekers.disability.added"
    SEEKERS_DISABILITY_REMOVED = "seekers.disability.removed"
    SEEKERS_DISABILITY_UPDATED = "seekers.disability.updated"
    SEEKERS_EDUCATION_ADDED = "seekers.education.added"
    SEEKERS_EDUCATION_REMOVED = "seekers.education.removed"
    SEEKERS_EDUCATION_UPDATED = "seekers.education.updated"
    SEEKERS_EXPERIENCE_ADDED = "seekers.experience.added"
    SEEKERS_EXPERIENCE_REMOVED = "seekers.experience.removed"
    SEEKERS_EXPERIENCE_UPDATED = "seekers.experience.updated"
    SEEKERS_IDENTITY_ADDED = "seekers.identity.added"
    SEEKERS_IDENTITY_REMOVED = "seekers.identity.removed"
    SEEKERS_IDENTITY_UPDATED = "seekers.identity.updated"
    SEEKERS_LANGUAGES_ADDED = "seekers.languages.added"
    SEEKERS_LANGUAGES_REMOVED = "seekers.languages.removed"
    SEEKERS_LANGUAGES_UPDATED = "seekers.languages.updated"
    SEEKERS_NIK_CONFLICT = "seekers.nik_conflict"
    SEEKERS_PREFERENCES_ADDED = "seekers.preferences.added"
    SEEKERS_PREFERENCES_REMOVED = "seekers.preferences.removed"
    SEEKERS_PREFERENCES_UPDATED = "seekers.preferences.updated"
    SEEKERS_PROFILE_STAFF_VIEW = "seekers.profile.staff_view"
    SEEKERS_SKILLS_ADDED = "seekers.skills.added"
    SEEKERS_SKILLS_REMOVED = "seekers.skills.removed"
    SEEKERS_SKILLS_UPDATED = "seekers.skills.updated"
    SEEKERS_TRAINING_ADDED = "seekers.training.added"
    SEEKERS_TRAINING_REMOVED = "seekers.training.removed"
    SEEKERS_TRAINING_UPDATED = "seekers.training.updated"
    SEEKERS_TRANSFER_ACCEPTED = "seekers.transfer_accepted"
    SEEKERS_TRANSFER_CANCELLED = "seekers.transfer_cancelled"
    SEEKERS_TRANSFER_DECLINED = "seekers.transfer_declined"
    SEEKERS_TRANSFER_REQUESTED = "seekers.transfer_requested"
    INSTALLATION_ADMIN_CREATED = "account.installation_admin_created"
    STAFF_CREATED = "staff.created"
    STAFF_PERFORMANCE_VIEWED = "staff.performance_viewed"
    STAFF_DEACTIVATED = "staff.deactivated"
    STAFF_REACTIVATED = "staff.reactivated"
    STAFF_TWO_FACTOR_RESET = "staff.two_factor_reset"
    SURVEY_FOLLOWUP_CREATED = "survey.followup_created"
    SURVEY_FOLLOWUP_DELETED = "survey.followup_deleted"
    SURVEY_FOLLOWUP_UPDATED = "survey.followup_updated"
    SURVEY_INVITATION_CREATED = "survey.invitation_created"
    SURVEY_PERIOD_CREATED = "survey.period_created"
    SURVEY_PERIOD_PUBLISHED = "survey.period_published"
    SURVEY_PERIOD_UNPUBLISHED = "survey.period_unpublished"
    SURVEY_RESPONSE_RECORDED = "survey.response_recorded"
    SURVEY_SUGGESTION_REVIEWED = "survey.suggestion_reviewed"
    SURVEY_RESPONSES_IMPORTED = "survey.responses_imported"
    VACANCY_APPLICATION_CREATED = "vacancy.application_created"
    VACANCY_APPLICATION_MOVED = "vacancy.application_moved"
    VACANCY_APPLICATION_WITHDRAWN = "vacancy.application_withdrawn"
    VACANCY_CLOSED = "vacancy.closed"
    VACANCY_CREATED = "vacancy.created"
    VACANCY_EXPIRED = "vacancy.expired"
    VACANCY_HIRED = "vacancy.hired"
    VACANCY_HIRE_REPORTED = "vacancy.hire_reported"
    VACANCY_HIRE_REPORT_CONFIRMED = "vacancy.hire_report_confirmed"
    VACANCY_HIRE_REPORT_DECLINED = "vacancy.hire_report_declined"
    VACANCY_KBJI_IMPORT = "vacancy.kbji_import"
    VACANCY_PUBLISHED = "vacancy.published"
    VACANCY_RETURNED = "vacancy.returned"
    VACANCY_SUBMITTED = "vacancy.submitted"
    VACANCY_UPDATED = "vacancy.updated"


def client_ip(request: Any) -> str | None:
    """The client's address, trusted proxies taken into account (``core.client_address``)."""
    return client_address(request)


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    obj: models.Model | None = None,
    office: Any = None,
    ip_address: str | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        office=office,
        action=str(action),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=ip_address,
        data=data or {},
    )
