"""Office configuration: read through ``offices.selectors``, written through
``offices.services`` by the office's own administrator, every write audited."""

from __future__ import annotations

import datetime as dt

import pytest

from pencaker.accounts.models import Role
from pencaker.core.audit import AuditAction
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.offices import selectors, services
from pencaker.offices.choices import DefaultReturnReason
from pencaker.offices.errors import OfficeErrorCode
from pencaker.offices.models import LifecycleSettings, OfficeClosure, ReturnReason
from pencaker.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(user_factory, office):
    return user_factory(Role.ADMIN_DINAS, office=office)


@pytest.fixture
def other_admin(user_factory, other_office):
    return user_factory(Role.ADMIN_DINAS, office=other_office)


@pytest.fixture
def operator(user_factory, office):
    return user_factory(Role.OPERATOR, office=office)


def _audit(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action.value))


# --- Reads -----------------------------------------------------------------------------------


def test_calendar_has_the_office_hours_and_its_closed_days(office, other_office):
    office.work_start, office.work_end = dt.time(7, 30), dt.time(15, 0)
    office.save()
    OfficeClosure.objects.create(office=office, date=dt.date(2026, 2, 5), reason="Pindah kantor")
    OfficeClosure.objects.create(office=other_office, date=dt.date(2026, 2, 6))
    calendar = selectors.office_calendar(office)
    assert calendar.closures == frozenset({dt.date(2026, 2, 5)})
    assert (calendar.work_start, calendar.work_end) == (dt.time(7, 30), dt.time(15, 0))
    assert [c.date for c in selectors.office_closures(office)] == [dt.date(2026, 2, 5)]


def test_office_for_village_is_the_kabupaten_kota_of_the_village(office, other_office):
    district = Region.objects.create(
        code="16.72.01", name="Kecamatan", level="district", parent=other_office.region
    )
    village = Region.objects.create(
        code="16.72.01.1001", name="Kelurahan", level="village", parent=district
    )
    assert selectors.office_for_village(village) == other_office
    elsewhere = Region.objects.create(code="17.01.01.1001", name="Desa", level="village")
    assert selectors.office_for_village(elsewhere) is None
    assert selectors.office_for_village(None) is None


def test_required_documents_are_the_configured_codes(office):
    office.required_documents = ["ktp", "kk", "not-a-kind"]
    assert selectors.office_required_documents(office) == ["ktp", "kk", "not-a-kind"]
    assert selectors.office_required_documents(None) is None


def test_lifecycle_settings_default_until_changed(office):
    row = selectors.office_lifecycle_settings(office)
    assert row.pk is None
    assert (row.window_days_before, row.removal_enabled, row.expiry_enabled) == (30, True, True)
    LifecycleSettings.objects.create(office=office, window_days_before=15)
    assert selectors.office_lifecycle_settings(office).window_days_before == 15


def test_return_reasons_are_seeded_and_inactive_ones_hidden_by_default(office):
    ReturnReason.objects.filter(office=office).delete()
    reasons = selectors.office_return_reasons(office)
    assert [r.code for r in reasons] == list(DefaultReturnReason.values)
    ReturnReason.objects.filter(office=office, code="expired").update(active=False)
    assert "expired" not in [r.code for r in selectors.office_return_reasons(office)]
    assert "expired" in [r.code for r in selectors.office_return_reasons(office, active_only=False)]


# --- Writes: permission ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "write",
    [
        lambda actor, office: services.office_closure_add(
            actor=actor, office=office, date=dt.date(2026, 3, 2)
        ),
        lambda actor, office: services.office_required_documents_set(
            actor=actor, office=office, kinds=["ktp"]
        ),
        lambda actor, office: services.office_lifecycle_settings_update(
            actor=actor, office=office, removal_grace_days=10
        ),
        lambda actor, office: services.office_return_reason_create(
            actor=actor, office=office, label="Foto buram"
        ),
    ],
    ids=["closure", "documents", "lifecycle", "reason"],
)
def test_only_the_admin_of_that_office_writes(write, office, other_admin, operator):
    for actor in (other_admin, operator, None):
        with pytest.raises(PermissionDenied) as refused:
            write(actor, office)
        assert refused.value.code == OfficeErrorCode.FORBIDDEN
    assert not AuditEvent.objects.exists()
    assert not OfficeClosure.objects.exists()
    assert not LifecycleSettings.objects.exists()
    assert not ReturnReason.objects.filter(label="Foto buram").exists()


def test_admin_of_another_office_cannot_change_a_reason_of_this_one(office, admin, other_admin):
    [first, *_rest] = selectors.office_return_reasons(office)
    with pytest.raises(PermissionDenied):
        services.office_return_reason_update(
            actor=other_admin, office=office, reason_id=first.pk, label="X", active=True
        )
    # nor by naming their own office with this office's reason
    with pytest.raises(NotFound):
        services.office_return_reason_update(
            actor=other_admin,
            office=other_admin.office,
            reason_id=first.pk,
            label="X",
            active=True,
        )
    first.refresh_from_db()
    assert first.label == ""


# --- Writes: effect and audit ---------------------------------------------------------------


def test_closure_add_and_remove_are_audited_and_change_the_calendar(office, admin):
    day = dt.date(2026, 3, 2)
    services.office_closure_add(actor=admin, office=office, date=day, reason="  Hari  jadi ")
    assert day in selectors.office_calendar(office).closures
    [added] = _audit(AuditAction.OFFICE_CLOSURE_ADDED)
    assert (added.actor, added.office, added.data) == (
        admin,
        office,
        {"date": "2026-03-02", "reason": "Hari jadi"},
    )
    with pytest.raises(Conflict) as twice:
        services.office_closure_add(actor=admin, office=office, date=day)
    assert twice.value.code == OfficeErrorCode.CLOSURE_EXISTS

    services.office_closure_remove(actor=admin, office=office, date=day)
    assert day not in selectors.office_calendar(office).closures
    [removed] = _audit(AuditAction.OFFICE_CLOSURE_REMOVED)
    assert removed.data == {"date": "2026-03-02", "reason": "Hari jadi"}
    with pytest.raises(NotFound):
        services.office_closure_remove(actor=admin, office=office, date=day)


def test_required_documents_set_is_audited(office, admin):
    kinds = services.office_required_documents_set(
        actor=admin, office=office, kinds=["ktp", " photo ", "ktp", ""]
    )
    assert kinds == ["ktp", "photo"]
    office.refresh_from_db()
    assert office.required_documents == ["ktp", "photo"]
    [row] = _audit(AuditAction.OFFICE_REQUIRED_DOCUMENTS_CHANGED)
    assert row.data == {"before": ["ktp", "photo", "ijazah"], "after": ["ktp", "photo"]}
    assert row.object_type == "offices.office"


def test_required_documents_set_refuses_kinds_the_caller_does_not_allow(office, admin):
    with pytest.raises(DomainError) as refused:
        services.office_required_documents_set(
            actor=admin, office=office, kinds=["ktp", "passport"], allowed=["ktp", "photo"]
        )
    assert refused.value.code == OfficeErrorCode.INVALID_DOCUMENT_KIND
    assert "kinds" in refused.value.fields
    office.refresh_from_db()
    assert office.required_documents == ["ktp", "photo", "ijazah"]


def test_lifecycle_settings_update_is_audited_with_the_old_action(office, admin):
    row = services.office_lifecycle_settings_update(
        actor=admin, office=office, removal_grace_days=10, expiry_enabled=False
    )
    assert (row.removal_grace_days, row.expiry_enabled) == (10, False)
    [event] = AuditEvent.objects.filter(action="lifecycle.settings_changed")
    assert event.data == {
        "before": {"removal_grace_days": 60, "expiry_enabled": True},
        "after": {"removal_grace_days": 10, "expiry_enabled": False},
    }
    with pytest.raises(DomainError) as unknown:
        services.office_lifecycle_settings_update(actor=admin, office=office, colour="red")
    assert unknown.value.code == OfficeErrorCode.INVALID_SETTING


def test_return_reason_create_and_update_are_audited_with_the_old_actions(office, admin):
    reason = services.office_return_reason_create(
        actor=admin, office=office, label="Ijazah harus dilegalisir"
    )
    assert reason.office == office
    assert reason.code == "ijazah_harus_dil"
    [created] = AuditEvent.objects.filter(action="applications.return_reason_created")
    assert created.data == {"code": "ijazah_harus_dil", "label": "Ijazah harus dilegalisir"}

    services.office_return_reason_update(
        actor=admin, office=office, reason_id=reason.pk, label="Ijazah dilegalisir", active=False
    )
    reason.refresh_from_db()
    assert (reason.label, reason.active) == ("Ijazah dilegalisir", False)
    [updated] = AuditEvent.objects.filter(action="applications.return_reason_updated")
    assert updated.data == {
        "before": {"label": "Ijazah harus dilegalisir", "active": True},
        "after": {"label": "Ijazah dilegalisir", "active": False},
    }


def test_other_reason_stays_active(office, admin):
    other = next(r for r in selectors.office_return_reasons(office) if r.code == "other")
    with pytest.raises(DomainError) as refused:
        services.office_return_reason_update(
            actor=admin, office=office, reason_id=other.pk, label="", active=False
        )
    assert refused.value.code == OfficeErrorCode.REASON_OTHER_REQUIRED
