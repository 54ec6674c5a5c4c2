"""Kinds of blank-card ledger lines and the choices that describe them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerKind(models.TextChoices):
    RECEIVED = "received", _("Received from the office")
    ISSUED = "issued", _("Issued: card printed")
    SPOILED = "spoiled", _("Spoiled blank")
    OLD_CARD = "old_card", _("Old KTP-el collected")
    RETURNED = "returned", _("Returned to the office for destruction")
    TRANSFER_OUT = "transfer_out", _("Sent to another kecamatan")
    TRANSFER_IN = "transfer_in", _("Received from another kecamatan")
    # Blanks received before the book kept serials get their numbers; the stock does not change.
    SERIALS_NAMED = "serials_nmd", _("Serials recorded for blanks already in stock")


class SpoilReason(models.TextChoices):
    FAILED_PRINT = "failed_print", _("Failed print")
    DAMAGED = "damaged", _("Blank damaged")


class ShipmentMethod(models.TextChoices):
    DIRECT = "direct", _("Delivered directly")
    COURIER = "courier", _("By courier")


class SerialState(models.TextChoices):
    """Where one numbered blank stands; a blank "in stock" is the only one that may be printed or spoiled."""

    IN_STOCK = "in_stock", _("In stock")
    ISSUED = "issued", _("Issued: card printed")
    SPOILED = "spoiled", _("Spoiled")
    WITHDRAWN = "withdrawn", _("Withdrawn by a correction of the receipt")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the receiving office")
    CONFIRMED = "confirmed", _("Received")
    REFUSED = "refused", _("Refused")


# Kinds that change the stock of usable blanks: stock = received - issued - spoiled + transferred in - out.
STOCK_SIGN = {
    LedgerKind.RECEIVED: 1,
    LedgerKind.ISSUED: -1,
    LedgerKind.SPOILED: -1,
    LedgerKind.TRANSFER_IN: 1,
    LedgerKind.TRANSFER_OUT: -1,
}
