"""The demo's finished training wave: a certificate that checks, a paid instalment,
idempotent on a second run."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    from pencaker.cards import signing

    settings.DATA_DIR = tmp_path / "data"
    signing._cache.clear()
    yield
    signing._cache.clear()


def test_demo_participant_completed_with_certificate_and_a_paid_instalment():
    from pencaker.demo.seed import seed_office, seed_regions, seed_seeker, seed_users
    from pencaker.demo.training_running import seed_training_completed
    from pencaker.training import services_running
    from pencaker.training.models_running import Certificate, Instalment

    seed_regions()
    seed_users(seed_office())
    seed_seeker()
    seed_training_completed()
    seed_training_completed()
    certificate = Certificate.objects.get()
    assert services_running.certificate_check(certificate.number).found
    assert Instalment.objects.filter(status="confirmed").count() == 1
    assert Instalment.objects.filter(status="scheduled").count() == 2
