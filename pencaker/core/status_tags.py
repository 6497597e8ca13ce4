"""Status tags: one short word and one colour for each status a person reads.

Each app registers its status enums here (in its ``AppConfig.ready``) with a tag for every
member; registering an enum with a member left out fails at start-up, so a new status
cannot reach a page without its tag. Templates show them with the ``status_tag`` filter of
``pencaker_ui`` (docs/design-system.md). The colour never carries the meaning alone: the
tag always has its text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise


class TagColour(StrEnum):
    """The tag palette (text and background pairs pass WCAG AA contrast)."""

    GREY = "grey"  # draft, closed, replaced: nothing left to do
    BLUE = "blue"  # waiting for the office
    PURPLE = "purple"  # being worked on
    YELLOW = "yellow"  # waiting for the person
    GREEN = "green"  # approved, valid
    RED = "red"  # refused, revoked, expired


@dataclass(frozen=True)
class StatusTag:
    text: str | Promise
    colour: TagColour


@dataclass(frozen=True)
class _TagSet:
    choices: type[models.TextChoices]
    field: str
    tags: Mapping[str, StatusTag]


_REGISTRY: dict[str, _TagSet] = {}


def status_tag_register(
    *,
    kind: str,
    choices: type[models.TextChoices],
    tags: Mapping[str, tuple[str | Promise, TagColour]],
    field: str = "status",
) -> None:
    """Register the tags of ``choices`` under ``kind`` (a model label, ``"cards.card"``);
    objects of that model are tagged by their ``field``. Every member needs a tag."""
    missing = sorted(set(choices.values) - set(tags))
    unknown = sorted(set(tags) - set(choices.values))
    if missing or unknown:
        raise ImproperlyConfigured(f"status tags of {kind}: missing {missing}, unknown {unknown}")
    _REGISTRY[kind] = _TagSet(
        choices=choices,
        field=field,
        tags={
            str(value): StatusTag(text, TagColour(colour)) for value, (text, colour) in tags.items()
        },
    )


def status_tag_kinds() -> dict[str, type[models.TextChoices]]:
    """Every registered kind with its enum (the design-system page shows them all)."""
    return {kind: tag_set.choices for kind, tag_set in sorted(_REGISTRY.items())}


def status_tag_for(kind: str, value: str) -> StatusTag:
    """The tag of ``value``; ``LookupError`` for a kind or value nobody registered."""
    try:
        return _REGISTRY[kind].tags[str(value)]
    except KeyError as exc:
        raise LookupError(f"no status tag for {kind} {value!r}") from exc


def status_tag_of(obj: models.Model) -> StatusTag:
    """The tag of a model object's status (its model registered as the kind)."""
    kind = obj._meta.label_lower
    try:
        tag_set = _REGISTRY[kind]
    except KeyError as exc:
        raise LookupError(f"no status tags registered for {kind}") from exc
    return status_tag_for(kind, getattr(obj, tag_set.field))
