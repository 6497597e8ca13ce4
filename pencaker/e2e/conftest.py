"""Harness for the browser journeys.

* One headless Chromium (Debian's ``/usr/bin/chromium``) per test session, a fresh
  browser context per test, at a cheap Android phone's viewport (360x740).
* pytest-django's ``live_server`` serves the app; tests that use it run with
  ``transactional_db`` so the server thread sees committed rows.
* A real SMTP server (aiosmtpd) on 127.0.0.1 collects outgoing mail; Django's SMTP backend
  is pointed at it, so the verification email really travels over SMTP.
* axe-core (``axe_playwright_python``) checks pages; violations are printed readably.
* On failure a full-page screenshot is saved under ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from pencaker.e2e import page_checks


def _import_smtp_controller():
    """Import aiosmtpd's Controller despite pytest-django's sys.path entry.

    pytest-django puts the folder holding ``manage.py`` (``pencaker/``) on ``sys.path``, so
    the top-level name ``public`` resolves to ``pencaker/public`` instead of the ``atpublic``
    package aiosmtpd imports. Hide that entry for the duration of the import.
    """
    package_dir = str(Path(__file__).resolve().parents[1])
    saved = list(sys.path)
    shadow = sys.modules.get("public")
    if shadow is not None and not hasattr(shadow, "public"):
        del sys.modules["public"]
    try:
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != package_dir]
        from aiosmtpd.controller import Controller
    finally:
        sys.path[:] = saved
    return Controller


SMTPController = _import_smtp_controller()


# A cheap Android phone.
MOBILE_VIEWPORT = {"width": 360, "height": 740}
MOBILE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
# Long enough for a slow CI machine, short enough that a missing element fails quickly.
DEFAULT_TIMEOUT_MS = 15_000


# --- Browser --------------------------------------------------------------------------


@dataclass
class ConsoleLog:
    """Console errors, uncaught page errors (CSP violations show up here) and sub-resources
    (CSS, scripts, images) the server refused. The favicon is not part of the product."""

    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("response", self._on_response)

    def _on_console(self, msg) -> None:
        # Failed loads are reported with their address by _on_response.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.errors.append(f"console.error: {msg.text}")

    def _on_response(self, response) -> None:
        request = response.request
        if (
            response.status >= 400
            and request.resource_type != "document"
            and not response.url.endswith("/favicon.ico")
        ):
            self.errors.append(f"{request.resource_type} {response.url} -> {response.status}")

    def assert_clean(self) -> None:
        assert not self.errors, "The browser reported errors:\n" + "\n".join(self.errors)


def _new_page(browser, request, *, javascript: bool):
    context = browser.new_context(
        viewport=MOBILE_VIEWPORT,
        user_agent=MOBILE_USER_AGENT,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        java_script_enabled=javascript,
        locale="id-ID",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page_checks.watch(context, javascript=javascript)
    page = context.new_page()
    page.javascript_enabled = javascript  # type: ignore[attr-defined]
    page.console_log = ConsoleLog()  # type: ignore[attr-defined]
    page.console_log.attach(page)  # type: ignore[attr-defined]
    return context, page


def _save_screenshot(request, page) -> None:
    report = getattr(request.node, "rep_call", None)
    if report is None or not report.failed:
        return
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
    try:
        page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True)
        (ARTIFACTS_DIR / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the failure
        print(f"could not save screenshot: {exc}")


@pytest.fixture
def page(chromium_browser, request, live_server):
    """A fresh mobile browser context with JavaScript on (htmx enhancements active)."""
    context, page = _new_page(chromium_browser, request, javascript=True)
    yield page
    _save_screenshot(request, page)
    context.close()
    page_checks.fail_on_problems(request, [context])


@pytest.fixture
def nojs_page(chromium_browser, request, live_server):
    """A fresh mobile browser context with JavaScript disabled."""
    context, page = _new_page(chromium_browser, request, javascript=False)
    yield page
    _save_screenshot(request, page)
    context.close()
    page_checks.fail_on_problems(request, [context])


# --- axe-core -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """``assert_accessible(page)`` runs axe-core and fails with a readable report."""

    def check(page, *, label: str = "") -> None:
        # axe-core is JavaScript: in a context without it page.evaluate never returns.
        assert getattr(page, "javascript_enabled", True), (
            "axe-core needs JavaScript; check this page in a JavaScript-enabled context"
        )
        results = axe.run(page)
        where = label or page.url
        problems = page_checks.measure(page)
        assert not problems, f"Layout or ARIA problems on {where}:\n" + "\n".join(problems)
        assert results.violations_count == 0, (
            f"axe-core found violations on {where}:\n{results.generate_report()}"
        )

    return check


# --- SMTP -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPCollector:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self._messages.append(parsed)  # type: ignore[arg-type]
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return list(self._messages)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self.envelopes.clear()


class SMTPServer:
    """The suite's SMTP server; ``stop()`` and ``start()`` make an outage on its port."""

    def __init__(self) -> None:
        self.host, self.port, self.collector = "127.0.0.1", _free_port(), SMTPCollector()
        self._controller = None

    def start(self) -> None:
        # An aiosmtpd controller cannot start twice: a new one serves the same port.
        self._controller = SMTPController(self.collector, hostname=self.host, port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None


@pytest.fixture(scope="session")
def smtp_control() -> Iterator[SMTPServer]:
    server = SMTPServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def smtp_server(smtp_control) -> tuple[str, int, SMTPCollector]:
    return smtp_control.host, smtp_control.port, smtp_control.collector


@pytest.fixture
def smtp_outage(smtp_control, mailbox) -> Iterator[SMTPServer]:
    """The SMTP server, to stop and start in the test; running again afterwards."""
    try:
        yield smtp_control
    finally:
        if not smtp_control.running:
            smtp_control.start()


class Mailbox:
    """What the SMTP server received during one test."""

    def __init__(self, collector: SMTPCollector) -> None:
        self._collector = collector

    @property
    def messages(self) -> list[EmailMessage]:
        return self._collector.messages

    def to(self, address: str) -> list[EmailMessage]:
        address = address.lower()
        return [m for m in self.messages if address in str(m["To"]).lower()]

    @staticmethod
    def body(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain", "html"))
        assert part is not None, "the email has no text body"
        return part.get_content()

    def links(self, message: EmailMessage) -> list[str]:
        return re.findall(r"https?://[^\s\"'<>]+", self.body(message))


@pytest.fixture
def mailbox(smtp_server, settings) -> Mailbox:
    """Route Django's mail through the real SMTP server for this test."""
    host, port, collector = smtp_server
    collector.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = host
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    return Mailbox(collector)


@pytest.fixture
def site_url(live_server, settings) -> str:
    """The live server's address; links in emails are built from SITE_URL."""
    settings.SITE_URL = live_server.url
    return live_server.url
