"""The office named in the site header (docs/design-system.md).

Staff read their own office; everyone else the installation's default office. A view that
must stay query-free (the landing page) sets ``request.office_brand_cached_only``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from pencaker.offices import selectors


def _brand_for(request: HttpRequest):
    user = getattr(request, "user", None)
    office_id = getattr(user, "office_id", None) if user is not None else None
    if office_id and getattr(user, "is_authenticated", False):
        return selectors.office_brand(user.office)
    return selectors.office_brand_default(
        cached_only=getattr(request, "office_brand_cached_only", False)
    )


def office_brand(request: HttpRequest) -> dict:
    # Lazy: pages that do not render the header (PDFs, JSON) never read the office.
    return {"OFFICE_BRAND": SimpleLazyObject(lambda: _brand_for(request) or "")}
