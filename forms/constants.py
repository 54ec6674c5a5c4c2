"""Statuses of an application and the field types citizens' forms may use."""

from dataclasses import dataclass

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
    # What to bring differs by case (a lost card cannot be brought): the steps on the application's page say it.
    ApplicationStatus.READY_FOR_PICKUP: _("Your card has been printed and is ready at the kecamatan office."),
    ApplicationStatus.IN_DELIVERY: _("Your card is on its way to you by courier."),
    ApplicationStatus.SENT: _("Your document has been sent to you."),
    ApplicationStatus.HANDED_OVER: _("You have received your document. Thank you."),
    ApplicationStatus.ARCHIVED: _("The application is complete and its file has been archived."),
    ApplicationStatus.REJECTED: _("The application was rejected. The reason is given below."),
}

# The statuses in which the citizen may change the application.
CITIZEN_EDITABLE = {ApplicationStatus.RETURNED}


class Channel(models.TextChoices):
    """Where the application was made: online by the citizen, or recorded by an operator at the counter."""

    ONLINE = "online", _("Online")
    COUNTER = "counter", _("Walk-in at the counter")


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", _("Pick up at the kecamatan office")
    COURIER = "courier", _("Delivery by courier")


# The file types the upload checks can verify, with the extension a stored file gets.
ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
# What staff read for each of them, instead of the MIME type.
FILE_TYPE_LABELS = {
    "application/pdf": _("PDF document"),
    "image/jpeg": _("JPEG image"),
    "image/png": _("PNG image"),
}


def file_type_label(content_type: str) -> str:
    """The human name of an upload's type; a type from before the checks existed shows as stored."""
    return str(FILE_TYPE_LABELS.get(content_type, content_type))


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
    DELIVERY_ADDRESS = "delivery_address", _("Delivery address")
    VISIT_DATE = "visit_date", _("IKD visit day")


class ConditionScope(models.TextChoices):
    """What an editor's "show only when" hides: the one field, or the whole step that the field starts."""

    FIELD = "field", _("this field")
    STEP = "step", _("the step this field starts")


class AccountPrefill(models.TextChoices):
    """What of the citizen's account a field starts with (the citizen may change it)."""

    NONE = "", _("nothing")
    NAME = "name", _("the account's full name")
    EMAIL = "email", _("the account's e-mail address")
    MOBILE = "mobile", _("the account's mobile number")


class Processing(models.TextChoices):
    """How an application ends (domain.md section 8): a printed card, a sent document, or a visit."""

    CARD = "card", _("KTP-el printed at the kecamatan")
    DIGITAL = "digital", _("Digital document, certified and sent")
    VISIT = "visit", _("Visit to the kecamatan (IKD activation)")


class StaffRole(models.TextChoices):
    """Lampiran I's roles; each value is the name of the seeded Django group."""

    OPERATOR = "Operator", _("Operator")
    VERIFIER = "Verifikator", _("Verifier")
    SECTION_HEAD = "Kepala Satuan Kerja Pelaksana", _("Head of the implementing unit")
    SIAK_ADMIN = "Administrator SIAK", _("SIAK administrator")
    HEAD_OF_OFFICE = "Penanggungjawab", _("Head of office")
    CONTENT_EDITOR = "Editor Konten", _("Content editor")


@dataclass(frozen=True)
class Transition:
    """One move the SOP allows: who makes it and which SOP steps it stands for."""

    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    role: str
    sop_steps: tuple[int, ...]
    tracks: tuple[str, ...] = (Processing.CARD, Processing.DIGITAL)
    needs_reasons: bool = False
    needs_note: bool = False
    needs_siak_reference: bool = False
    # Made on its own screen (print queue, hand-over, visit list) by its own service, never as a review button.
    own_screen: bool = False
    # A walk-in application has no online form to correct: the citizen comes back to the counter instead.
    online_only: bool = False
    # Carries the case on to its next step. Rejection is not one: the Verifikator may end a case at any step, and
    # that makes no case theirs to hold (forms.review.holding).
    forward: bool = True

    @property
    def standard_minutes(self) -> int:
        """The seeded SOP's minutes for these steps; a standard's own published SOP comes first (review.transitions)."""
        return sum(SOP_STEP_MINUTES[step] for step in self.sop_steps)


# The standard minutes of the online SOP (seed 001) per activity: read only for a step the standard's SOP lacks.
SOP_STEP_MINUTES = {7: 2, 8: 2, 9: 2, 10: 5, 11: 2, 12: 2, 14: 2, 15: 2, 16: 5}


S = ApplicationStatus
TRANSITIONS = (
    Transition(
        "return",
        _("Return for correction"),
        (S.SUBMITTED,),
        S.RETURNED,
        StaffRole.OPERATOR,
        (7, 8, 9),
        needs_reasons=True,
        online_only=True,
    ),
    Transition("accept", _("Requirements met"), (S.SUBMITTED,), S.ACCEPTED, StaffRole.OPERATOR, (7, 8, 9)),
    Transition(
        "enter_siak",
        _("Record SIAK entry"),
        (S.ACCEPTED,),
        S.SIAK_ENTERED,
        StaffRole.OPERATOR,
        (10,),
        needs_siak_reference=True,
    ),
    # Lampiran I: the Verifikator approves printing; a KTP-el is not certified (domain.md section 8).
    Transition(
        "approve_print",
        _("Approve printing"),
        (S.SIAK_ENTERED,),
        S.PRINT_APPROVED,
        StaffRole.VERIFIER,
        (11,),
        tracks=(Processing.CARD,),
    ),
    Transition(
        "request_certification",
        _("Verify and request certification"),
        (S.SIAK_ENTERED,),
        S.CERTIFICATION_REQUESTED,
        StaffRole.VERIFIER,
        (11, 12),
        tracks=(Processing.DIGITAL,),
    ),
    # The certified PDF is attached on the documents room's screen, which stamps and stores it (forms/documents).
    Transition(
        "certify",
        _("Certify the document"),
        (S.CERTIFICATION_REQUESTED,),
        S.CERTIFIED,
        StaffRole.HEAD_OF_OFFICE,
        (14,),
        tracks=(Processing.DIGITAL,),
        own_screen=True,
    ),
    Transition(
        "send",
        _("Send the document"),
        (S.CERTIFIED,),
        S.SENT,
        StaffRole.OPERATOR,
        (15,),
        tracks=(Processing.DIGITAL,),
    ),
    # Print dispatch at the kecamatan (Lampiran I: the operator prints KTP-el); no SOP step numbers these.
    Transition(
        "print",
        _("Card printed"),
        (S.PRINT_APPROVED,),
        S.READY_FOR_PICKUP,
        StaffRole.OPERATOR,
        (),
        tracks=(Processing.CARD,),
        own_screen=True,
    ),
    Transition(
        "hand_over",
        _("Handed over at the counter"),
        (S.READY_FOR_PICKUP,),
        S.HANDED_OVER,
        StaffRole.OPERATOR,
        (),
        tracks=(Processing.CARD,),
        own_screen=True,
    ),
    Transition(
        "courier_dispatch",
        _("Given to the courier"),
        (S.READY_FOR_PICKUP,),
        S.IN_DELIVERY,
        StaffRole.OPERATOR,
        (),
        tracks=(Processing.CARD,),
        own_screen=True,
    ),
    Transition(
        "courier_deliver",
        _("Delivered by the courier"),
        (S.IN_DELIVERY,),
        S.HANDED_OVER,
        StaffRole.OPERATOR,
        (),
        tracks=(Processing.CARD,),
        own_screen=True,
    ),
    # IKD: the citizen's QR code was scanned at the kecamatan and the digital ID activated.
    Transition(
        "ikd_activate",
        _("IKD activated"),
        (S.SUBMITTED,),
        S.HANDED_OVER,
        StaffRole.OPERATOR,
        (),
        tracks=(Processing.VISIT,),
        own_screen=True,
    ),
    Transition(
        "archive",
        _("Archive"),
        (S.SENT, S.HANDED_OVER),
        S.ARCHIVED,
        StaffRole.OPERATOR,
        (16,),
        tracks=(Processing.CARD, Processing.DIGITAL, Processing.VISIT),
    ),
    Transition(
        "reject",
        _("Reject"),
        (S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.SIAK_ENTERED),
        S.REJECTED,
        StaffRole.VERIFIER,
        (),
        needs_note=True,
        forward=False,
    ),
)
TRANSITIONS_BY_ACTION = {transition.action: transition for transition in TRANSITIONS}


def roles_moving(status: str, processing: str, channel: str) -> set[str]:
    """The roles that make a next step from `status` on this track: who the case waits for."""
    return {
        t.role
        for t in TRANSITIONS
        if t.forward
        and status in t.sources
        and processing in t.tracks
        and not (t.online_only and channel == Channel.COUNTER)
    }


# Where the office's clock stops: the citizen has the card or document, or the application is closed.
FINAL_STATUSES = (
    ApplicationStatus.READY_FOR_PICKUP,
    ApplicationStatus.IN_DELIVERY,
    ApplicationStatus.SENT,
    ApplicationStatus.HANDED_OVER,
    ApplicationStatus.ARCHIVED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.RETURNED,
)
# "Returned" stops the clock only until the citizen resubmits: the report's "finished" is the first of the others.
CLOCK_STOPPED_STATUSES = tuple(status for status in FINAL_STATUSES if status != ApplicationStatus.RETURNED)

# Nothing left for the office to do: the citizen has the card or document, or the application is closed. Dashboards
# count every other status as waiting.
CLOSED_STATUSES = (
    ApplicationStatus.SENT,
    ApplicationStatus.HANDED_OVER,
    ApplicationStatus.ARCHIVED,
    ApplicationStatus.REJECTED,
)

# Where a track's words differ from STATUS_MEANINGS: a card is collected, a document is sent, an IKD is activated on
# the visit. A digital document's statuses already speak of the document.
TRACK_STATUS_MEANINGS = {
    Processing.CARD: {
        ApplicationStatus.HANDED_OVER: _("You have received your card. Thank you."),
    },
    Processing.DIGITAL: {},
    Processing.VISIT: {
        ApplicationStatus.SUBMITTED: _(
            "Your visit is booked. Come to the kecamatan office on the day you chose, with your KTP-el and your "
            "phone, to activate your digital ID (IKD)."
        ),
        ApplicationStatus.HANDED_OVER: _("Your digital ID (IKD) has been activated. Thank you."),
    },
}


def status_meaning(status: str, processing: str) -> str:
    """What the status means for the citizen of an application on this processing track."""
    return TRACK_STATUS_MEANINGS.get(processing, {}).get(status) or STATUS_MEANINGS.get(status, "")
