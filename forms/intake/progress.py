"""The citizen's view of an application's path: every step of its track, done, current (with its deadline) or to come.

The steps are data, one list per way an application ends (forms.constants.Processing and the delivery chosen), in
the order of the online SOP (domain.md sections 3 and 8); each step is named by the status it reaches. The wording
fits the product of the standard and the case (variant): what to bring at pickup is the variant's own list.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.constants import FINAL_STATUSES, ApplicationStatus, DeliveryMethod, Processing
from forms.office.clock import office_hours

S = ApplicationStatus

# Who takes a step: the citizen, or the role the SOP and Lampiran I name.
YOU, OPERATOR, VERIFIER, HEAD_OF_OFFICE = "you", "operator", "verifier", "head_of_office"


@dataclass(frozen=True)
class StepDefinition:
    reaches: str
    title: str
    actor: str
    text: str


def _definitions():
    submitted = StepDefinition(S.SUBMITTED, gettext_lazy("Application sent"), YOU, "")
    checked = StepDefinition(
        S.ACCEPTED,
        gettext_lazy("Requirements checked"),
        OPERATOR,
        gettext_lazy(
            "An operator checks your data and documents against the requirements. If something does not match, "
            "the application comes back to you with the reasons."
        ),
    )
    siak = StepDefinition(
        S.SIAK_ENTERED,
        gettext_lazy("Data entered in SIAK"),
        OPERATOR,
        gettext_lazy("The operator enters your application in SIAK, the national population system."),
    )
    archived = StepDefinition(
        S.ARCHIVED,
        gettext_lazy("File archived"),
        OPERATOR,
        gettext_lazy("The office archives the application's file. Nothing more is needed from you."),
    )
    printed = StepDefinition(
        S.READY_FOR_PICKUP,
        gettext_lazy("%(product)s printed"),
        OPERATOR,
        gettext_lazy("The operator prints your %(product)s at the kecamatan."),
    )
    card = [
        submitted,
        checked,
        siak,
        StepDefinition(
            S.PRINT_APPROVED,
            gettext_lazy("Printing approved"),
            VERIFIER,
            gettext_lazy("The verifier checks the SIAK entry and approves printing."),
        ),
        printed,
    ]
    return {
        (Processing.CARD, DeliveryMethod.PICKUP): [
            *card,
            StepDefinition(S.HANDED_OVER, gettext_lazy("Collected at the kecamatan"), YOU, ""),
            archived,
        ],
        (Processing.CARD, DeliveryMethod.COURIER): [
            *card,
            StepDefinition(
                S.IN_DELIVERY,
                gettext_lazy("Given to the courier"),
                OPERATOR,
                gettext_lazy("The operator gives your %(product)s to the courier for the address you gave."),
            ),
            StepDefinition(
                S.HANDED_OVER,
                gettext_lazy("Received from the courier"),
                YOU,
                gettext_lazy("The courier hands it to you at the address you gave."),
            ),
            archived,
        ],
        (Processing.DIGITAL, None): [
            submitted,
            checked,
            siak,
            StepDefinition(
                S.CERTIFICATION_REQUESTED,
                gettext_lazy("Verified and sent for certification"),
                VERIFIER,
                gettext_lazy("The verifier checks the SIAK entry and asks the head of office to certify it."),
            ),
            StepDefinition(
                S.CERTIFIED,
                gettext_lazy("Document certified"),
                HEAD_OF_OFFICE,
                gettext_lazy("The head of office certifies your %(product)s."),
            ),
            StepDefinition(
                S.SENT,
                gettext_lazy("Document sent"),
                OPERATOR,
                gettext_lazy("The operator sends you the certified document by e-mail and on this page."),
            ),
            archived,
        ],
        (Processing.VISIT, None): [
            StepDefinition(S.SUBMITTED, gettext_lazy("Visit booked"), YOU, ""),
            StepDefinition(
                S.HANDED_OVER,
                gettext_lazy("Digital ID (IKD) activated at the kecamatan"),
                YOU,
                gettext_lazy(
                    "Come on the day you chose with your KTP-el and your phone. The operator scans your QR code "
                    "and you activate your digital ID."
                ),
            ),
            archived,
        ],
    }


@dataclass(frozen=True)
class Step:
    """One step as the citizen reads it; ``state`` is "done", "current", "todo" or "ended" (a closed path)."""

    reaches: str
    title: str
    actor: str
    text: str
    state: str
    at: datetime | None = None
    due: datetime | None = None
    # The pickup step's place and what to bring; empty for every other step.
    bring: list[str] = field(default_factory=list)
    pickup: bool = False

    @property
    def is_current(self):
        return self.state == "current"


def office_hours_text() -> str:
    """When the kecamatan offices serve citizens, from the office clock's settings."""
    opens, closes = office_hours()
    return _("Monday to Friday, %(opens)s–%(closes)s WITA, except public holidays and joint-leave days") % {
        "opens": time_format(opens, "H.i"),
        "closes": time_format(closes, "H.i"),
    }


def application_variant(application) -> dict:
    """The standard's variant the application was made for, as the standard says it now; empty if it is gone."""
    service = application.service
    for block in service.variants if service else []:
        if block.value["code"] == application.variant_code:
            return block.value
    return {}


def actor_name(actor: str, application) -> str:
    if actor == YOU:
        return _("You")
    if actor == VERIFIER:
        return _("Verifier (Verifikator)")
    if actor == HEAD_OF_OFFICE:
        return _("Head of office (Kepala Dinas)")
    if application.kecamatan_id:
        return _("Operator of Kecamatan %(name)s") % {"name": application.kecamatan.name}
    return _("Kecamatan operator")


def _track(application, history) -> tuple[list[StepDefinition], bool]:
    """The application's steps, and whether it ends with the citizen collecting it at the kecamatan."""
    definitions = _definitions()
    if application.processing == Processing.CARD:
        by_courier = application.delivery_method == DeliveryMethod.COURIER or any(
            change.to_status == S.IN_DELIVERY for change in history
        )
        delivery = DeliveryMethod.COURIER if by_courier else DeliveryMethod.PICKUP
        return definitions[(Processing.CARD, delivery)], not by_courier
    return definitions.get((application.processing, None), definitions[(Processing.DIGITAL, None)]), False


def _reached(track, status, history) -> int:
    """The index of the last step done on the track."""
    keys = [step.reaches for step in track]
    if status == S.RETURNED:
        return 0
    if status == S.REJECTED:
        rejected = [change for change in history if change.to_status == S.REJECTED]
        status = rejected[-1].from_status if rejected else S.SUBMITTED
        if status == S.RETURNED:
            return 0
    return keys.index(status) if status in keys else 0


def application_progress(application, history=None) -> list[Step]:
    """Every step of the application's track in order, each done, current or to come."""
    history = list(application.history.all() if history is None else history)
    track, collected = _track(application, history)
    reached = _reached(track, application.status, history)
    product = application.service.product if application.service else _("document")
    variant = application_variant(application)
    bring = [_("this receipt (printed or on your phone)"), *variant.get("collect_with", [])]
    office_holds = application.status not in FINAL_STATUSES
    done_at = {}
    for change in history:
        done_at[change.to_status] = change.at  # the last time each status was reached counts
    steps = []
    for index, definition in enumerate(track):
        pickup = collected and definition.reaches == S.HANDED_OVER
        if index <= reached:
            state = "done"
        elif index == reached + 1 and application.status not in (S.RETURNED, S.REJECTED):
            state = "current"
        else:
            state = "todo"
        text = definition.text % {"product": product} if definition.text else ""
        steps.append(
            Step(
                reaches=definition.reaches,
                title=str(definition.title) % {"product": product},
                actor=actor_name(definition.actor, application),
                text=text,
                state=state,
                at=done_at.get(definition.reaches) if state == "done" else None,
                # The office's deadline stands while the office holds the application; it stops with the citizen.
                due=application.due_at if state == "current" and office_holds and definition.actor != YOU else None,
                bring=bring if pickup else [],
                pickup=pickup,
            )
        )
    if application.status == S.RETURNED:
        steps.insert(
            reached + 1,
            Step(
                reaches=S.RETURNED,
                title=_("Correct and resubmit"),
                actor=actor_name(YOU, application),
                text=_("Some requirements do not match. Correct what is named and submit again."),
                state="current",
                at=done_at.get(S.RETURNED),
            ),
        )
    if application.status == S.REJECTED:
        steps = steps[: reached + 1] + [
            Step(
                reaches=S.REJECTED,
                title=str(S.REJECTED.label),
                actor=actor_name(VERIFIER, application),
                text=_("The application was rejected. The reason is given in the history below."),
                state="ended",
                at=done_at.get(S.REJECTED),
            )
        ]
    return steps


def next_step(steps: list[Step]) -> Step | None:
    """The step the application waits on now; None once it is finished or closed."""
    return next((step for step in steps if step.state == "current"), None)
