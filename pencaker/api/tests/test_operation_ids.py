"""Every API operation has an explicit, unique, snake_case operationId (clients are
generated from them), and the full list is pinned so a rename fails here first."""

from __future__ import annotations

import re

OPERATION_IDS = {
    "auth_register", "auth_verify_email", "auth_register_phone", "auth_verify_phone", "auth_login", "auth_logout", "auth_token_list",
    "auth_token_revoke", "profile_get", "profile_update", "document_upload", "document_list",
    "employer_register", "employer_get", "employer_update", "employer_member_invite",
    "employer_cards_verify", "operator_employer_queue", "operator_employer_decide",
    "vacancy_create", "vacancy_update", "vacancy_submit", "vacancy_close",
    "vacancy_list_public", "vacancy_get_public", "vacancy_apply",
    "vacancy_application_withdraw", "seeker_vacancy_applications",
    "employer_vacancy_applications", "employer_application_update", "employer_hire_report",
    "operator_vacancy_queue", "operator_vacancy_decide",
    "holders_import", "export_since",
    "card_revoke_request", "card_revoke_confirm", "card_status_list", "card_revocation_object",
    "event_list_public", "event_get_public", "event_register", "event_checkin",
    "staff_performance", "counter_slots_public", "counter_booking_create",
    "counter_booking_get", "counter_queue_call",
    "seeker_vacancy_recommendations", "vacancy_candidates", "vacancy_candidate_invite",
    "seeker_invitation_respond", "alert_settings_update",
    "complaint_submit", "complaint_get", "complaint_reply", "staff_complaint_queue",
    "staff_complaint_verify", "staff_complaint_assign", "staff_complaint_answer",
    "staff_complaint_escalate", "complaint_stats_public",
    "office_settings_get", "office_settings_update", "office_create", "province_dashboard_get",
    "announcement_list_public", "faq_list_public",
    "training_list_public", "training_get_public", "training_eligibility", "training_register",
    "training_withdraw", "training_draw_public", "training_confirm",
    "staff_training_attendance", "staff_training_complete", "certificate_verify",
    "allowance_schedule_mine", "training_attendance_scan",
}  # fmt: skip


def _operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    return [
        op
        for path in schema["paths"].values()
        for method, op in path.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def test_every_operation_has_a_unique_snake_case_id(client):
    ids = [op.get("operationId", "") for op in _operations(client)]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids), ids
    assert len(ids) == len(set(ids))


def test_the_issue_operation_ids_are_all_published(client):
    ids = {op["operationId"] for op in _operations(client)}
    assert OPERATION_IDS <= ids, sorted(OPERATION_IDS - ids)
