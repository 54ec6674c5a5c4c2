"""Kinds of blank-card ledger lines and the choices that describe them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerKind(models.TextChoices):
    RECEIVED = "received", _("Received from the office")
    ISSUED = "issued", _("Issued: card printed")
    SPOILED = "spoiled", _("Spoiled blank")
    OLD_CARD = "old_card", _("Old KTP-el collected")
    RETURNED = "returned", _("Returned to the office for destruction")


class SpoilReason(models.TextChoices):
    FAILED_PRINT = "failed_print", _("Failed print")
    DAMAGED = "damaged", _("Blank damaged")


class ShipmentMethod(models.TextChoices):
    DIRECT = "direct", _("Delivered directly")
    COURIER = "courier", _("By courier")


# Kinds that change the stock of usable blanks: stock = received - issued - spoiled.
STOCK_SIGN = {LedgerKind.RECEIVED: 1, LedgerKind.ISSUED: -1, LedgerKind.SPOILED: -1}
