"""The shared workflow helper: check the transition table, set the status, record history.

Each workflow keeps its own ``ALLOWED`` table (a dict from a status to the set of statuses
it may move to) and its own append-only history model; this helper only enforces the
table and writes the row, so every workflow behaves the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from pencaker.core.errors import Conflict, CoreErrorCode
from pencaker.core.text import text_clean


def transition(
    *,
    obj: models.Model,
    to: str,
    allowed: Mapping[Any, set[Any] | frozenset[Any]],
    history_model: type[models.Model],
    actor: Any,
    note: str = "",
    field: str = "status",
    history_fk: str,
    extra: dict[str, Any] | None = None,
) -> models.Model:
    """Move ``obj`` to status ``to`` or raise ``Conflict`` if the table forbids it.

    The caller holds the row lock (``select_for_update``) and the transaction.
    Returns the history row.
    """
    current = getattr(obj, field)
    if to not in allowed.get(current, set()):
        raise Conflict(
            CoreErrorCode.INVALID_TRANSITION,
            _("This action is not possible while the status is %(status)s.")
            % {"status": getattr(obj, f"get_{field}_display", lambda: current)()},
            details={"from": current, "to": to},
        )
    setattr(obj, field, to)
    obj.save()
    return history_model._default_manager.create(
        **{history_fk: obj},
        from_status=current,
        to_status=to,
        actor=actor if getattr(actor, "pk", None) else None,
        note=text_clean(note, multiline=True),
        **(extra or {}),
    )
