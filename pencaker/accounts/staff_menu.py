"""Links on the staff dashboard. Other apps add theirs from ``AppConfig.ready``::

from pencaker.accounts.staff_menu import staff_link_register
staff_link_register(url_name="applications:queue", label=_("Application queue"),
                    roles=DECIDING_ROLES, order=10)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pencaker.accounts.models import STAFF_ROLES, Role


@dataclass(frozen=True)
class StaffLink:
    url_name: str
    label: str | Promise
    roles: frozenset[str]
    order: int = 100
    #: Shown only to the users it answers True for (e.g. the staff of a province office).
    when: Callable[[Any], bool] | None = None


_LINKS: dict[str, StaffLink] = {}


def staff_link_register(
    *,
    url_name: str,
    label: str | Promise,
    roles: Iterable[str] = STAFF_ROLES,
    order: int = 100,
    when: Callable[[Any], bool] | None = None,
) -> None:
    _LINKS[url_name] = StaffLink(url_name, label, frozenset(roles), order, when)


def staff_links_for(role: str, user: Any = None) -> list[tuple[str, str | Promise]]:
    """(url, label) pairs for the role (and the user, for links with a ``when``); links
    whose URL does not exist are left out."""
    result = []
    for link in sorted(_LINKS.values(), key=lambda item: (item.order, item.url_name)):
        if role not in link.roles:
            continue
        if link.when is not None and (user is None or not link.when(user)):
            continue
        try:
            result.append((reverse(link.url_name), link.label))
        except NoReverseMatch:
            continue
    return result


staff_link_register(
    url_name="accounts:staff_list", label=_("Staff accounts"), roles={Role.ADMIN_DINAS}, order=900
)
staff_link_register(url_name="accounts:password_change", label=_("Change password"), order=950)
