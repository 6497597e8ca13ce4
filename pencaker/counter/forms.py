"""Input shapes for the counter pages (the rules live in services)."""

from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin
from pencaker.counter.choices import Service
from pencaker.counter.selectors import BookableDay

CHOOSE_SERVICE = _("Choose what you come for.")


class BookingForm(DomainErrorFormMixin, forms.Form):
    office = forms.ChoiceField(
        label=_("Office"),
        error_messages={
            "required": _("Choose the office."),
            "invalid_choice": _("Choose the office."),
        },
    )
    service = forms.ChoiceField(
        label=_("What do you come for?"),
        choices=Service.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_SERVICE, "invalid_choice": CHOOSE_SERVICE},
    )
    day = forms.ChoiceField(
        label=_("Day"),
        error_messages={
            "required": _("Choose a day."),
            "invalid_choice": _("Choose one of the days offered."),
        },
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={
            "required": _("Write your name."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
    contact = forms.CharField(
        label=_("Mobile number or email (the ticket is sent there)"),
        max_length=254,
        error_messages={
            "required": _("Give a mobile number or an email address for the ticket."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
    # A fresh key in every page: a double click or a browser retry sends it again, and the
    # service answers with the ticket of the first click.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def __init__(
        self, *args, offices: list[tuple[str, str]], days: list[BookableDay], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        self.fields["office"].choices = offices
        if len(offices) == 1:
            self.initial.setdefault("office", offices[0][0])
        self.fields["day"].choices = [
            (d.day.isoformat(), formats.date_format(d.day, "l, j F Y")) for d in days
        ]

    def cleaned_day(self) -> dt.date:
        return dt.date.fromisoformat(self.cleaned_data["day"])


class KioskForm(DomainErrorFormMixin, forms.Form):
    service = forms.ChoiceField(
        label=_("What do you come for?"),
        choices=Service.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_SERVICE, "invalid_choice": CHOOSE_SERVICE},
    )
    contact = forms.CharField(
        label=_("Mobile number or email, to get the number sent (optional)"),
        max_length=254,
        required=False,
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


class CallForm(forms.Form):
    service = forms.ChoiceField(
        label=_("Service"),
        choices=[("", _("Any service")), *Service.choices],
        required=False,
        error_messages={"invalid_choice": CHOOSE_SERVICE},
    )
    desk = forms.CharField(
        label=_("Counter"),
        max_length=20,
        required=False,
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )
