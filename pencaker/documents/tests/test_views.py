from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pencaker.core.models import AuditEvent
from pencaker.documents.models import Document, DocumentAccess
from pencaker.documents.services import document_upload
from pencaker.documents.tests import samples
from pencaker.documents.tests.conftest import upload

pytestmark = pytest.mark.django_db

UPLOAD_PHOTO = reverse("documents:upload", args=["photo"])


def post_file(client, kind: str, data: bytes, name: str = "berkas.jpg", **extra):
    return client.post(
        reverse("documents:upload", args=[kind]),
        {f"{kind}-file": upload(data, name)},
        HTTP_ACCEPT_LANGUAGE="id",
        **extra,
    )


@pytest.fixture
def ktp_version(seeker):
    return document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
    )


# --- the document page -------------------------------------------------------------------


def test_document_page_needs_a_logged_in_job_seeker(client, operator):
    response = client.get(reverse("documents:list"))
    assert response.status_code == 302 and "/akun/" in response["Location"]
    client.force_login(operator)
    assert client.get(reverse("documents:list")).status_code == 403


def test_document_page_shows_required_and_optional_kinds_of_the_office(seeker_client, office):
    office.required_documents = ["ktp", "photo", "ijazah", "kk"]
    office.save()
    page = seeker_client.get(reverse("documents:list"), HTTP_ACCEPT_LANGUAGE="id")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="doc-required"') == 4
    assert html.count('class="doc-optional"') == 2
    assert "Kartu Keluarga (KK)" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'for="id_photo-file"' in html and 'id="id_photo-file"' in html


def test_document_page_shows_current_and_older_versions(seeker_client, seeker, ktp_version):
    newer = document_upload(
        actor=seeker, owner=seeker, kind="ktp", uploaded_file=upload(samples.pdf(), "k.pdf")
    )
    html = seeker_client.get(reverse("documents:list"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert reverse("documents:file", args=[newer.pk]) in html
    assert reverse("documents:file", args=[ktp_version.pk]) in html
    assert "Versi sebelumnya" in html and "Ganti" in html


# --- uploading ---------------------------------------------------------------------------


def test_upload_saves_and_returns_to_the_document_page(seeker_client, seeker):
    response = post_file(seeker_client, "photo", samples.jpeg(600, 800))
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:list")
    assert Document.objects.get(owner=seeker, kind="photo").current_version.width == 600


def test_upload_form_page_works_without_javascript(seeker_client):
    page = seeker_client.get(UPLOAD_PHOTO, HTTP_ACCEPT_LANGUAGE="id")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<label for="id_photo-file">' in html
    assert 'accept="image/jpeg,image/png"' in html


def test_exe_renamed_jpg_gets_the_message_next_to_the_field(seeker_client, media_files):
    response = post_file(seeker_client, "ktp", samples.exe(), "ktp.jpg")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_ktp-file_error"' in html
    assert "Berkas ini bukan gambar JPEG/PNG atau PDF" in html
    assert "error-summary" in html
    assert 'aria-invalid="true"' in html
    assert media_files() == [] and not Document.objects.exists()


def test_landscape_photo_gets_a_clear_message(seeker_client):
    html = post_file(seeker_client, "photo", samples.jpeg(800, 600)).content.decode()
    assert "Pas foto 3x4 harus tegak" in html
    assert not Document.objects.exists()


def test_30_mb_upload_is_refused_with_size_and_limit(seeker_client, media_files):
    big = b"\xff\xd8\xff" + b"\x00" * (30 * 1024 * 1024)
    response = post_file(seeker_client, "ijazah", big, "ijazah.jpg")
    html = response.content.decode()
    assert response.status_code == 413
    assert "Ukuran berkas 30 MB melebihi batas 5 MB" in html
    assert 'id="id_ijazah-file_error"' in html
    assert media_files() == [] and not Document.objects.exists()


def test_missing_file_is_explained(seeker_client):
    response = seeker_client.post(UPLOAD_PHOTO, {}, HTTP_ACCEPT_LANGUAGE="id")
    assert "Pilih berkas yang akan diunggah." in response.content.decode()


def test_unknown_kind_is_404(seeker_client):
    assert seeker_client.get("/dokumen/paspor/unggah/").status_code == 404


def test_upload_still_checks_csrf(seeker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(seeker)
    response = post_file(client, "photo", samples.jpeg(600, 800))
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_upload_with_csrf_token_passes_csrf(seeker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(seeker)
    client.get(UPLOAD_PHOTO)
    token = client.cookies["csrftoken"].value
    response = client.post(
        UPLOAD_PHOTO,
        {"csrfmiddlewaretoken": token, "photo-file": upload(samples.jpeg(600, 800))},
    )
    assert response.status_code == 302
    assert Document.objects.filter(owner=seeker, kind="photo").exists()


# --- serving files -----------------------------------------------------------------------


def file_url(version):
    return reverse("documents:file", args=[version.pk])


def test_owner_gets_the_file_with_safe_headers(seeker_client, ktp_version):
    response = seeker_client.get(file_url(ktp_version))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="ktp-v1.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert body == ktp_version.file.open("rb").read()
    assert not DocumentAccess.objects.exists()


def test_verified_staff_of_the_office_gets_the_file_and_the_view_is_logged(
    staff_client_factory, operator, ktp_version, office
):
    client = staff_client_factory(operator)
    for _ in range(2):
        response = client.get(file_url(ktp_version), REMOTE_ADDR="10.9.8.7")
        assert response.status_code == 200
        b"".join(response.streaming_content)
    accesses = list(DocumentAccess.objects.all())
    assert len(accesses) == 2
    assert {(a.staff, a.version, a.office, a.ip) for a in accesses} == {
        (operator, ktp_version, office, "10.9.8.7")
    }
    events = AuditEvent.objects.filter(action="document.viewed")
    assert events.count() == 2
    assert {e.actor for e in events} == {operator}


def test_staff_of_another_office_cannot_fetch_the_document(
    staff_client_factory, other_operator, ktp_version
):
    response = staff_client_factory(other_operator).get(file_url(ktp_version))
    assert response.status_code == 404
    assert not DocumentAccess.objects.exists()
    assert not AuditEvent.objects.filter(action="document.viewed").exists()


def test_staff_without_two_factor_cannot_fetch_the_document(client, operator, ktp_version):
    client.force_login(operator)
    assert client.get(file_url(ktp_version)).status_code == 404
    assert not DocumentAccess.objects.exists()


def test_staff_cannot_fetch_a_document_of_a_seeker_without_an_office(
    staff_client_factory, operator, seeker_factory
):
    homeless = seeker_factory(None)
    version = document_upload(
        actor=homeless, owner=homeless, kind="ktp", uploaded_file=upload(samples.jpeg(800, 600))
    )
    assert staff_client_factory(operator).get(file_url(version)).status_code == 404


def test_another_job_seeker_cannot_fetch_the_document(client, seeker_factory, office, ktp_version):
    client.force_login(seeker_factory(office))
    assert client.get(file_url(ktp_version)).status_code == 404


def test_employer_cannot_fetch_the_document(client, user_factory, ktp_version):
    client.force_login(user_factory(role="employer"))
    assert client.get(file_url(ktp_version)).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, ktp_version):
    response = client.get(file_url(ktp_version))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_unknown_version_is_404(seeker_client):
    assert seeker_client.get(reverse("documents:file", args=[999999])).status_code == 404


def test_owner_sees_who_from_the_office_opened_their_documents(
    staff_client_factory, operator, seeker_client, ktp_version, office
):
    staff_client_factory(operator).get(file_url(ktp_version))
    html = seeker_client.get(reverse("documents:list"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert office.name in html
    assert "Belum ada petugas Dinas" not in html
