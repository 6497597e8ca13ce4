"""Test-only URLconf: the site's URLs plus a bare host page for the address picker, so the
browser tests exercise the picker exactly as a host view uses it (see regions.forms)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from pencaker.regions.forms import AddressRegionForm
from pencaker.urls import urlpatterns as site_urlpatterns

PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}'
    '<h1>Address</h1><form method="post">{% csrf_token %}{% include "includes/form_errors.html" %}'
    '{% include "includes/field.html" with field=form.street %}'
    '{% include "regions/includes/address_fields.html" %}'
    '<button type="submit" name="save">Save</button></form>'
    '{% if saved %}<p id="saved">{{ saved }}</p>{% endif %}{% endblock %}'
)


class HostForm(AddressRegionForm):
    street = forms.CharField(label="Street")


def host_page(request: HttpRequest) -> HttpResponse:
    form = HostForm(request.POST or None)
    saved = ""
    if request.method == "POST" and form.is_valid():
        saved = f"{form.cleaned_data['street']} / {form.cleaned_data['village'].code}"
    return HttpResponse(PAGE.render({"form": form, "saved": saved}, request))


urlpatterns = [*site_urlpatterns, path("test-picker/", host_page, name="test_picker")]
