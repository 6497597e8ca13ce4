from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency/City")
    DISTRICT = "district", _("District (kecamatan)")
    VILLAGE = "village", _("Village (kelurahan/desa)")


class Region(models.Model):
    """A Kemendagri administrative region: province, kabupaten/kota, kecamatan or
    kelurahan/desa, keyed by its official dotted code (``16``, ``16.71``, ``16.71.01``,
    ``16.71.01.1001``). One table for the four levels: they share shape and the address
    picker walks parent → children (see docs/adr/0002-one-region-table.md).
    """

    code = models.CharField(max_length=13, primary_key=True)
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    kind = models.CharField(max_length=12, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=["province", "regency", "district", "village"]),
                name="region_level_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name
