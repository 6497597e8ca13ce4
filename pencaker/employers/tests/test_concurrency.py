"""Real threads against a real database: one registration per account, one decision per
organisation (row locks and unique constraints, as in production)."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from pencaker.applications.tests.test_concurrency import run_together
from pencaker.core.errors import Conflict
from pencaker.employers import services
from pencaker.employers.models import Organisation, OrganisationDocument
from pencaker.employers.tests.conftest import organisation_fields, pdf_upload
from pencaker.notifications.models import Notification
from pencaker.ops.stored_files import walk

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_parallel_registrations_by_one_account_make_one_organisation(employer, village):
    results, errors = run_together(
        8,
        lambda i: services.organisation_register(
            actor=employer, document=pdf_upload(), **organisation_fields(village)
        ),
    )
    assert Organisation.objects.count() == 1
    assert OrganisationDocument.objects.count() == 1
    assert len([r for r in results if r is not None]) == 1
    assert errors and all(isinstance(e, Conflict) for e in errors)
    # The losers' files were removed again: only the winner's document is stored.
    assert [n for n in walk() if n.startswith("employers/")] == [
        OrganisationDocument.objects.get().file.name
    ]
    assert default_storage.exists(OrganisationDocument.objects.get().file.name)


def test_two_operators_deciding_at_once_one_wins(submitted, operator, user_factory, office):
    from pencaker.accounts.models import Role

    colleague = user_factory(Role.ADMIN_DINAS, office=office)
    actors = [operator, colleague]

    def decide(i: int):
        if i == 0:
            return services.organisation_verify(actor=actors[0], organisation_id=submitted.pk)
        return services.organisation_reject(
            actor=actors[1], organisation_id=submitted.pk, reason="duplicate"
        )

    results, errors = run_together(2, decide)
    assert len(errors) == 1 and isinstance(errors[0], Conflict)
    submitted.refresh_from_db()
    assert submitted.status in ("verified", "rejected")
    assert submitted.history.count() == 2
    decided_kinds = set(
        Notification.objects.exclude(kind="employer.submitted").values_list("kind", flat=True)
    )
    assert decided_kinds == {f"employer.{submitted.status}"}
