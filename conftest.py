"""Shared fixtures for the whole suite."""

from __future__ import annotations

import os

import pytest

CHROMIUM_PATH = os.environ.get("PENCAKER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes uploaded files and mail into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    settings.EMAIL_OUTBOX_DIR = tmp_path / "mail"


@pytest.fixture(autouse=True)
def _office_brand_memo():
    """The header's process-wide memo of the default office starts empty in every test (a
    rolled-back test leaves no signal behind to clear it)."""
    from pencaker.offices.selectors import office_brand_forget

    office_brand_forget()
    yield
    office_brand_forget()


@pytest.fixture
def office_factory(db):
    from pencaker.offices.models import Office
    from pencaker.regions.models import Region

    def make(code: str = "16.71", name: str | None = None) -> Office:
        province, _ = Region.objects.get_or_create(
            code=code.split(".")[0], defaults={"name": f"Provinsi {code[:2]}", "level": "province"}
        )
        regency, _ = Region.objects.get_or_create(
            code=code, defaults={"name": f"Kota {code}", "level": "regency", "parent": province}
        )
        office, _ = Office.objects.get_or_create(
            code=code, defaults={"name": name or f"Dinas Tenaga Kerja {code}", "region": regency}
        )
        return office

    return make


@pytest.fixture
def office(office_factory):
    return office_factory("16.71", "Dinas Tenaga Kerja Kota Palembang")


@pytest.fixture
def other_office(office_factory):
    return office_factory("16.72", "Dinas Tenaga Kerja Kota Prabumulih")


@pytest.fixture
def user_factory(db):
    from pencaker.accounts.models import Role, User

    counter = {"n": 0}

    def make(role: str = Role.JOB_SEEKER, office=None, **extra) -> User:
        counter["n"] += 1
        extra.setdefault("email", f"user{counter['n']}-{role}@example.id")
        extra.setdefault("phone", f"+62811{counter['n']:07d}")
        password = extra.pop("password", "Rahasia-123!")
        user = User.objects.create_user(role=role, office=office, password=password, **extra)
        return user

    return make


@pytest.fixture
def staff_client_factory(client_factory_cls):
    """A logged-in test client for a staff user who has passed TOTP verification."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def make(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", confirmed=True)
        c = client_factory_cls()
        c.force_login(user)
        session = c.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return c

    return make


@pytest.fixture
def client_factory_cls():
    from django.test import Client

    return Client


# --- Browser: one Chromium per test session, shared by every browser test ---------------
# Playwright's sync API allows one instance per thread, so every browser test uses this.


@pytest.fixture(scope="session")
def chromium_browser():
    """One Chromium for the whole session. Never skipped: a missing browser is a failure."""
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}. Install Debian's browser "
            "(apt-get install chromium) or set PENCAKER_CHROMIUM to its path; "
            "browser tests are never skipped.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


class _WatchedBrowser:
    """The session's Chromium; every context it opens has its pages checked
    (``pencaker.e2e.page_checks``: aria references, sideways scrolling, header height)."""

    def __init__(self, browser) -> None:
        self._browser = browser
        self.contexts: list = []

    def new_context(self, **options):
        from pencaker.e2e import page_checks

        context = self._browser.new_context(**options)
        page_checks.watch(context, javascript=options.get("java_script_enabled", True))
        self.contexts.append(context)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def browser(chromium_browser, request):
    watched = _WatchedBrowser(chromium_browser)
    yield watched
    from pencaker.e2e import page_checks

    page_checks.fail_on_problems(request, watched.contexts)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_collection_modifyitems(config, items):
    """``postgres_only`` tests (the multi-host cluster run) belong to the PostgreSQL pass:
    in the SQLite pass they are deselected, not skipped (they run once, like ``embedded``
    tests run once in the SQLite pass)."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
