"""No personal data in logs (issue 14, security item 5): a journey through sign-up,
email verification, password reset and a staff search by NIK, email and name leaves no
NIK, email, name or token in any log line — the application's own lines (JSON) and the
app server's access lines (gunicorn, with the logger class Pencaker configures)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import runpy
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.module_loading import import_string
from gunicorn.config import Config
from gunicorn.glogging import Logger as GunicornLogger

from pencaker.accounts.models import Role, User
from pencaker.accounts.verification import verification_token_make
from pencaker.core.logging import JsonFormatter
from pencaker.seekers.services import profile_ensure

ROOT = Path(__file__).resolve().parents[3]
NIK = "1671015205900003"
EMAIL = "siti.aminah@example.id"
NAME = "Siti Aminah"


def _access_logger_class() -> type:
    """The logger class gunicorn is started with (``gunicorn.conf.py``), or its default."""
    conf = ROOT / "gunicorn.conf.py"
    if conf.exists():
        name = runpy.run_path(str(conf)).get("logger_class")
        if name:
            return import_string(name)
    return GunicornLogger


def _access_line(logger, response) -> str:
    request = response.wsgi_request
    environ = dict(request.environ)
    query = environ.get("QUERY_STRING")
    environ["RAW_URI"] = environ["PATH_INFO"] + (f"?{query}" if query else "")
    environ.setdefault("SERVER_PROTOCOL", "HTTP/1.1")
    headers = [(k[5:].replace("_", "-"), v) for k, v in environ.items() if k.startswith("HTTP_")]
    resp = SimpleNamespace(
        status=f"{response.status_code} X", sent=len(response.content), headers=[]
    )
    atoms = logger.atoms(resp, headers, environ, dt.timedelta(milliseconds=5))
    return logger.cfg.access_log_format % atoms


@pytest.fixture
def captured_app_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    loggers = [root, logging.getLogger("django"), logging.getLogger("django.request")]
    levels = [lg.level for lg in loggers]
    root.addHandler(handler)
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def test_a_journey_leaves_no_personal_data_in_any_log_line(
    captured_app_log, office, user_factory, staff_client_factory
):
    access_logger = _access_logger_class()(Config())
    responses = []

    # Sign-up (the form posts urlencoded).
    citizen = Client()
    responses.append(
        citizen.post(
            "/akun/daftar/",
            urlencode(
                {
                    "email": EMAIL,
                    "phone": "0812-3456-7890",
                    "full_name": NAME,
                    "password1": "Kuning-Kartu-77",
                    "password2": "Kuning-Kartu-77",
                    "consent": "on",
                }
            ),
            content_type="application/x-www-form-urlencoded",
        )
    )
    user = User.objects.get(email=EMAIL)
    profile = profile_ensure(user=user)
    profile.nik, profile.full_name = NIK, NAME
    profile.office = office
    profile.save()

    # Verification, a broken verification link and the password reset link.
    token = verification_token_make(user_id=user.pk, email=user.email)
    responses.append(citizen.get(f"/akun/verifikasi/{token}/"))
    responses.append(citizen.get(f"/akun/verifikasi/{token}x/"))
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    reset_token = default_token_generator.make_token(user)
    anonymous = Client()
    responses.append(anonymous.get(f"/akun/atur-sandi/{uid}/{reset_token}/", follow=True))
    responses.append(
        anonymous.post(
            "/akun/lupa-sandi/",
            urlencode({"email": EMAIL}),
            content_type="application/x-www-form-urlencoded",
        )
    )

    # Staff search by NIK, email and name; the next page sends the search as referrer.
    staff = staff_client_factory(user_factory(role=Role.OPERATOR, office=office))
    for query in (NIK, EMAIL, NAME):
        search = f"/profil/staf/?{urlencode({'q': query})}"
        responses.append(staff.get(search))
        responses.append(staff.get("/profil/staf/0/", HTTP_REFERER=f"http://testserver{search}"))
    responses.append(staff.get(f"/tidak-ada/?q={NIK}"))

    lines = captured_app_log.getvalue().splitlines()
    lines += [_access_line(access_logger, response) for response in responses]
    assert lines
    secrets = [NIK, EMAIL, NAME, "Siti+Aminah", "siti.aminah%40example.id", token, reset_token]
    leaks = [(secret, line) for line in lines for secret in secrets if secret in line]
    assert leaks == []
    access_paths = " ".join(lines)
    assert "/akun/verifikasi/***" in access_paths
    assert "/akun/atur-sandi/***/***" in access_paths


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/profil/staf/?q=1671015205900003", "/profil/staf/"),
        ("/akun/verifikasi/eyJhbGciOi.abc/", "/akun/verifikasi/***/"),
        ("/akun/verifikasi/kirim-ulang/", "/akun/verifikasi/kirim-ulang/"),
        ("/akun/atur-sandi/MQ/c3x9-abc123/", "/akun/atur-sandi/***/***/"),
        ("/akun/atur-sandi/selesai/", "/akun/atur-sandi/selesai/"),
        ("/kartu/v/2Bx9QR", "/kartu/v/***"),
    ],
)
def test_path_for_log_drops_queries_and_masks_tokens(path, logged):
    from pencaker.core.logging import path_for_log

    assert path_for_log(path) == logged


def test_pencaker_serve_starts_gunicorn_with_the_masking_logger():
    serve = (ROOT / "pencaker/core/management/commands/serve.py").read_text()
    assert re.search(r'"--logger-class",\s*"pencaker\.core\.logging\.GunicornAccessLogger"', serve)
