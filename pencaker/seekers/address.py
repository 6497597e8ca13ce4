"""The address page: the profile's own fields plus the regions address picker.

Kept apart from ``views`` so the picker (regions app) is imported only here.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pencaker.core.errors import DomainError
from pencaker.regions.forms import AddressRegionForm, initial_from_village
from pencaker.seekers import forms, services
from pencaker.seekers.models import JobSeekerProfile


class ProfileAddressForm(AddressRegionForm, forms.AddressForm):
    # A half-filled profile is fine: the completeness panel asks for the village later.
    region_required = False


def address_page(request: HttpRequest, *, profile: JobSeekerProfile) -> HttpResponse:
    if request.method == "POST":
        form = ProfileAddressForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.profile_update_address(
                    actor=request.user,
                    profile=profile,
                    address_line=data.get("address_line", ""),
                    rt=data.get("rt", ""),
                    rw=data.get("rw", ""),
                    village=data.get("village"),
                    postal_code=data.get("postal_code", ""),
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("seekers:overview")
    else:
        initial = {
            "address_line": profile.address_line,
            "rt": profile.rt,
            "rw": profile.rw,
            "postal_code": profile.postal_code,
            **initial_from_village(profile.village),
        }
        form = ProfileAddressForm(initial=initial)
    return render(
        request,
        "seekers/address.html",
        {"form": form, "title": _("Address"), "profile": profile},
        status=400 if form.errors else 200,
    )
