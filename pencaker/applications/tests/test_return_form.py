"""The return-for-changes form offers only the reasons that apply to each item, and its
error shows at the top of the review page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

PHOTO_RULES = "Foto tidak sesuai ketentuan"


def fieldsets(html: str) -> dict[str, str]:
    return {
        legend.strip(): body
        for legend, body in re.findall(
            r"<fieldset>\s*<legend>(.*?)</legend>(.*?)</fieldset>", html, re.S
        )
    }


@pytest.fixture
def claimed(staff_client_factory, operator, make_application):
    application = make_application()
    staff = staff_client_factory(operator)
    staff.post(reverse("applications:claim", args=[application.pk]))
    return staff, application


@pytest.mark.django_db
def test_each_item_offers_only_the_reasons_that_apply(claimed):
    staff, application = claimed

    html = staff.get(reverse("applications:review", args=[application.pk])).content.decode()

    groups = fieldsets(html)
    assert "Kontak" in groups
    assert PHOTO_RULES not in groups["Kontak"]
    assert "terbaca" not in groups["Kontak"]  # "cannot be read clearly" is about files
    photo = next(body for legend, body in groups.items() if "foto" in legend.lower())
    assert PHOTO_RULES in photo
    assert html.count('type="checkbox"') <= 40


@pytest.mark.django_db
def test_return_error_is_shown_at_the_top(claimed):
    staff, application = claimed

    response = staff.post(reverse("applications:return", args=[application.pk]), {})

    assert response.status_code == 400
    html = response.content.decode()
    assert html.index("error-summary") < html.index('id="data-title"')
