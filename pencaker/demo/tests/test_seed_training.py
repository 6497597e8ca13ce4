import pytest
from django.core.management import call_command
from django.urls import reverse

from pencaker.training import lottery
from pencaker.training.models import Programme

pytestmark = pytest.mark.django_db


def test_demo_has_a_drawn_wave_with_public_json_and_an_open_wave(client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    programme = Programme.objects.get(title="Menjahit Busana Dasar")
    drawn, open_wave = programme.waves.order_by("number")
    assert (drawn.status, open_wave.status) == ("selected", "registration_open")
    record = client.get(reverse("training:draw_json", args=[drawn.pk])).json()
    assert lottery.record_verify(record) == []
    assert len(record["selected"]) == 5 and len(record["waiting"]) == 7
    assert (
        reverse("training:draw_json", args=[drawn.pk])
        in client.get(reverse("training:draw_index")).content.decode()
    )
    assert Programme.objects.filter(title="Menjahit Busana Dasar").count() == 1
