"""Statuses of an application and the field types citizens' forms may use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    """domain.md section 8: one vocabulary from submission to archive; labels as the citizen reads them."""

    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", _("Requirements met")
    SIAK_ENTERED = "siak_entered", _("Data entered in SIAK")
    PRINT_APPROVED = "print_approved", _("Approved for printing")
    CERTIFICATION_REQUESTED = "certification_requested", _("Submitted for certification")
    CERTIFIED = "certified", _("Document certified")
    READY_FOR_PICKUP = "ready_for_pickup", _("Ready for pickup at the kecamatan")
    IN_DELIVERY = "in_delivery", _("Sent by courier")
    SENT = "sent", _("Document sent")
    HANDED_OVER = "handed_over", _("Handed over")
    ARCHIVED = "archived", _("Archived")
    REJECTED = "rejected", _("Rejected")


# What each status means for the citizen, in plain words, shown on the timeline.
STATUS_MEANINGS = {
    ApplicationStatus.SUBMITTED: _(
        "Your application has been received. An operator at the kecamatan will check your requirements."
    ),
    ApplicationStatus.RETURNED: _(
        "Some requirements do not match. Read the reasons below, correct what is named and submit again."
    ),
    ApplicationStatus.ACCEPTED: _("Your requirements are complete and correct. Your data will now be entered in SIAK."),
    ApplicationStatus.SIAK_ENTERED: _("Your data has been entered in the national population system (SIAK)."),
    ApplicationStatus.PRINT_APPROVED: _("The verifier has approved printing your card."),
    ApplicationStatus.CERTIFICATION_REQUESTED: _("Your document is waiting for certification by the head of office."),
    ApplicationStatus.CERTIFIED: _("Your document has been certified."),
    ApplicationStatus.READY_FOR_PICKUP: _(
        "Your card is ready. Bring your receipt and your old card to the kecamatan office to collect it."
    ),
    ApplicationStatus.IN_DELIVERY: _("Your card is on its way to you by courier."),
    ApplicationStatus.SENT: _("Your document has been sent to you."),
    ApplicationStatus.HANDED_OVER: _("You have received your document. Thank you."),
    ApplicationStatus.ARCHIVED: _("The application is complete and its file has been archived."),
    ApplicationStatus.REJECTED: _("The application was rejected. The reason is given below."),
}

# The statuses in which the citizen may change the application.
CITIZEN_EDITABLE = {ApplicationStatus.RETURNED}


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", _("Pick up at the kecamatan office")
    COURIER = "courier", _("Delivery by courier")


class ApplicationFieldType(models.TextChoices):
    """Wagtail's built-in field types plus the ones an Adminduk application needs."""

    SINGLELINE = "singleline", _("Single line text")
    MULTILINE = "multiline", _("Multi-line text")
    EMAIL = "email", _("Email")
    NUMBER = "number", _("Number")
    CHECKBOX = "checkbox", _("Checkbox")
    CHECKBOXES = "checkboxes", _("Checkboxes")
    DROPDOWN = "dropdown", _("Drop down")
    RADIO = "radio", _("Radio buttons")
    DATE = "date", _("Date")
    DOCUMENT = "document", _("Document upload")
    NIK = "nik", _("NIK")
    KK = "kk", _("KK number")
    MOBILE = "mobile", _("Indonesian mobile number")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DELIVERY = "delivery", _("Pickup or courier")


# Fields whose value the application keeps as structured columns, not only in form_data.
STRUCTURED_FIELD_TYPES = {
    ApplicationFieldType.NIK,
    ApplicationFieldType.KK,
    ApplicationFieldType.MOBILE,
    ApplicationFieldType.KECAMATAN,
    ApplicationFieldType.DELIVERY,
    ApplicationFieldType.DOCUMENT,
}


class DocumentType(models.TextChoices):
    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
