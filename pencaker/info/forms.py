"""Input shape of the staff screens; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _when(label, *, required=True):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Enter the date and time."),
            "invalid": _("Enter a date and time like 2026-07-01 09:00."),
        },
    )


class AnnouncementForm(DomainErrorFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={
            "required": _("Write a title of 3 to 200 characters."),
            "max_length": _("Write a title of 3 to 200 characters."),
        },
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. Leave an empty line between paragraphs."),
        max_length=20000,
        error_messages={
            "required": _("Write the text of the announcement."),
            "max_length": _("The text can have at most 20,000 characters."),
        },
    )
    publish_at = _when(_("Publish at"))
    unpublish_at = _when(_("Unpublish at (optional)"), required=False)
    image = forms.FileField(
        label=_("Image (optional, JPG or PNG)"),
        required=False,
        error_messages={"invalid": _("Choose the picture again and upload it.")},
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)


class FaqForm(DomainErrorFormMixin, forms.Form):
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        error_messages={
            "required": _("Write a question of 3 to 300 characters."),
            "max_length": _("Write a question of 3 to 300 characters."),
        },
    )
    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={
            "required": _("Write the answer."),
            "max_length": _("The answer can have at most 10,000 characters."),
        },
    )
    position = forms.IntegerField(
        label=_("Order"),
        initial=100,
        min_value=0,
        max_value=32767,
        error_messages={
            "required": _("Enter an order number from 0 to 32767."),
            "invalid": _("Enter an order number from 0 to 32767."),
            "min_value": _("Enter an order number from 0 to 32767."),
            "max_value": _("Enter an order number from 0 to 32767."),
        },
    )
    published = forms.BooleanField(label=_("Published"), required=False, initial=True)


class InfoSettingsForm(DomainErrorFormMixin, forms.Form):
    regional_regulation = forms.CharField(
        label=_("Regional regulation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: Peraturan Wali Kota Palembang Nomor 12 Tahun 2020."),
        error_messages={"max_length": _("Write at most 2,000 characters.")},
    )
    services = forms.CharField(
        label=_("Services"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One service a line."),
        error_messages={"max_length": _("Write at most 4,000 characters.")},
    )
    map_url = forms.CharField(
        label=_("Map link"),
        required=False,
        max_length=200,
        help_text=_("A link that starts with https://."),
        error_messages={"max_length": _("Write at most 200 characters.")},
    )
