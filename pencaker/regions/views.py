"""Public read-only endpoint feeding the address picker's next select."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from pencaker.regions.forms import CHOOSE_LABELS
from pencaker.regions.models import Level
from pencaker.regions.selectors import CHILD_LEVEL, region_children, region_get

_FIELD_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")
_ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,79}")
_FIELD_FOR_LEVEL = {
    Level.REGENCY: "regency",
    Level.DISTRICT: "district",
    Level.VILLAGE: "village",
}


@require_GET
@cache_control(private=True, max_age=3600)
@vary_on_headers("Cookie", "Accept-Language", "HX-Request")
def options(request: HttpRequest) -> HttpResponse:
    """``GET /wilayah/pilihan/?parent=16.71`` → ``<option>`` elements for the kecamatan of
    Kota Palembang, led by a "choose" placeholder; ``&format=json`` → ``{"parent": ...,
    "options": [{"code", "name"}]}``. The parent can instead be named by the select that
    sent it (``?parent_field=province&province=16``, what htmx sends). Each ``reset=<id>``
    adds an out-of-band swap that empties that select (the levels below the next one).
    An unknown or malformed parent gives an empty list, never an error.
    """
    parent_code = request.GET.get("parent")
    if parent_code is None:
        field = request.GET.get("parent_field", "")
        parent_code = request.GET.get(field, "") if _FIELD_NAME.fullmatch(field) else ""
    parent = region_get(parent_code)
    children = list(region_children(parent.pk)) if parent else []
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "parent": parent.pk if parent else None,
                "options": [{"code": r.code, "name": r.name} for r in children],
            }
        )
    child_level = CHILD_LEVEL.get(Level(parent.level)) if parent else None
    placeholder = CHOOSE_LABELS[_FIELD_FOR_LEVEL[child_level]] if child_level else ""
    resets = [i for i in request.GET.getlist("reset")[:3] if _ELEMENT_ID.fullmatch(i)]
    return render(
        request,
        "regions/options.html",
        {"children": children, "placeholder": placeholder, "resets": resets},
    )
