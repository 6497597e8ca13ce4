"""The demo phase banner: on every page when PENCAKER_DEMO is on, nowhere otherwise; off
unless the variable says so (production included)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.urls import reverse

BANNER = "data di situs ini bukan data sebenarnya"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["public:home", "public:guide", "accounts:login"])
def test_the_banner_is_on_every_page_of_a_demo_installation(client, settings, name):
    settings.PENCAKER_DEMO = True
    html = client.get(reverse(name)).content.decode()
    assert BANNER in html
    assert '<strong class="tag tag-yellow">DEMO</strong> —' in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["public:home", "public:guide", "accounts:login"])
def test_no_banner_when_the_installation_is_not_a_demo(client, settings, name):
    settings.PENCAKER_DEMO = False
    html = client.get(reverse(name)).content.decode()
    assert BANNER not in html
    assert "phase-banner" not in html


@pytest.mark.parametrize(("value", "expected"), [(None, "False"), ("true", "True"), ("0", "False")])
def test_the_variable_decides_and_is_off_by_default(value, expected):
    env = {k: v for k, v in os.environ.items() if k != "PENCAKER_DEMO"}
    env["DJANGO_SETTINGS_MODULE"] = "pencaker.settings"
    if value is not None:
        env["PENCAKER_DEMO"] = value
    out = subprocess.run(
        [sys.executable, "-c", "import pencaker.settings as s; print(s.PENCAKER_DEMO)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == expected
