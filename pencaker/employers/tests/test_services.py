import pytest
from django.core.files.storage import default_storage

from pencaker.accounts.models import Role
from pencaker.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.employers import services
from pencaker.employers.choices import Status
from pencaker.employers.models import Membership, Organisation, OrganisationDocument
from pencaker.employers.tests.conftest import NIB, NPWP, jpeg_upload, pdf_upload, with_totp
from pencaker.employers.workflow import ALLOWED
from pencaker.notifications.models import Notification

pytestmark = pytest.mark.django_db


# --- Registration ------------------------------------------------------------------------


def test_register_creates_a_submitted_organisation_owned_by_the_actor(
    register, employer, village, office
):
    organisation = register(employer, village)

    assert organisation.status == Status.SUBMITTED
    assert organisation.office == office
    assert organisation.nib == NIB and organisation.npwp == NPWP
    assert organisation.phone == "+6281234567890"
    assert organisation.website == "https://sriwijaya-roti.example.id"
    assert organisation.due_at is not None and organisation.due_at > organisation.submitted_at
    membership = Membership.objects.get(user=employer)
    assert membership.organisation == organisation and membership.is_owner
    assert [(c.from_status, c.to_status) for c in organisation.history.all()] == [
        ("draft", "submitted")
    ]
    assert AuditEvent.objects.filter(action="employer.registered", object_id=str(organisation.pk))
    document = OrganisationDocument.objects.get(organisation=organisation)
    assert document.content_type == "application/pdf"
    assert default_storage.exists(document.file.name)


def test_register_queues_the_receipt_to_the_organisation_and_the_owner(register, employer, village):
    organisation = register(employer, village)
    recipients = set(
        Notification.objects.filter(kind="employer.submitted").values_list("recipient", flat=True)
    )
    assert recipients == {organisation.email, employer.email}


def test_an_image_document_is_re_encoded_like_every_upload(register, employer, village):
    organisation = register(employer, village, document=jpeg_upload())
    document = organisation.documents.get()
    assert document.content_type == "image/jpeg"
    with default_storage.open(document.file.name, "rb") as handle:
        assert b"TestPhone" not in handle.read()  # the EXIF of the sample is gone


def test_a_file_that_is_not_an_image_or_pdf_is_refused_and_nothing_is_stored(
    register, employer, village
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pencaker.documents.tests.samples import exe

    with pytest.raises(DomainError) as info:
        register(employer, village, document=SimpleUploadedFile("nib.pdf", exe()))
    assert info.value.code == "document_type_not_allowed"
    assert not Organisation.objects.exists()


def test_register_needs_the_nib_or_the_npwp(register, employer, village):
    with pytest.raises(DomainError) as info:
        register(employer, village, nib="", npwp="")
    assert info.value.code == "identifier_required"
    assert set(info.value.details["fields"]) == {"nib", "npwp"}


def test_one_of_nib_or_npwp_is_enough(register, employer, village):
    assert register(employer, village, npwp="").nib == NIB


def test_every_wrong_field_is_named_at_once(register, employer, village):
    with pytest.raises(DomainError) as info:
        register(employer, village, nib="123", phone="12", sector="X", website="not a url")
    assert set(info.value.details["fields"]) >= {"nib", "phone", "sector", "website"}


def test_only_employer_accounts_register(register, user_factory, village):
    seeker = user_factory(Role.JOB_SEEKER)
    with pytest.raises(PermissionDenied) as info:
        register(seeker, village)
    assert info.value.code == "not_employer"


def test_one_account_registers_one_organisation(register, employer, village):
    register(employer, village)
    with pytest.raises(Conflict) as info:
        register(employer, village, nib="9120001234568", npwp="")
    assert info.value.code == "already_member"
    assert Organisation.objects.count() == 1
    assert OrganisationDocument.objects.count() == 1


def test_a_registered_nib_cannot_be_registered_again(register, employer, employer_factory, village):
    register(employer, village)
    with pytest.raises(DomainError) as info:
        register(employer_factory(), village, npwp="")
    assert info.value.code == "nib_taken"


def test_a_rejected_registration_does_not_block_the_nib(
    rejected, register, employer_factory, village
):
    assert register(employer_factory(), village).status == Status.SUBMITTED


def test_an_address_no_office_serves_is_refused(register, employer, office_factory):
    from pencaker.employers.tests.conftest import village_in
    from pencaker.offices.models import Office

    far = office_factory("31.71")
    village = village_in(far)
    Office.objects.filter(pk=far.pk).delete()
    with pytest.raises(DomainError) as info:
        register(employer, village)
    assert info.value.code == "no_office"


def test_the_document_is_required(employer, village):
    from pencaker.employers.tests.conftest import organisation_fields

    with pytest.raises(DomainError) as info:
        services.organisation_register(
            actor=employer, document=None, **organisation_fields(village)
        )
    assert info.value.code == "document_required"


# --- Decisions ---------------------------------------------------------------------------


def test_verify_gives_the_badge_and_tells_the_employer(submitted, operator):
    organisation = services.organisation_verify(actor=operator, organisation_id=submitted.pk)
    assert organisation.is_verified
    assert organisation.verified_at is not None and organisation.decided_by == operator
    assert Notification.objects.filter(kind="employer.verified").count() == 2
    assert AuditEvent.objects.filter(action="employer.verified").count() == 1


def test_return_records_what_to_fix_and_stops_the_clock(returned):
    from pencaker.employers import sla

    assert returned.status == Status.NEEDS_CHANGES
    items = list(returned.return_items.values_list("field", "text"))
    assert items == [("document", "Unggah cetakan NIB yang terbaca.")]
    assert sla.sla_state(returned).paused
    body = Notification.objects.filter(kind="employer.returned").first().body
    assert "Unggah cetakan NIB yang terbaca." in body


def test_return_needs_at_least_one_part_with_a_text(submitted, operator):
    with pytest.raises(DomainError) as info:
        services.organisation_return(actor=operator, organisation_id=submitted.pk, items=[])
    assert info.value.code == "return_items_required"
    with pytest.raises(DomainError) as info:
        services.organisation_return(
            actor=operator,
            organisation_id=submitted.pk,
            items=[services.ReturnItemInput("address", "  ")],
        )
    assert info.value.code == "invalid_return_item"


def test_reject_other_needs_a_note(submitted, operator):
    with pytest.raises(DomainError) as info:
        services.organisation_reject(actor=operator, organisation_id=submitted.pk, reason="other")
    assert info.value.code == "reject_note_required"


def test_unknown_decision_is_refused(submitted, operator):
    with pytest.raises(DomainError) as info:
        services.organisation_decide(
            actor=operator, organisation_id=submitted.pk, decision="approve"
        )
    assert info.value.code == "invalid_decision"


DECISIONS = {
    Status.VERIFIED: lambda actor, pk: services.organisation_verify(
        actor=actor, organisation_id=pk
    ),
    Status.NEEDS_CHANGES: lambda actor, pk: services.organisation_return(
        actor=actor, organisation_id=pk, items=[services.ReturnItemInput("other", "x")]
    ),
    Status.REJECTED: lambda actor, pk: services.organisation_reject(
        actor=actor, organisation_id=pk, reason="duplicate"
    ),
}
DISALLOWED = [
    (start, to)
    for start in (Status.NEEDS_CHANGES, Status.VERIFIED, Status.REJECTED)
    for to in DECISIONS
    if to not in ALLOWED[start]
]


@pytest.mark.parametrize(("start", "to"), DISALLOWED)
def test_disallowed_decisions_are_refused(start, to, request, operator):
    fixture = {
        Status.NEEDS_CHANGES: "returned",
        Status.VERIFIED: "verified",
        Status.REJECTED: "rejected",
    }[start]
    organisation = request.getfixturevalue(fixture)
    with pytest.raises(Conflict) as info:
        DECISIONS[to](operator, organisation.pk)
    assert info.value.code == "invalid_transition"
    organisation.refresh_from_db()
    assert organisation.status == start


@pytest.mark.parametrize("start", ["submitted", "verified", "rejected"])
def test_only_a_returned_registration_can_be_sent_again(start, request, employer):
    organisation = request.getfixturevalue(start)
    with pytest.raises(Conflict):
        services.organisation_update(actor=employer, resubmit=True)
    organisation.refresh_from_db()
    assert organisation.status == start


def test_the_transition_table_covers_every_status():
    assert set(ALLOWED) == set(Status.values)


def test_staff_of_another_office_can_neither_see_nor_decide(submitted, other_operator):
    from pencaker.employers import selectors

    assert not selectors.organisation_queue_for_office(other_operator).exists()
    with pytest.raises(NotFound):
        selectors.organisation_for_staff(other_operator, submitted.pk)
    for decide in DECISIONS.values():
        with pytest.raises(NotFound):
            decide(other_operator, submitted.pk)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_the_head_of_office_reads_the_queue_but_does_not_decide(submitted, user_factory, office):
    from pencaker.employers import selectors

    head = user_factory(Role.PIMPINAN, office=office)
    assert list(selectors.organisation_queue_for_office(head)) == [submitted]
    with pytest.raises(PermissionDenied):
        services.organisation_verify(actor=head, organisation_id=submitted.pk)


def test_the_queue_is_soonest_deadline_first(register, employer_factory, village, operator):
    from pencaker.employers import selectors

    first = register(employer_factory(), village, nib="9120001234561", npwp="")
    second = register(employer_factory(), village, nib="9120001234562", npwp="")
    Organisation.objects.filter(pk=second.pk).update(due_at=first.due_at.replace(year=2020))
    assert list(selectors.organisation_queue_for_office(operator)) == [second, first]


# --- Changes by the employer ---------------------------------------------------------------


def test_a_returned_registration_is_fixed_and_sent_again_with_a_new_deadline(returned, employer):
    before = returned.due_at
    organisation = services.organisation_update(
        actor=employer, document=pdf_upload("nib-baru.pdf"), resubmit=True, legal_name="PT Baru"
    )
    assert organisation.status == Status.SUBMITTED
    assert organisation.legal_name == "PT Baru"
    assert organisation.documents.count() == 2
    assert organisation.due_at >= before
    assert Notification.objects.filter(kind="employer.submitted").count() == 4


def test_nothing_changes_while_the_office_checks(submitted, employer):
    with pytest.raises(Conflict) as info:
        services.organisation_update(actor=employer, contact_name="X")
    assert info.value.code == "not_editable"


def test_a_verified_organisation_changes_its_contact_but_not_its_identity(verified, employer):
    organisation = services.organisation_update(actor=employer, contact_name="Budi")
    assert organisation.contact_name == "Budi" and organisation.is_verified
    with pytest.raises(Conflict) as info:
        services.organisation_update(actor=employer, nib="9120001234569")
    assert info.value.code == "not_editable"
    assert "nib" in info.value.details["fields"]


def test_someone_outside_the_organisation_cannot_change_it(submitted, employer_factory):
    with pytest.raises(NotFound):
        services.organisation_update(actor=employer_factory(), contact_name="X")


# --- Members -------------------------------------------------------------------------------


def test_the_owner_invites_a_colleague_by_email_through_the_outbox(verified, employer):
    with_totp(employer)
    membership = services.member_invite(
        actor=employer, email="Staf@Sriwijaya-Roti.example.id", full_name="Andi"
    )
    assert membership.user.email == "staf@sriwijaya-roti.example.id"
    assert membership.user.role == Role.EMPLOYER and not membership.user.has_usable_password()
    assert membership.role == "member" and membership.organisation == verified
    message = Notification.objects.get(kind="employer.member_invited")
    assert message.recipient == membership.user.email
    assert "/akun/atur-sandi/" in message.body


def test_owners_must_have_two_step_verification_to_invite(verified, employer):
    with pytest.raises(PermissionDenied) as info:
        services.member_invite(actor=employer, email="a@example.id")
    assert info.value.code == "otp_setup_required"


def test_members_cannot_invite_or_remove(verified, employer):
    with_totp(employer)
    member = services.member_invite(actor=employer, email="a@example.id").user
    with_totp(member)
    with pytest.raises(PermissionDenied) as info:
        services.member_invite(actor=member, email="b@example.id")
    assert info.value.code == "owner_only"


def test_an_existing_account_cannot_be_invited(verified, employer, employer_factory):
    with_totp(employer)
    other = employer_factory()
    with pytest.raises(DomainError) as info:
        services.member_invite(actor=employer, email=other.email)
    assert info.value.code == "email_taken"


def test_the_owner_removes_a_colleague_who_then_cannot_log_in(verified, employer):
    with_totp(employer)
    membership = services.member_invite(actor=employer, email="a@example.id")
    services.member_remove(actor=employer, membership_id=membership.pk)
    membership.refresh_from_db()
    membership.user.refresh_from_db()
    assert membership.removed_at is not None and not membership.user.is_active
    assert AuditEvent.objects.filter(action="employer.member_removed").exists()


def test_the_owner_cannot_be_removed(verified, employer):
    with_totp(employer)
    owner = Membership.objects.get(user=employer)
    with pytest.raises(DomainError) as info:
        services.member_remove(actor=employer, membership_id=owner.pk)
    assert info.value.code == "cannot_remove_owner"


ALL_DISALLOWED_EDGES = [
    (start, to) for start in Status.values for to in Status.values if to not in ALLOWED[start]
]


@pytest.mark.parametrize(("start", "to"), ALL_DISALLOWED_EDGES)
def test_the_workflow_helper_refuses_every_edge_outside_the_table(start, to, submitted, employer):
    from pencaker.employers.workflow import move

    Organisation.objects.filter(pk=submitted.pk).update(status=start)
    submitted.refresh_from_db()
    history = submitted.history.count()
    with pytest.raises(Conflict) as info:
        move(submitted, to=to, actor=employer)
    assert info.value.code == "invalid_transition"
    submitted.refresh_from_db()
    assert submitted.status == start and submitted.history.count() == history
