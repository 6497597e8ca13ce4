"""The staff-only design-system page (docs/design-system.md): each component rendered live
from its own template under ``public/design/``, with that template's source beside it, so
the example and the snippet cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import get_template
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from pencaker.core.status_tags import status_tag_kinds


@dataclass(frozen=True)
class Example:
    slug: str
    title: str | Promise
    description: str | Promise


EXAMPLES = [
    Example(
        "header",
        _("Header: the office's name and logo"),
        _(
            "Staff pages name the staff member's office, other pages the installation's "
            "default office. A logo is a static file offices/logos/<code>.svg (16-71.svg); "
            "without one the name is the wordmark."
        ),
    ),
    Example(
        "phase-banner",
        _("Demo banner"),
        _("Shown on every page when PENCAKER_DEMO=true (off by default, in production too)."),
    ),
    Example(
        "type-scale",
        _("Type scale"),
        _("16 px body text on a phone, 18 px on wider screens; headings in three sizes."),
    ),
    Example(
        "buttons",
        _("Buttons"),
        _(
            "One primary button per page for the main action; secondary for other actions; "
            "warning for actions that cannot be undone (after a confirmation page)."
        ),
    ),
    Example(
        "choices",
        _("Radios and checkboxes"),
        _("The whole row is the touch target (at least 44 px high); the label follows the box."),
    ),
    Example(
        "status-tags",
        _("Status tags"),
        _(
            "One word and one colour for every status of requests, cards, employers and "
            "vacancies; the text always carries the meaning, never the colour alone."
        ),
    ),
    Example(
        "summary-list",
        _("Summary list"),
        _("Answers as rows, each with a Change link that names what it changes."),
    ),
    Example(
        "tables",
        _("Tables on a phone"),
        _(
            "Wide tables scroll inside their own box (table-scroll) or stack each row "
            "(table-stack, with a data-label on every cell); the page never scrolls sideways."
        ),
    ),
    Example(
        "messages",
        _("Error summary and messages"),
        _("Errors listed at the top of the form, each linking to its field; one line per message."),
    ),
]


def _tag_examples() -> list[tuple[str, str, str]]:
    return [
        (kind, value, str(label))
        for kind, choices in status_tag_kinds().items()
        for value, label in choices.choices
    ]


def design_examples(request: HttpRequest) -> list[dict]:
    """Each example with its rendered HTML and its template source."""
    context = {
        "tag_examples": _tag_examples(),
        "example_items": [
            "SMA — SMA Negeri 1 Palembang IPA — 2019",
            "D3 — Politeknik Sriwijaya — 2022",
        ],
    }
    rendered = []
    for example in EXAMPLES:
        template = get_template(f"public/design/{example.slug.replace('-', '_')}.html")
        rendered.append(
            {
                "example": example,
                "html": SafeString(template.render(context, request)),
                "source": template.template.source.strip(),
            }
        )
    return rendered
