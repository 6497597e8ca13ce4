"""Office-configurable return reasons: defaults on first use, managed by the admin dinas."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pencaker.applications import services
from pencaker.applications.choices import ReturnReason as Default
from pencaker.applications.choices import Status
from pencaker.applications.models import ReturnItem
from pencaker.applications.selectors import application_return_items
from pencaker.core.errors import DomainError, PermissionDenied
from pencaker.offices import selectors as reasons
from pencaker.offices import services as office_services
from pencaker.offices.models import ReturnReason

pytestmark = pytest.mark.django_db


def test_an_office_gets_the_default_reasons_on_first_use(office):
    ReturnReason.objects.filter(office=office).delete()
    listed = reasons.office_return_reasons(office)
    assert [r.code for r in listed] == list(Default.values)
    assert listed[0].display == "Berkas tidak terbaca jelas (buram, gelap, atau terpotong)"


def test_offices_keep_separate_lists(admin_dinas, office, other_office):
    office_services.office_return_reason_create(
        actor=admin_dinas, office=admin_dinas.office, label="Foto KTP harus bolak-balik"
    )
    assert (
        "Foto KTP harus bolak-balik" in dict(reasons.office_return_reason_choices(office)).values()
    )
    assert (
        "Foto KTP harus bolak-balik"
        not in dict(reasons.office_return_reason_choices(other_office)).values()
    )


def test_operator_returns_with_an_office_reason_and_its_wording_is_frozen(
    make_application, admin_dinas, operator
):
    custom = office_services.office_return_reason_create(
        actor=admin_dinas, office=admin_dinas.office, label="Foto KTP harus bolak-balik"
    )
    application = make_application(Status.IN_REVIEW)
    services.application_return(
        actor=operator,
        application_id=application.pk,
        items=[services.ReturnItemInput("document:ktp", custom.code, "Sisi belakang belum ada")],
    )
    office_services.office_return_reason_update(
        actor=admin_dinas,
        office=admin_dinas.office,
        reason_id=custom.pk,
        label="Teks baru",
        active=True,
    )
    [item] = application_return_items(application)
    assert item.reason_label == "Foto KTP harus bolak-balik"
    assert item.text == "Sisi belakang belum ada"
    assert ReturnItem.objects.get().reason == custom.code


def test_a_switched_off_reason_cannot_be_used(make_application, admin_dinas, operator, office):
    reasons.office_return_reasons(office)
    unreadable = ReturnReason.objects.get(office=office, code="unreadable")
    office_services.office_return_reason_update(
        actor=admin_dinas,
        office=admin_dinas.office,
        reason_id=unreadable.pk,
        label="",
        active=False,
    )
    application = make_application(Status.IN_REVIEW)
    with pytest.raises(DomainError) as excinfo:
        services.application_return(
            actor=operator,
            application_id=application.pk,
            items=[services.ReturnItemInput("document:photo", "unreadable")],
        )
    assert excinfo.value.code == "invalid_return_item"
    assert "unreadable" not in dict(reasons.office_return_reason_choices(office))


def test_other_stays_active(admin_dinas, office):
    reasons.office_return_reasons(office)
    other = ReturnReason.objects.get(office=office, code="other")
    with pytest.raises(DomainError) as excinfo:
        office_services.office_return_reason_update(
            actor=admin_dinas, office=admin_dinas.office, reason_id=other.pk, label="", active=False
        )
    assert excinfo.value.code == "reason_other_required"


def test_only_the_admin_dinas_manages_the_list(operator):
    with pytest.raises(PermissionDenied):
        office_services.office_return_reason_create(
            actor=operator, office=operator.office, label="Apa saja"
        )


def test_blank_label_is_refused(admin_dinas):
    with pytest.raises(DomainError) as excinfo:
        office_services.office_return_reason_create(
            actor=admin_dinas, office=admin_dinas.office, label="   "
        )
    assert excinfo.value.code == "reason_label_required"


def test_reasons_page_adds_and_renames(staff_client_factory, admin_dinas, office):
    client = staff_client_factory(admin_dinas)
    url = reverse("applications:reasons")
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "add", "add-label": "Ijazah harus dilegalisir"})
    assert response.status_code == 302
    added = ReturnReason.objects.get(office=office, label="Ijazah harus dilegalisir")
    response = client.post(
        url,
        {
            "action": "update",
            "reason": str(added.pk),
            f"r{added.pk}-label": "Ijazah wajib dilegalisir",
            f"r{added.pk}-active": "on",
        },
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.label, added.active) == ("Ijazah wajib dilegalisir", True)
    page = client.get(url).content.decode()
    assert "Ijazah wajib dilegalisir" in page


def test_reasons_page_shows_the_error_for_an_empty_new_reason(staff_client_factory, admin_dinas):
    client = staff_client_factory(admin_dinas)
    response = client.post(reverse("applications:reasons"), {"action": "add", "add-label": ""})
    assert response.status_code == 400
    assert 'id="id_add-label_error"' in response.content.decode()


def test_reasons_page_is_for_the_admin_dinas_only(staff_client_factory, operator):
    client = staff_client_factory(operator)
    assert client.get(reverse("applications:reasons")).status_code == 403


def test_review_page_offers_the_office_reasons(
    staff_client_factory, make_application, admin_dinas, operator
):
    office_services.office_return_reason_create(
        actor=admin_dinas, office=admin_dinas.office, label="Foto KTP harus bolak-balik"
    )
    application = make_application(Status.IN_REVIEW)
    page = staff_client_factory(operator).get(reverse("applications:review", args=[application.pk]))
    assert "Foto KTP harus bolak-balik" in page.content.decode()
