"""Messages to the holder (email and SMS through the outbox), written in Indonesian.

Every message has a dedupe key, so the daily task can run any number of times a day and
the holder still gets each message once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from pencaker.core.links import absolute_url

LANGUAGE = "id"


def _date(day: dt.date) -> str:
    return formats.date_format(day, "j F Y")


def _url(name: str) -> str:
    return absolute_url(reverse(name))


def _send(*, holder: Any, kind: str, key: str, subject: str, email: str, sms: str) -> int:
    """Queue the email and the SMS; returns how many were newly queued (0 on a re-run)."""
    from pencaker.notifications.models import Notification
    from pencaker.notifications.services import notification_queue

    messages = []
    if holder.email:
        messages.append(("email", holder.email, subject, email))
    if holder.phone:
        messages.append(("sms", holder.phone, "", sms))
    queued = 0
    for channel, recipient, title, body in messages:
        dedupe_key = f"{key}:{channel}"
        if Notification.objects.filter(dedupe_key=dedupe_key).exists():
            continue
        notification_queue(
            channel=channel,
            recipient=recipient,
            kind=kind,
            subject=title,
            body=body,
            dedupe_key=dedupe_key,
        )
        queued += 1
    return queued


def _name(card: Any) -> str:
    return card.holder_name or card.holder.full_name or ""


def report_reminder(*, card: Any, slot: Any, kind: str, removal_enabled: bool) -> int:
    """``kind`` is "due" (the window is open) or "overdue" (the window has closed)."""
    key = f"report-reminder:{card.number}:{card.issued_on.isoformat()}:{slot.number}:{kind}"
    with translation.override(LANGUAGE):
        values = {
            "name": _name(card),
            "n": slot.number,
            "number": card.number,
            "due": _date(slot.due_on),
            "opens": _date(slot.opens_on),
            "closes": _date(slot.closes_on),
            "last_day": _date(slot.removal_on - dt.timedelta(days=1)),
            "url": _url("lifecycle:home"),
            "office": card.office.name,
        }
        if kind == "due":
            subject = _("Time to report on your AK/1 card (report %(n)s)") % values
            email = (
                _(
                    "Hello %(name)s,\n\nReport %(n)s on your AK/1 card %(number)s is due on "
                    "%(due)s. You can report from %(opens)s to %(closes)s.\n\nIt takes one "
                    "step: open %(url)s and tell us whether you are still looking for work or "
                    "have started work. Reporting is free of charge.\n\n%(office)s"
                )
                % values
            )
            sms = (
                _(
                    "AK/1 %(number)s: report %(n)s is due on %(due)s. Report by %(closes)s at "
                    "%(url)s (free)."
                )
                % values
            )
        else:
            subject = _("You have not reported on your AK/1 card yet (report %(n)s)") % values
            email = (
                _(
                    "Hello %(name)s,\n\nReport %(n)s on your AK/1 card %(number)s was due on "
                    "%(due)s and we have not received it.\n\nPlease report now at %(url)s: "
                    "tell us whether you are still looking for work or have started work."
                )
                % values
            )
            sms = _("AK/1 %(number)s: report %(n)s is late. Report now at %(url)s.") % values
            if removal_enabled:
                warning = (
                    _(
                        "If you do not report by %(last_day)s, your name will be removed from "
                        "the register of job seekers."
                    )
                    % values
                )
                email = f"{email}\n\n{warning}"
                sms = f"{sms} {warning}"
            email = f"{email}\n\n{values['office']}"
    return _send(
        holder=card.holder,
        kind=f"lifecycle.report_{kind}",
        key=key,
        subject=subject,
        email=email,
        sms=sms,
    )


def card_expired(*, card: Any) -> int:
    key = f"card-expired:{card.number}:{card.issued_on.isoformat()}"
    with translation.override(LANGUAGE):
        values = {
            "name": _name(card),
            "number": card.number,
            "date": _date(card.valid_until),
            "url": _url("lifecycle:home"),
            "office": card.office.name,
        }
        subject = _("Your AK/1 card has expired") % values
        email = (
            _(
                "Hello %(name)s,\n\nYour AK/1 card %(number)s was valid until %(date)s. If you "
                "are still looking for work, apply for a renewal at %(url)s: your data is "
                "already filled in, one click is enough.\n\n%(office)s"
            )
            % values
        )
        sms = _("AK/1 %(number)s has expired. Renew it with one click at %(url)s (free).") % values
    return _send(
        holder=card.holder,
        kind="lifecycle.card_expired",
        key=key,
        subject=subject,
        email=email,
        sms=sms,
    )


def card_removed(*, card: Any, slot: Any) -> int:
    key = f"card-removed:{card.number}:{card.issued_on.isoformat()}"
    with translation.override(LANGUAGE):
        values = {
            "name": _name(card),
            "number": card.number,
            "n": slot.number,
            "due": _date(slot.due_on),
            "url": _url("lifecycle:home"),
            "office": card.office.name,
        }
        subject = _("You have been removed from the register of job seekers") % values
        email = (
            _(
                "Hello %(name)s,\n\nReport %(n)s on your AK/1 card %(number)s was due on %(due)s "
                "and was not made, so your name has been removed from the register of job "
                "seekers and the card is no longer valid.\n\nIf you are still looking for "
                "work, you can request a new card at %(url)s.\n\n%(office)s"
            )
            % values
        )
        sms = (
            _(
                "AK/1 %(number)s: report %(n)s was not made, so the card is no longer valid. "
                "Request a new card at %(url)s."
            )
            % values
        )
    return _send(
        holder=card.holder,
        kind="lifecycle.card_removed",
        key=key,
        subject=subject,
        email=email,
        sms=sms,
    )


def placement_thanks(*, card: Any, placement: Any, survey_url: str) -> int:
    key = f"placement-thanks:{placement.pk}"
    with translation.override(LANGUAGE):
        values = {
            "name": _name(card),
            "employer": placement.employer,
            "survey": survey_url,
            "office": card.office.name,
        }
        subject = _("Thank you for telling us you have started work") % values
        email = (
            _(
                "Hello %(name)s,\n\nThank you for telling us that you have started work at "
                "%(employer)s. Good luck in your new job!\n\nPlease tell us in two minutes how "
                "our service was: %(survey)s\n\n%(office)s"
            )
            % values
        )
        sms = (
            _(
                "Thank you for reporting your job at %(employer)s. Good luck! How was our "
                "service? %(survey)s"
            )
            % values
        )
    return _send(
        holder=card.holder,
        kind="lifecycle.placement_thanks",
        key=key,
        subject=subject,
        email=email,
        sms=sms,
    )
