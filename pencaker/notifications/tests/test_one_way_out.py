"""Messages leave the system one way: the notifications outbox.

An AST scan of every module outside ``pencaker/notifications`` (tests excluded) fails on a
call or import of Django's mail senders, ``smtplib`` or the message gateways. Django's own
password-reset form would send directly, so the reset view must use a form that
overrides ``send_mail``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from django.contrib.auth.forms import PasswordResetForm
from django.urls import resolve, reverse

PACKAGE = Path(__file__).resolve().parents[2]
SENDERS = frozenset(
    {
        "send_mail",
        "send_mass_mail",
        "mail_admins",
        "mail_managers",
        "EmailMessage",
        "EmailMultiAlternatives",
        "get_connection",
        "get_gateway",
        "email_user",  # AbstractUser.email_user calls send_mail
    }
)
FORBIDDEN_MODULES = ("smtplib", "pencaker.notifications.gateways")


def message_exits(source: str) -> list[str]:
    """Where ``source`` sends mail or messages other than through the outbox."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith(FORBIDDEN_MODULES):
                found.append(f"{line}: from {module} import")
            elif module.startswith("django.core.mail"):
                names = {alias.name for alias in node.names}
                if names & SENDERS or "*" in names:
                    found.append(f"{line}: from {module} import {sorted(names)}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith((*FORBIDDEN_MODULES, "django.core.mail")):
                    found.append(f"{line}: import {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr in SENDERS:
            found.append(f"{line}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in SENDERS:
            found.append(f"{line}: {node.id}")
    return found


def _modules_outside_notifications() -> list[Path]:
    paths = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] in {"notifications", "e2e"} or "tests" in parts or path.name == "conftest.py":
            continue
        paths.append(path)
    return paths


def test_no_module_outside_notifications_sends_mail_or_messages():
    modules = _modules_outside_notifications()
    assert len(modules) > 100  # the scan really covers the tree
    offenders = {
        str(path.relative_to(PACKAGE)): exits
        for path in modules
        if (exits := message_exits(path.read_text()))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "planted",
    [
        "from django.core.mail import send_mail\nsend_mail('s', 'b', None, ['a@b.id'])",
        "from django.core import mail\nmail.EmailMessage(subject='s', to=['a@b.id']).send()",
        "import django.core.mail\n",
        "from django.core.mail import EmailMultiAlternatives as Message\n",
        "def f(user):\n    from django.core.mail import mail_admins\n    mail_admins('s', 'b')",
        "from pencaker.notifications.gateways import get_gateway\nget_gateway().send()",
        "from pencaker.notifications import gateways\ngateways.get_gateway().send()",
        "import smtplib\nsmtplib.SMTP('localhost').sendmail('a', ['b'], 'c')",
        "def f(user):\n    user.email_user('s', 'b')",
    ],
)
def test_the_scan_finds_a_planted_sender(planted):
    assert message_exits(planted)


def test_the_scan_lets_the_outbox_services_through():
    source = (
        "from pencaker.notifications.services import notification_queue_templated\n"
        "from django.core.mail.backends.base import BaseEmailBackend\n"
        "notification_queue_templated(channel='email', recipient='a', kind='k', template='t',"
        " context={})\n"
    )
    assert message_exits(source) == []


def test_the_scan_is_shown_to_fail_on_a_planted_module(tmp_path, monkeypatch):
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "services.py").write_text(
        "def card_issue():\n    from django.core.mail import send_mail\n"
        "    send_mail('s', 'b', None, ['a@b.id'])\n"
    )
    for name in ("accounts", "notifications"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "models.py").write_text("")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    modules = _modules_outside_notifications()
    assert [p.relative_to(tmp_path).as_posix() for p in modules] == [
        "accounts/models.py",
        "planted/services.py",
    ]
    assert message_exits((planted / "services.py").read_text())


def test_password_reset_does_not_use_djangos_direct_send():
    view = resolve(reverse("accounts:password_reset")).func
    form_class = view.view_initkwargs["form_class"]
    assert issubclass(form_class, PasswordResetForm)
    assert form_class.send_mail is not PasswordResetForm.send_mail
