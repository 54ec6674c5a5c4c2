"""The counter: a walk-in citizen's application, recorded by the operator with the originals in front of them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.log_actions import log

from forms.constants import TRANSITIONS_BY_ACTION, ApplicationStatus, Channel, DeliveryMethod, Processing, StaffRole
from forms.intake.submit import standard_promise
from forms.intake.timeline import status_change_record
from forms.intake.tracking import tracking_number_new
from forms.models import Application, ApplicationFormPage
from forms.office.clock import due_at
from forms.office.roles import user_kecamatan_id, user_roles
from services.models import ServiceStandardPage

from .transitions import application_transition

# A later room's step inside the counter's transaction, once the walk-in is recorded:
# ``@hooks.register("after_counter_record") def step(*, application, by)``; it raises ValidationError to refuse.
AFTER_COUNTER_HOOK = "after_counter_record"


def may_record_at_counter(user) -> bool:
    """An operator records walk-ins for the kecamatan office they sit in."""
    return StaffRole.OPERATOR in user_roles(user) and user_kecamatan_id(user) is not None


def counter_variants() -> list[tuple[object, dict]]:
    """Variants an operator may record at the counter: every variant of a live standard with a live form, any track."""
    form_paths = ApplicationFormPage.objects.live().values_list("path", flat=True)
    # A page's parent is its path minus one step: one query instead of get_parent() per form.
    parent_paths = {path[: -ApplicationFormPage.steplen] for path in form_paths}
    standards = ServiceStandardPage.objects.live().filter(path__in=parent_paths).order_by("title")
    return [(standard, block.value) for standard in standards for block in standard.variants]


def counter_form_page(service, variant_code: str) -> ApplicationFormPage | None:
    """The form whose track and prefix a walk-in follows: its variant's own, else the standard's first live form."""
    forms = ApplicationFormPage.objects.child_of(service).live().order_by("path")
    # A walk-in-only variant (a first KTP-el) has no online form: it runs on the track of the standard's others.
    return forms.filter(variant_code=variant_code).first() or forms.first()


@transaction.atomic
def application_record_at_counter(
    *,
    service,
    variant_code: str,
    by,
    applicant_name: str,
    nik: str,
    kk_number: str,
    mobile: str = "",
    contact_email: str = "",
    delivery_method: str = DeliveryMethod.PICKUP,
    delivery_address: str = "",
    documents_seen: list[str],
) -> Application:
    """A walk-in application: the documents are checked at the counter, so it starts with its requirements met."""
    if not may_record_at_counter(by):
        raise PermissionDenied
    office = user_kecamatan_id(by)
    variant = next((block.value for block in service.variants if block.value["code"] == variant_code), None)
    if variant is None:
        raise ValidationError({"variant": _("Choose one of the service's variants.")})
    missing = [requirement for requirement in variant["requirements"] if requirement not in documents_seen]
    if missing:
        raise ValidationError(
            {
                "documents_seen": _("Every requirement must be shown at the counter. Missing: %(missing)s")
                % {"missing": "; ".join(missing)}
            }
        )
    form_page = counter_form_page(service, variant_code)
    processing = form_page.processing if form_page else Processing.CARD
    # Only a card is handed over or couriered; a document is sent and a visit ends at the counter.
    if processing != Processing.CARD:
        delivery_method = DeliveryMethod.PICKUP
    if delivery_method == DeliveryMethod.COURIER and not delivery_address.strip():
        raise ValidationError({"delivery_address": _("Enter the address the courier should deliver to.")})
    prefix = form_page.tracking_prefix if form_page else ApplicationFormPage._meta.get_field("tracking_prefix").default
    promise = standard_promise(service)
    application = Application.objects.create(
        page=service,
        channel=Channel.COUNTER,
        recorded_by=by,
        form_data={"documents_seen": list(variant["requirements"])},
        tracking_number=tracking_number_new(prefix, timezone.localdate().year),
        service=service,
        service_title=service.title,
        variant_code=variant_code,
        variant_name=variant["name"],
        processing=processing,
        **promise,
        due_at=due_at(timezone.now(), duration=service.duration_value, unit=service.duration_unit),
        applicant_name=applicant_name.strip(),
        nik=nik,
        kk_number=kk_number,
        mobile=mobile,
        contact_email=contact_email,
        kecamatan_id=office,
        delivery_method=delivery_method,
        delivery_address=delivery_address.strip() if delivery_method == DeliveryMethod.COURIER else "",
    )
    status_change_record(
        application, to_status=ApplicationStatus.SUBMITTED, by=by, from_status="", note=_("At the counter")
    )
    log(instance=application, action="intake.record_at_counter", user=by, data={"variant": variant_code})
    for step in hooks.get_hooks(AFTER_COUNTER_HOOK):
        step(application=application, by=by)
    if processing not in TRANSITIONS_BY_ACTION["accept"].tracks:
        # A visit's requirements are checked at the visit itself, which is now: it waits for its activation.
        return application
    # SOP steps 7-9 happened at the counter, with the citizen and the originals in front of the operator.
    return application_transition(
        application=application, action="accept", by=by, expected_status=ApplicationStatus.SUBMITTED
    )
