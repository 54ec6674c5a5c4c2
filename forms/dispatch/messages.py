"""The dispatch room's messages to staff, sent through the messenger (by e-mail, as staff messages are)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.messaging.kinds import MessageKind, message_kind_register

LOW_STOCK = message_kind_register(
    MessageKind(
        key="dispatch.low_stock",
        label=gettext_lazy("Blank-card stock low"),
        email_subject=lambda context: (
            _("Blank-card stock low at %(kecamatan)s: %(stock)s left")
            % {"kecamatan": context["kecamatan"].name, "stock": context["stock"]}
        ),
        email_body="dispatch/email/low_stock.txt",
    )
)
CHAIN_BROKEN = message_kind_register(
    MessageKind(
        key="dispatch.chain_broken",
        label=gettext_lazy("Blank-card book altered"),
        email_subject=lambda context: (
            _("Blank-card book of %(kecamatan)s altered outside the portal") % {"kecamatan": context["kecamatan"].name}
        ),
        email_body="dispatch/email/chain_broken.txt",
    )
)
WEEKLY_RETURN_DUE = message_kind_register(
    MessageKind(
        key="dispatch.weekly_return_due",
        label=gettext_lazy("Weekly return due"),
        email_subject=lambda context: (
            _("Weekly return due today at %(kecamatan)s") % {"kecamatan": context["kecamatan"].name}
        ),
        email_body="dispatch/email/weekly_return_due.txt",
    )
)
RESTOCK_REQUEST = message_kind_register(
    MessageKind(
        key="dispatch.restock_request",
        label=gettext_lazy("Restock request"),
        email_subject=lambda context: (
            _("Restock request: blanks at %(kecamatan)s last about %(days)s working days")
            % {"kecamatan": context["request"].kecamatan.name, "days": context["request"].days_left}
        ),
        email_body="dispatch/email/restock_request.txt",
    )
)
