"""Issue 17 item 3: the office's public information."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from pencaker.complaints import services as complaint_services
from pencaker.complaints.choices import Tier
from pencaker.core.errors import DomainError, NotFound, PermissionDenied
from pencaker.core.models import AuditEvent
from pencaker.info import selectors, services
from pencaker.info.models import Announcement
from pencaker.info.tests.conftest import png_upload

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_publish_window_future_and_expired_are_not_listed(client, announce):
    now = timezone.now()
    announce("Sedang tayang")
    future = announce("Akan datang", start=now + dt.timedelta(days=2))
    expired = announce(
        "Sudah lewat", start=now - dt.timedelta(days=5), end=now - dt.timedelta(days=1)
    )
    body = client.get(reverse("info:announcements")).content.decode()
    assert "Sedang tayang" in body
    assert "Akan datang" not in body and "Sudah lewat" not in body
    assert client.get(reverse("info:announcement", args=[future.pk])).status_code == 404
    assert client.get(reverse("info:announcement", args=[expired.pk])).status_code == 404
    # When its time comes the future one is listed.
    later = now + dt.timedelta(days=3)
    assert future in selectors.announcements_published(future.office, now=later)


def test_atom_feed_is_valid_xml_with_published_items_only(client, announce):
    now = timezone.now()
    live = announce("Bursa kerja Juli", body="Paragraf satu.\n\nParagraf <b>dua</b>.")
    announce("Rahasia masa depan", start=now + dt.timedelta(days=1))
    announce("Kedaluwarsa", start=now - dt.timedelta(days=3), end=now - dt.timedelta(hours=2))
    response = client.get(reverse("info:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Bursa kerja Juli"]
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.endswith(reverse("info:announcement", args=[live.pk]))


def test_body_is_plain_text_paragraphs_never_html(client, announce):
    item = announce("Aman", body="Baris <script>alert(1)</script>\n\nParagraf kedua.")
    body = client.get(reverse("info:announcement", args=[item.pk])).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;" in body
    assert body.count("<p>Paragraf kedua.</p>") == 1


def test_detail_page_has_og_tags_share_links_and_print_css(client, announce):
    item = announce("Bagikan saya")
    body = client.get(reverse("info:announcement", args=[item.pk])).content.decode()
    assert '<meta property="og:title" content="Bagikan saya">' in body
    assert "https://wa.me/?text=" in body
    assert 'id="id_share"' in body and "readonly" in body
    assert "info/print.css" in body


def test_image_is_checked_and_re_encoded(client, announce, admin_dinas, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = announce("Bergambar", image=png_upload())
    assert item.image and item.image_content_type == "image/png"
    response = client.get(reverse("info:announcement_image", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    fake = SimpleUploadedFile("x.png", b"<html>not an image</html>", content_type="image/png")
    with pytest.raises(DomainError) as exc:
        announce("Palsu", image=fake)
    assert "image" in exc.value.fields
    assert not Announcement.objects.filter(title="Palsu").exists()


def test_only_the_office_admin_writes_and_it_is_audited(
    announce, admin_dinas, other_admin, operator, office
):
    data = services.AnnouncementInput(
        title="Judul", body="Isi", publish_at=timezone.now() - dt.timedelta(minutes=1)
    )
    for actor in (operator, other_admin):
        with pytest.raises(PermissionDenied):
            services.announcement_create(actor=actor, office=office, data=data)
    item = announce("Milik kantor")
    with pytest.raises(NotFound):
        services.announcement_unpublish(actor=other_admin, pk=item.pk)
    services.announcement_unpublish(actor=admin_dinas, pk=item.pk)
    assert selectors.announcement_get_public(item.pk) is None
    actions = set(AuditEvent.objects.filter(office=office).values_list("action", flat=True))
    assert {"info.announcement_created", "info.announcement_unpublished"} <= actions


def test_staff_screens_admin_of_the_office_only(
    staff_client_factory, admin_dinas, other_admin, operator, announce
):
    item = announce("Layar staf")
    assert staff_client_factory(operator).get(reverse("info:manage")).status_code == 403
    other = staff_client_factory(other_admin)
    assert other.get(reverse("info:announcement_edit", args=[item.pk])).status_code == 404
    assert other.post(reverse("info:announcement_unpublish", args=[item.pk])).status_code == 404
    mine = staff_client_factory(admin_dinas)
    assert "Layar staf" in mine.get(reverse("info:manage")).content.decode()
    response = mine.post(
        reverse("info:announcement_new"),
        {"title": "Dari layar", "body": "Isi dari layar.", "publish_at": "2026-01-01T08:00"},
    )
    assert response.status_code == 302
    assert Announcement.objects.filter(title="Dari layar", office=admin_dinas.office).exists()
    bad = mine.post(reverse("info:announcement_new"), {"title": "", "body": ""})
    assert bad.status_code == 200
    assert "Tulis judul" in bad.content.decode() or "Write a title" in bad.content.decode()
    response = mine.post(
        reverse("info:faq_new"),
        {"question": "Berapa biayanya?", "answer": "Gratis.", "position": "1", "published": "on"},
    )
    assert response.status_code == 302
    response = mine.post(
        reverse("info:settings"),
        {"regional_regulation": "Perwali Palembang 7/2021", "services": "", "map_url": ""},
    )
    assert response.status_code == 302


def test_faq_lists_published_entries_in_order_and_complaint_answers(
    client, admin_dinas, office, submit, officer
):
    services.faq_create(
        actor=admin_dinas, office=office, data=services.FaqInput("Kedua?", "B", position=2)
    )
    services.faq_create(
        actor=admin_dinas, office=office, data=services.FaqInput("Pertama?", "A", position=1)
    )
    services.faq_create(
        actor=admin_dinas,
        office=office,
        data=services.FaqInput("Draf tersembunyi?", "C", published=False),
    )
    complaint = submit(text="Diminta bayar di loket.")
    complaint_services.complaint_verify(actor=officer, complaint_id=complaint.pk, tier=Tier.LIGHT)
    complaint_services.complaint_answer(
        actor=officer,
        complaint_id=complaint.pk,
        answer="Petugas Joko ditegur.",
        publishable=True,
        published_answer="Kartu AK/1 gratis.",
    )
    body = client.get(reverse("info:faq")).content.decode()
    assert body.index("Pertama?") < body.index("Kedua?")
    assert "Draf tersembunyi?" not in body
    assert "Kartu AK/1 gratis." in body and "Joko" not in body


def test_service_standard_shows_the_office_sla_and_documents(client, office, admin_dinas):
    office.sla_working_days = 3
    office.required_documents = ["ktp", "kk"]
    office.save()
    services.info_settings_update(
        actor=admin_dinas,
        office=office,
        regional_regulation="Peraturan Wali Kota Palembang Nomor 12 Tahun 2020",
        services="",
        map_url="",
    )
    body = client.get(reverse("info:standard")).content.decode()
    requirements = body.split('id="standard-requirements"')[1].split("</ul>")[0]
    assert "KTP" in requirements and "KK" in requirements and "ijazah" not in requirements
    time_text = body.split('id="standard-time"')[1].split("</p>")[0]
    assert "3" in time_text
    assert "39" in body and "Nomor 12 Tahun 2020" in body
    assert reverse("complaints:submit") in body


def test_office_profile_shows_contacts_and_map(client, office, admin_dinas):
    office.address = "Jl. Merdeka No. 1, Palembang"
    office.phone = "0711-123456"
    office.save()
    services.info_settings_update(
        actor=admin_dinas,
        office=office,
        regional_regulation="",
        services="Pelatihan kerja",
        map_url="https://maps.example.id/disnaker",
    )
    body = client.get(reverse("info:office")).content.decode()
    for text in ("Jl. Merdeka No. 1", "0711-123456", "Pelatihan kerja", "maps.example.id"):
        assert text in body
    with pytest.raises(DomainError):
        services.info_settings_update(
            actor=admin_dinas, office=office, regional_regulation="", services="",
            map_url="javascript:alert(1)",
        )  # fmt: skip


def test_api_lists_published_announcements_and_faq(client, announce, admin_dinas, office):
    now = timezone.now()
    announce("Tayang API")
    announce("Belum", start=now + dt.timedelta(days=1))
    services.faq_create(
        actor=admin_dinas,
        office=office,
        data=services.FaqInput("Apa itu AK/1?", "Kartu pencari kerja."),
    )
    rows = client.get("/api/v1/info/announcements").json()
    assert [r["title"] for r in rows] == ["Tayang API"]
    faq = client.get("/api/v1/info/faq", {"office": office.code}).json()
    assert faq == [
        {"question": "Apa itu AK/1?", "answer": "Kartu pencari kerja.", "source": "office"}
    ]
    assert client.get("/api/v1/info/faq", {"office": "99.99"}).status_code == 404


def test_footer_links_the_public_information(client, office):
    body = client.get(reverse("info:faq")).content.decode()
    footer = body.split('class="site-footer"')[1]
    for name in ("announcements", "faq", "office", "standard"):
        assert reverse(f"info:{name}") in footer
