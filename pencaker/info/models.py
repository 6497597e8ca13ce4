"""Public information of an office: announcements, FAQ entries and a few settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InfoSettings(models.Model):
    """What the public pages show besides the Office row (defaults while no row exists)."""

    office = models.OneToOneField(
        "offices.Office", on_delete=models.CASCADE, related_name="info_settings"
    )
    regional_regulation = models.TextField(
        _("regional regulation"),
        blank=True,
        help_text=_("The regional regulation (Perda/Perbup/Perwali) the service rests on."),
    )
    services = models.TextField(_("services"), blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("public information settings")
        verbose_name_plural = _("public information settings")

    def __str__(self) -> str:
        return f"info settings of {self.office_id}"


class Announcement(models.Model):
    """A news item or announcement. Shown from ``publish_at`` until ``unpublish_at``
    (open-ended when empty). The body is plain text: paragraphs are separated by a blank
    line and rendered escaped, never as HTML."""

    office = models.ForeignKey(
        "offices.Office", on_delete=models.CASCADE, related_name="announcements"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    image = models.CharField(max_length=300, blank=True)
    image_content_type = models.CharField(max_length=40, blank=True)
    publish_at = models.DateTimeField(_("publish at"))
    unpublish_at = models.DateTimeField(_("unpublish at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["office", "publish_at"])]

    def __str__(self) -> str:
        return self.title


class FaqEntry(models.Model):
    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="faq")
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))
    position = models.PositiveSmallIntegerField(_("order"), default=100)
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.question
