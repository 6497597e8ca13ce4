"""The public guide, its printable page and the QR poster (Django test client)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from pencaker.public.selectors import guide_for, whatsapp_number

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's text without tags and with whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def configured_office(office):
    office.address = "Jl. Merdeka No. 1, Palembang"
    office.phone = "0812-3456-7890"
    office.email = "disnaker@palembang.example.go.id"
    office.min_age = 18
    office.required_documents = ["ktp", "photo", "ijazah", "kk"]
    office.work_start = dt.time(7, 30)
    office.work_end = dt.time(15, 30)
    office.sla_working_days = 1
    office.save()
    return office


def test_guide_lists_the_documents_the_office_requires(client, configured_office):
    response = client.get(reverse("public:guide"))
    assert response.status_code == 200
    content = text(response)
    for label in ("KTP", "Pas foto berwarna 3x4", "Ijazah terakhir", "Kartu Keluarga (KK)"):
        assert label in content
    # Optional documents are offered as optional, never as required.
    assert "Sertifikat kompetensi" in content


def test_guide_omits_documents_the_office_does_not_ask_for(client, configured_office):
    configured_office.required_documents = ["ktp", "photo"]
    configured_office.save()
    content = text(client.get(reverse("public:guide")))
    assert "Ijazah terakhir" not in content
    assert "Kartu Keluarga (KK)" not in content


def test_guide_says_free_age_area_time_and_hours(client, configured_office):
    content = text(client.get(reverse("public:guide")))
    assert "GRATIS" in content
    assert "berumur minimal 18 tahun" in content
    assert f"Anda tinggal di {configured_office.region.name}" in content
    assert "dalam 1 hari kerja" in content
    assert "07.30–15.30" in content


def test_guide_shows_the_office_minimum_age_and_sla(client, configured_office):
    configured_office.min_age = 21
    configured_office.sla_working_days = 2
    configured_office.save()
    content = text(client.get(reverse("public:guide")))
    assert "berumur minimal 21 tahun" in content
    assert "dalam 2 hari kerja" in content


def test_guide_shows_counter_address_phone_and_whatsapp(client, configured_office):
    response = client.get(reverse("public:guide"))
    content = response.content.decode()
    assert "Jl. Merdeka No. 1, Palembang" in content
    assert 'href="tel:0812-3456-7890"' in content
    assert 'href="https://wa.me/6281234567890"' in content
    assert 'href="mailto:disnaker@palembang.example.go.id"' in content


def test_guide_offers_no_whatsapp_for_a_landline(client, configured_office):
    configured_office.phone = "0711-352000"
    configured_office.save()
    content = client.get(reverse("public:guide")).content.decode()
    assert 'href="tel:0711-352000"' in content
    assert "wa.me" not in content


def test_guide_without_contact_details_says_so(client, office):
    content = text(client.get(reverse("public:guide")))
    assert "belum mengumumkan kontaknya" in content


def test_guide_works_before_any_office_is_configured(client, db):
    response = client.get(reverse("public:guide"))
    assert response.status_code == 200
    content = text(response)
    assert "Pas foto berwarna 3x4" in content
    assert "berumur minimal 18 tahun" in content


def test_guide_in_english_when_the_language_is_switched(client, configured_office):
    client.cookies["django_language"] = "en"
    content = text(client.get(reverse("public:guide")))
    assert "The service is FREE" in content
    assert "Colour photo 3x4" in content


def test_office_choice_shown_only_with_several_offices(client, office, office_factory):
    assert 'name="kantor"' not in client.get(reverse("public:guide")).content.decode()
    office_factory("16.72", "Dinas Tenaga Kerja Kota Prabumulih")
    content = client.get(reverse("public:guide")).content.decode()
    assert 'name="kantor"' in content
    assert "Dinas Tenaga Kerja Kota Prabumulih" in content


def test_kantor_parameter_chooses_the_office(client, office, other_office):
    other_office.required_documents = ["ktp"]
    other_office.min_age = 17
    other_office.save()
    response = client.get(reverse("public:guide"), {"kantor": other_office.code})
    content = text(response)
    assert f"Panduan ini untuk {other_office.name}" in content
    assert "berumur minimal 17 tahun" in content
    assert "Ijazah terakhir" not in content
    # Print and poster links keep the choice.
    assert f"?kantor={other_office.code}" in response.content.decode()


def test_default_office_is_the_first_configured(client, office, other_office):
    content = text(client.get(reverse("public:guide")))
    assert f"Panduan ini untuk {office.name}" in content


@pytest.mark.parametrize("code", ["99.99", "x" * 500, "<script>", "' OR 1=1"])
def test_unknown_office_code_shows_the_default_with_a_notice(client, office, code):
    response = client.get(reverse("public:guide"), {"kantor": code})
    assert response.status_code == 200
    content = text(response)
    assert "Kantor itu tidak ditemukan" in content
    assert f"Panduan ini untuk {office.name}" in content
    assert "<script>" not in response.content.decode()


def test_office_code_with_nul_is_refused_with_the_input_rule_page(client, office):
    response = client.get(reverse("public:guide"), {"kantor": "16.71\x00"})
    assert response.status_code == 400
    assert "karakter" in text(response)


def test_print_version_has_the_guide_and_no_site_navigation(client, configured_office):
    response = client.get(reverse("public:guide_print"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pas foto berwarna 3x4" in content
    assert "GRATIS" in content
    assert "site-header" not in content and "<nav" not in content
    assert "public/print.css" in content


def test_poster_has_a_big_inline_svg_qr_pointing_to_the_site(client, configured_office, settings):
    settings.SITE_URL = "https://pencaker.palembang.go.id"
    response = client.get(reverse("public:guide_poster"))
    assert response.status_code == 200
    content = response.content.decode()
    svg = re.search(r"<svg[^>]*>", content)
    assert svg is not None
    assert 'role="img"' in svg.group(0) and "viewBox" in svg.group(0)
    assert "https://pencaker.palembang.go.id" in content
    assert "<nav" not in content
    assert "<img" not in content


def test_poster_qr_decodes_to_the_site_url(settings, configured_office):
    import segno

    settings.SITE_URL = "https://pencaker.palembang.go.id"
    from pencaker.public.poster import qr_svg

    svg = qr_svg(settings.SITE_URL, label="QR")
    expected = segno.make(settings.SITE_URL, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="poster-qr", lineclass=None
    )
    path = re.search(r' d="([^"]+)"', expected)
    assert path is not None and path.group(1) in svg


def test_home_links_the_guide_and_lists_the_usual_documents(client, django_assert_num_queries):
    with django_assert_num_queries(0):  # the landing page stays cheap under load
        response = client.get(reverse("public:home"))
    content = response.content.decode()
    assert f'href="{reverse("public:guide")}"' in content
    assert "Pas foto berwarna 3x4" in text(response)


def test_signup_page_footer_links_the_guide(client, db):
    content = client.get(reverse("accounts:signup")).content.decode()
    assert f'href="{reverse("public:guide")}"' in content


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("0812-3456-7890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("0711-352000", ""),
        ("", ""),
        ("call us", ""),
    ],
)
def test_whatsapp_number_only_for_mobile_numbers(phone, expected):
    assert whatsapp_number(phone) == expected


def test_guide_for_ignores_unknown_document_codes(office):
    office.required_documents = ["ktp", "passport", "photo"]
    office.save()
    assert [d.code for d in guide_for().required_documents] == ["ktp", "photo"]
