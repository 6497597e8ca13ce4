"""Issue 14, item 9: access to a person's profile and documents follows the office that
holds the record (and so the request it is reviewing), not the address typed last. A move
to another office's area is a transfer that the receiving office decides (ADR 0015)."""

from __future__ import annotations

import pytest
from django.http import Http404

from pencaker.accounts.models import Role
from pencaker.applications import transfers
from pencaker.applications.choices import Status
from pencaker.core.errors import DomainError
from pencaker.core.models import AuditEvent
from pencaker.documents.models import DocumentVersion
from pencaker.documents.selectors import document_version_for_viewer
from pencaker.seekers import services as seekers
from pencaker.seekers.models import JobSeekerProfile, OfficeTransfer
from pencaker.seekers.selectors import seeker_for_staff, seekers_for_office
from pencaker.seekers.tests.factories import region_chain


def _verified(user):
    user.is_verified = lambda: True
    return user


@pytest.fixture
def staff_b(user_factory, other_office):
    return _verified(user_factory(Role.OPERATOR, office=other_office))


@pytest.fixture
def admin_b(user_factory, other_office):
    return _verified(user_factory(Role.ADMIN_DINAS, office=other_office))


@pytest.fixture
def staff_a(operator):
    return _verified(operator)


def _move_to_b(applicant, other_office):
    village_b = region_chain("16.72.01.1001", "Kelurahan Prabumulih")
    profile = JobSeekerProfile.objects.get(user=applicant)
    return seekers.profile_update_address(
        actor=applicant, profile=profile, address_line="Jl. Baru 9", village=village_b
    )


def _can_open(staff, version) -> bool:
    try:
        document_version_for_viewer(user=staff, version_id=version.pk)
    except DocumentVersion.DoesNotExist:
        return False
    return True


def _can_see_profile(staff, profile) -> bool:
    try:
        seeker_for_staff(staff=staff, profile_id=profile.pk)
    except Http404:
        return False
    return True


def test_moving_during_an_open_request_keeps_access_with_the_reviewing_office(
    applicant, make_application, staff_a, staff_b, office, other_office
):
    application = make_application(Status.IN_REVIEW)
    version = DocumentVersion.objects.filter(document__owner=applicant).first()

    profile = _move_to_b(applicant, other_office)

    profile.refresh_from_db()
    assert profile.village.code == "16.72.01.1001"  # the new address is saved
    assert profile.office == office  # the record stays where it is held
    assert _can_open(staff_a, version) and _can_see_profile(staff_a, profile)
    assert not _can_open(staff_b, version) and not _can_see_profile(staff_b, profile)
    assert list(seekers_for_office(office=other_office)) == []
    transfer = OfficeTransfer.objects.get(profile=profile)
    assert (transfer.from_office, transfer.to_office, transfer.status) == (
        office,
        other_office,
        OfficeTransfer.Status.PENDING,
    )
    assert application.office == office


def test_the_receiving_office_cannot_accept_while_a_request_is_open(
    applicant, make_application, admin_b, other_office
):
    make_application(Status.SUBMITTED)
    _move_to_b(applicant, other_office)
    transfer = OfficeTransfer.objects.get()
    with pytest.raises(DomainError) as caught:
        transfers.transfer_accept(actor=admin_b, transfer_id=transfer.pk)
    assert caught.value.code == "transfer_request_open"
    transfer.refresh_from_db()
    assert transfer.status == OfficeTransfer.Status.PENDING


def test_an_accepted_transfer_moves_the_record_and_its_documents(
    applicant, make_application, admin_b, staff_a, staff_b, office, other_office
):
    make_application(Status.APPROVED)
    version = DocumentVersion.objects.filter(document__owner=applicant).first()
    profile = _move_to_b(applicant, other_office)
    transfer = OfficeTransfer.objects.get()

    transfers.transfer_accept(actor=admin_b, transfer_id=transfer.pk)

    profile.refresh_from_db()
    transfer.refresh_from_db()
    assert profile.office == other_office
    assert transfer.status == OfficeTransfer.Status.ACCEPTED and transfer.decided_by == admin_b
    assert _can_open(staff_b, version) and _can_see_profile(staff_b, profile)
    assert not _can_open(staff_a, version) and not _can_see_profile(staff_a, profile)
    event = AuditEvent.objects.get(action="seekers.transfer_accepted")
    assert event.office == other_office and event.data["from_office"] == office.pk


def test_only_an_admin_of_the_receiving_office_decides(
    applicant, admin_dinas, staff_b, other_office
):
    _move_to_b(applicant, other_office)
    transfer = OfficeTransfer.objects.get()
    for actor in (_verified(admin_dinas), staff_b):
        with pytest.raises(DomainError) as caught:
            transfers.transfer_accept(actor=actor, transfer_id=transfer.pk)
        assert caught.value.status in (403, 404)
    assert OfficeTransfer.objects.get().status == OfficeTransfer.Status.PENDING


def test_a_declined_transfer_leaves_the_record_where_it_is(
    applicant, admin_b, office, other_office
):
    profile = _move_to_b(applicant, other_office)
    transfer = OfficeTransfer.objects.get()
    transfers.transfer_decline(actor=admin_b, transfer_id=transfer.pk, note="Bukan warga kami")
    profile.refresh_from_db()
    assert profile.office == office
    assert OfficeTransfer.objects.get().status == OfficeTransfer.Status.DECLINED
    assert AuditEvent.objects.filter(action="seekers.transfer_declined").exists()


def test_moving_back_withdraws_the_pending_transfer(applicant, office, other_office):
    _move_to_b(applicant, other_office)
    profile = JobSeekerProfile.objects.get(user=applicant)
    seekers.profile_update_address(
        actor=applicant, profile=profile, village=region_chain("16.71.01.1001", "Kelurahan A")
    )
    assert OfficeTransfer.objects.get().status == OfficeTransfer.Status.CANCELLED
    assert JobSeekerProfile.objects.get(user=applicant).office == office


def test_the_receiving_admin_accepts_on_the_transfers_page(
    applicant, admin_b, staff_client_factory, other_office
):
    profile = _move_to_b(applicant, other_office)
    transfer = OfficeTransfer.objects.get()
    client = staff_client_factory(admin_b)
    page = client.get("/permohonan/petugas/pindah-kantor/")
    assert page.status_code == 200
    assert profile.full_name in page.content.decode()
    response = client.post(
        f"/permohonan/petugas/pindah-kantor/{transfer.pk}/", {"decision": "accept"}
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.office == other_office


def test_the_transfers_page_is_for_admins_only(applicant, staff_b, staff_client_factory):
    client = staff_client_factory(staff_b)
    assert client.get("/permohonan/petugas/pindah-kantor/").status_code in (403, 404)
