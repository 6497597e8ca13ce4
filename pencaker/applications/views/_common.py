"""What the application pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as Forbidden
from django.shortcuts import render

from pencaker.accounts.permissions import DECIDING_ROLES

# Who may decide is the services' rule; views read it only to show or hide buttons.
DECIDERS = DECIDING_ROLES


def _not_found(request):
    return render(request, "applications/not_found.html", status=404)


def _page_for(request, roles) -> None:
    """Show a form page only to those its service would let act (the POST is judged by
    the service itself)."""
    if request.method == "GET" and request.user.role not in roles:
        raise Forbidden
