"""Check your answers (periksa kembali jawaban Anda): before sending the AK/1 request the
applicant reads, section by section, what will be sent, with a link to change each, and
sends it from there once."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pencaker.applications.choices import Status
from pencaker.applications.models import Application

CHECK = reverse("applications:check")


def rows(html: str) -> list[tuple[str, str, str]]:
    """(key, value, change link) of every summary row."""
    found = []
    for row in re.findall(r'<div class="summary-row">(.*?)</div>', html, re.S):
        key = re.search(r"<dt>(.*?)</dt>", row, re.S).group(1)
        value = re.search(r"<dd>(.*?)</dd>", row, re.S).group(1)
        link = re.search(r'<dd class="summary-action"><a href="([^"]+)">Ubah', row)
        found.append((key, re.sub(r"<[^>]+>", " ", value).strip(), link.group(1) if link else ""))
    return found


@pytest.mark.django_db
def test_the_page_lists_the_profile_with_a_change_link_for_each_section(client, applicant):
    profile = applicant.seeker_profile
    client.force_login(applicant)
    response = client.get(CHECK)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Periksa kembali jawaban Anda" in html
    found = {key: (value, link) for key, value, link in rows(html)}
    assert found["NIK"] == (profile.nik, reverse("seekers:identity"))
    assert found["Nama"] == (profile.full_name, reverse("seekers:identity"))
    assert found["Email"] == (applicant.email, reverse("seekers:contact"))
    address, link = found["Alamat"]
    assert "Jl. Merdeka No. 10" in address and "RT 1 / RW 2" in address
    assert link == reverse("seekers:address")
    education, link = found["Pendidikan"]
    assert "SMA Negeri 1 Palembang" in education and link == reverse("seekers:education")
    documents, link = found["Dokumen yang diunggah"]
    assert "Pas foto berwarna 3x4" in documents and link == reverse("documents:list")
    # The link names what it changes for people who hear the page.
    assert '<span class="visually-hidden"> nik</span>' in html


@pytest.mark.django_db
def test_the_send_button_posts_to_the_submit_endpoint_with_a_fresh_key(client, applicant):
    client.force_login(applicant)
    html = client.get(CHECK).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', html, re.S)
    assert form and form.group(1) == reverse("applications:start")
    assert 'name="type" value="new"' in form.group(2)
    assert re.search(r'name="idempotency_key" value="[0-9a-f]{32}"', form.group(2))
    assert "Kirim permohonan saya" in form.group(2)


@pytest.mark.django_db
def test_sending_from_the_page_creates_the_request_once(client, applicant):
    client.force_login(applicant)
    html = client.get(CHECK).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', html).group(1)
    data = {"type": "new", "idempotency_key": key}
    first = client.post(reverse("applications:start"), data)
    second = client.post(reverse("applications:start"), data)  # a double click
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED
    detail = reverse("applications:detail", args=[application.tracking_number])
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == detail


@pytest.mark.django_db
def test_an_incomplete_profile_lists_what_is_missing_and_offers_no_send_button(
    client, seeker_factory
):
    client.force_login(seeker_factory(documents=("ktp", "ijazah")))
    html = client.get(CHECK).content.decode()
    assert "Pas foto berwarna 3x4" in html
    assert 'href="/dokumen/' in html
    assert "Kirim permohonan saya" not in html
    assert 'action="' + reverse("applications:start") + '"' not in html


@pytest.mark.django_db
def test_an_open_request_sends_the_applicant_to_its_status(client, applicant, make_application):
    application = make_application()
    client.force_login(applicant)
    response = client.get(CHECK)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "applications:detail", args=[application.tracking_number]
    )


@pytest.mark.django_db
def test_the_page_is_for_signed_in_job_seekers_and_only_read(client, applicant, operator):
    response = client.get(CHECK)
    assert response.status_code == 302 and "/akun/" in response["Location"]
    client.force_login(operator)
    assert client.get(CHECK).status_code == 403
    client.force_login(applicant)
    assert client.post(CHECK, {"type": "new"}).status_code == 405
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_menu_and_the_request_page_lead_to_the_check_page(client, applicant):
    client.force_login(applicant)
    menu = client.get(reverse("seekers:overview")).content.decode()
    assert f'href="{CHECK}"' in menu
    start = client.get(reverse("applications:start")).content.decode()
    assert f'href="{CHECK}"' in start
