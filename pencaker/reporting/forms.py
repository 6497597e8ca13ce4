"""Input shape of the IPK pages: which period."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from pencaker.reporting import periods

WHOLE_YEAR = "year"


def _period_choices() -> list[tuple[str, object]]:
    months = [
        (f"{m:02d}", formats.date_format(dt.date(2000, m, 1), "F").capitalize())
        for m in range(1, 13)
    ]
    return [
        *months,
        ("S1", _("Semester 1 (January–June)")),
        ("S2", _("Semester 2 (July–December)")),
        (WHOLE_YEAR, _("Whole year")),
    ]


class _LazyChoices:
    """Month names in the language of the request, not of the import."""

    def __iter__(self):
        return iter(_period_choices())


class IpkPeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Month, semester or year"),
        choices=_LazyChoices(),
        error_messages={"invalid_choice": _("Choose a month, a semester or the whole year.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=periods.MIN_YEAR,
        max_value=periods.MAX_YEAR,
        error_messages={
            "invalid": _("Write the year with four digits, for example 2025."),
            "required": _("Write the year, for example 2025."),
            "min_value": _("Choose a year from 1990."),
            "max_value": _("Choose a year up to 2100."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    @classmethod
    def initial_for(cls, today: dt.date) -> dict[str, object]:
        """Last month: the report an office sends at the start of a month."""
        last = periods.month_start(today, months=-1)
        return {"period": f"{last.month:02d}", "year": last.year}

    def to_period(self) -> periods.Period:
        value, year = self.cleaned_data["period"], self.cleaned_data["year"]
        if value == WHOLE_YEAR:
            return periods.year(year)
        if value in ("S1", "S2"):
            return periods.semester(year, int(value[1]))
        return periods.month(year, int(value))

    @classmethod
    def data_for(cls, period: periods.Period) -> dict[str, object]:
        if period.kind == periods.YEAR:
            return {"period": WHOLE_YEAR, "year": period.start.year}
        if period.kind == periods.SEMESTER:
            return {"period": "S1" if period.start.month == 1 else "S2", "year": period.start.year}
        return {"period": f"{period.start.month:02d}", "year": period.start.year}


class PerformanceForm(forms.Form):
    """Which month (``2026-03``) and, for the pimpinan and admin dinas, which operator."""

    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-\d{2}$",
        error_messages={
            "required": _("Choose a month."),
            "invalid": _("Write the month as year-month, for example 2026-03."),
        },
        widget=forms.TextInput(attrs={"type": "month"}),
    )
    operator = forms.ChoiceField(
        label=_("Operator"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the operators.")},
    )

    def __init__(self, *args, operators=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["operator"].choices = [
            ("", _("Every operator")),
            *[(str(u.pk), u.full_name or u.email) for u in operators],
        ]

    def period(self) -> periods.Period:
        return periods.parse(self.cleaned_data["month"])


class ProvinceMonthForm(forms.Form):
    """The month of the province dashboard (``2026-03``)."""

    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-\d{2}$",
        error_messages={
            "required": _("Choose a month."),
            "invalid": _("Write the month as year-month, for example 2026-03."),
        },
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def period(self) -> periods.Period:
        return periods.parse(self.cleaned_data["month"])
