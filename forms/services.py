"""State changes of an application. Views, admin actions, commands and tests all come through here."""

import logging

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from services.models import Kecamatan

from .builder import ADDRESS_SUFFIX
from .clock import due_at
from .constants import (
    CITY_WIDE_ROLES,
    TRANSITIONS,
    TRANSITIONS_BY_ACTION,
    ApplicationFieldType,
    ApplicationStatus,
    Channel,
    DeliveryMethod,
    Processing,
    StaffRole,
    Transition,
)
from .models import Application, ApplicationDocument, ApplicationVersion, ReturnReason, StatusChange
from .notifications import notify_status_change
from .tracking import tracking_number_new
from .uploads import CleanUpload, private_upload_name
from .validators import validate_visible_text

logger = logging.getLogger(__name__)

STRUCTURED_COLUMNS = {
    ApplicationFieldType.NIK: "nik",
    ApplicationFieldType.KK: "kk_number",
    ApplicationFieldType.MOBILE: "mobile",
}


# What the private storage raises when it is down or refuses a write: S3 through botocore or boto3's transfer
# manager, or the local disk (full, read-only, gone).
STORAGE_ERRORS = (BotoCoreError, ClientError, S3UploadFailedError, OSError)


class UploadsNotStored(Exception):
    """The private storage failed during a submission; what it had already stored of it was deleted again."""


def _private_storage():
    return storages["private"]


def _store_uploads(form, field_names, *, tracking_number, version) -> list[ApplicationDocument]:
    """Store every checked upload under a generated name, or none of them; rows are saved by the caller."""
    documents, in_flight = [], None
    try:
        for name in field_names:
            upload = form.cleaned_data.get(name)
            if not isinstance(upload, CleanUpload):
                continue
            in_flight = private_upload_name(prefix=f"permohonan/{tracking_number}", extension=upload.extension)
            stored_name = _private_storage().save(in_flight, ContentFile(upload.content))
            in_flight = None
            documents.append(
                ApplicationDocument(
                    field_name=name,
                    label=form.fields[name].requirement or str(form.fields[name].label),
                    object_name=stored_name,
                    original_name=upload.original_name,
                    content_type=upload.content_type,
                    size=upload.size,
                    sha256=upload.sha256,
                    version=version,
                )
            )
    except STORAGE_ERRORS as error:
        _discard_stored(documents, in_flight=in_flight)
        logger.warning("Private storage failed while storing %s's uploads", tracking_number, exc_info=True)
        raise UploadsNotStored from error
    except BaseException:
        _discard_stored(documents, in_flight=in_flight)
        raise
    return documents


def _discard_stored(documents, *, in_flight: str | None = None):
    # in_flight: a write that failed may still have landed (a lost response); deleting a missing name is a no-op.
    names = [document.object_name for document in documents] + ([in_flight] if in_flight else [])
    for name in names:
        try:
            _private_storage().delete(name)
        except Exception:  # the row was never saved; private_orphans_sweep deletes what is left after an hour
            logger.exception("Could not delete orphaned upload %s", name)


def _form_values(page, form, field_names) -> tuple[dict, dict]:
    """JSON-safe form data and the structured columns, for the named fields of the page's form."""
    data, columns = {}, {}
    field_types = {field.clean_name: field.field_type for field in page.get_form_fields()}
    for name in field_names:
        value = form.cleaned_data.get(name)
        field_type = field_types.get(name)
        if isinstance(value, CleanUpload):
            data[name] = {"file": value.original_name, "type": value.content_type, "size": value.size}
            continue
        if isinstance(value, Kecamatan):
            columns["kecamatan"] = value
            data[name] = value.name
            continue
        if field_type in STRUCTURED_COLUMNS:
            columns[STRUCTURED_COLUMNS[field_type]] = value or ""
        if field_type == ApplicationFieldType.DELIVERY:
            columns["delivery_method"] = value or DeliveryMethod.PICKUP
            address = (form.cleaned_data.get(name + ADDRESS_SUFFIX) or "").strip()
            columns["delivery_address"] = address if value == DeliveryMethod.COURIER else ""
            data[name + ADDRESS_SUFFIX] = columns["delivery_address"]
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, list | tuple):
            value = list(value)
        data[name] = value
    return data, columns


def _record_change(application, *, to_status, by=None, note="", sop_step=None, from_status=None) -> StatusChange:
    change = StatusChange.objects.create(
        application=application,
        from_status=application.status if from_status is None else from_status,
        to_status=to_status,
        by=by,
        note=note,
        sop_step=sop_step,
    )
    application.status = to_status
    application.status_changed_at = change.at
    application.save(update_fields=["status", "status_changed_at", "updated_at"])
    transaction.on_commit(lambda: notify_status_change(application=application, change=change))
    return change


def application_submit(*, page, applicant, form) -> Application:
    """Create the application from a valid form; the same submission token always yields the same application."""
    token = form.cleaned_data["submission_token"]
    existing = Application.objects.filter(submission_token=token).first()
    if existing is not None:
        if existing.applicant_id != applicant.pk:
            raise PermissionDenied
        return existing

    service = page.service
    variant = page.variant() or {}
    field_names = [name for name in form.fields if name != "submission_token"]
    data, columns = _form_values(page, form, field_names)
    tracking_number = tracking_number_new(page.tracking_prefix, timezone.localdate().year)
    documents = _store_uploads(form, form.document_fields(), tracking_number=tracking_number, version=1)
    profile = getattr(applicant, "citizen_profile", None)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                page=page,
                form_data=data,
                tracking_number=tracking_number,
                applicant=applicant,
                service=service,
                service_title=service.title,
                variant_code=page.variant_code,
                variant_name=variant.get("name", page.title),
                processing=page.processing,
                due_at=due_at(timezone.now()),
                applicant_name=profile.full_name if profile else applicant.get_full_name(),
                submission_token=token,
                **columns,
            )
            for document in documents:
                document.application = application
            ApplicationDocument.objects.bulk_create(documents)
            if page.processing == Processing.VISIT:
                from .visits.services import visit_book_for_submission

                visit_book_for_submission(application=application, form=form)  # refuses a full day: nothing saved
            _record_change(application, to_status=ApplicationStatus.SUBMITTED, by=applicant, from_status="")
    except IntegrityError:
        # A concurrent double submit won the race: keep its application, drop this one's files.
        _discard_stored(documents)
        return Application.objects.get(submission_token=token, applicant=applicant)
    except Exception:
        _discard_stored(documents)
        raise
    return application


@transaction.atomic
def application_resubmit(*, application, applicant, form) -> Application:
    """The citizen's correction: keep the previous version, replace only the fields that were returned."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.applicant_id != applicant.pk:
        raise PermissionDenied
    if application.status != ApplicationStatus.RETURNED:
        raise ValidationError(_("This application is not waiting for your correction."), code="not_returned")
    field_names = [name for name in form.fields if name != "submission_token"]
    page = application.page.specific
    data, columns = _form_values(page, form, field_names)
    new_version = application.version + 1
    documents = _store_uploads(
        form, form.document_fields(), tracking_number=application.tracking_number, version=new_version
    )
    try:
        ApplicationVersion.objects.create(
            application=application, version=application.version, form_data=application.form_data
        )
        replaced = [document.field_name for document in documents]
        application.documents.filter(field_name__in=replaced, is_current=True).update(is_current=False)
        for document in documents:
            document.application = application
        ApplicationDocument.objects.bulk_create(documents)
        application.form_data = {**application.form_data, **data}
        application.version = new_version
        # The time the application spent with the citizen does not count against the office.
        application.due_at = due_at(timezone.now())
        for column, value in columns.items():
            setattr(application, column, value)
        application.save()
        _record_change(application, to_status=ApplicationStatus.SUBMITTED, by=applicant, note=_("Resubmitted"))
    except Exception:
        _discard_stored(documents)
        raise
    return application


class StaleTransition(ValidationError):
    """Someone else moved the application first; nothing was changed."""


def user_roles(user) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(user.groups.values_list("name", flat=True)) & set(StaffRole.values)


def user_kecamatan_id(user):
    profile = getattr(user, "staff_profile", None)
    return profile.kecamatan_id if profile else None


def user_may_see(user, application) -> bool:
    """City-wide roles see every kecamatan; an operator only their own office's applications."""
    roles = user_roles(user)
    if roles & CITY_WIDE_ROLES:
        return True
    office = user_kecamatan_id(user)
    return StaffRole.OPERATOR in roles and office is not None and application.kecamatan_id == office


def allowed_transitions(*, application, user) -> list[Transition]:
    """Exactly the moves this user may make on this application now."""
    if not user_may_see(user, application):
        return []
    roles = user_roles(user)
    return [
        t
        for t in TRANSITIONS
        if application.status in t.sources
        and application.processing in t.tracks
        and t.role in roles
        and not (t.online_only and application.channel == Channel.COUNTER)
    ]


@transaction.atomic
def application_transition(
    *,
    application,
    action: str,
    by,
    expected_status: str,
    note: str = "",
    reasons: list[tuple[str, str]] | None = None,
    siak_reference: str = "",
) -> Application:
    """Make one SOP step: check role and kecamatan, refuse a stale action, record, audit and notify."""
    transition = TRANSITIONS_BY_ACTION.get(action)
    if transition is None:
        raise ValidationError(_("Unknown action."), code="unknown_action")
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if not user_may_see(by, locked) or transition.role not in user_roles(by):
        raise PermissionDenied
    if locked.status != expected_status:
        raise StaleTransition(
            _("Someone else has already moved this application to “%(status)s”. Reload the page to see it."),
            code="stale",
            params={"status": locked.get_status_display()},
        )
    if (
        locked.status not in transition.sources
        or locked.processing not in transition.tracks
        or (transition.online_only and locked.channel == Channel.COUNTER)
    ):
        raise ValidationError(_("This step is not possible for this application now."), code="not_allowed")
    if transition.needs_reasons and not reasons:
        raise ValidationError(_("Give at least one reason, for the requirement that failed."), code="no_reasons")
    # The note and reasons reach the citizen's timeline and e-mail: nothing hidden or reordered in them.
    for text in [note, siak_reference, *(reason for _name, reason in reasons or [])]:
        validate_visible_text(text)
    if transition.needs_note and not note.strip():
        raise ValidationError(_("Give the reason."), code="no_note")
    if transition.needs_siak_reference:
        if not siak_reference.strip():
            raise ValidationError(_("Enter the SIAK reference of the entry."), code="no_siak_reference")
        locked.siak_reference = siak_reference.strip()
        locked.save(update_fields=["siak_reference", "updated_at"])
    change = _record_change(
        locked,
        to_status=transition.target,
        by=by,
        note=note,
        sop_step=transition.sop_steps[-1] if transition.sop_steps else None,
    )
    if reasons:
        form_fields = {field.clean_name: field for field in locked.page.specific.get_form_fields()}
        ReturnReason.objects.bulk_create(
            ReturnReason(
                status_change=change,
                field_name=name,
                requirement=(form_fields[name].requirement or form_fields[name].label) if name in form_fields else name,
                reason=reason,
            )
            for name, reason in reasons
        )
    log(
        instance=locked,
        action=f"intake.{transition.action}",
        user=by,
        data={"from": expected_status, "to": transition.target, "sop_steps": list(transition.sop_steps)},
    )
    return locked


def application_return(*, application, by, reasons: list[tuple[str, str]]) -> Application:
    """Send the application back to the citizen with one reason per failed requirement (SOP steps 7-9)."""
    return application_transition(
        application=application, action="return", by=by, expected_status=ApplicationStatus.SUBMITTED, reasons=reasons
    )


def counter_variants() -> list[tuple[object, dict]]:
    """Variants an operator may record at the counter: every variant of a standard whose product is a card."""
    from services.models import ServiceStandardPage

    from .models import ApplicationFormPage

    card_forms = ApplicationFormPage.objects.live().filter(processing=Processing.CARD).values_list("path", flat=True)
    # A page's parent is its path minus one step: one query instead of get_parent() per form.
    parent_paths = {path[: -ApplicationFormPage.steplen] for path in card_forms}
    standards = ServiceStandardPage.objects.live().filter(path__in=parent_paths).order_by("title")
    return [(standard, block.value) for standard in standards for block in standard.variants]


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
    from .models import ApplicationFormPage

    roles = user_roles(by)
    office = user_kecamatan_id(by)
    if StaffRole.OPERATOR not in roles or office is None:
        raise PermissionDenied
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
    if delivery_method == DeliveryMethod.COURIER and not delivery_address.strip():
        raise ValidationError({"delivery_address": _("Enter the address the courier should deliver to.")})
    form_page = ApplicationFormPage.objects.child_of(service).filter(variant_code=variant_code).first()
    prefix = form_page.tracking_prefix if form_page else ApplicationFormPage._meta.get_field("tracking_prefix").default
    now = timezone.now()
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
        processing=form_page.processing if form_page else Processing.CARD,
        due_at=due_at(now),
        applicant_name=applicant_name.strip(),
        nik=nik,
        kk_number=kk_number,
        mobile=mobile,
        contact_email=contact_email,
        kecamatan_id=office,
        delivery_method=delivery_method,
        delivery_address=delivery_address.strip() if delivery_method == DeliveryMethod.COURIER else "",
    )
    _record_change(application, to_status=ApplicationStatus.SUBMITTED, by=by, from_status="", note=_("At the counter"))
    log(instance=application, action="intake.record_at_counter", user=by, data={"variant": variant_code})
    # SOP steps 7-9 happened at the counter, with the citizen and the originals in front of the operator.
    return application_transition(
        application=application, action="accept", by=by, expected_status=ApplicationStatus.SUBMITTED
    )
