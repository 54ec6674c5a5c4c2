"""The citizen's submit and resubmit: an application, its documents and its first step on the timeline, or nothing."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from forms.constants import ApplicationFieldType, ApplicationStatus, DeliveryMethod
from forms.models import Application, ApplicationDocument, ApplicationDraft, ApplicationVersion
from forms.office.clock import due_at
from forms.office.storage import STORAGE_ERRORS, UploadsNotStored, private_storage
from services.models import Kecamatan

from .steps import ADDRESS_SUFFIX
from .timeline import status_change_record
from .tracking import tracking_number_new
from .uploads import CleanUpload, private_upload_name

logger = logging.getLogger(__name__)

# A later room's step inside the submit transaction, after the application and its documents exist:
# ``@hooks.register("after_application_submit") def step(*, application, form)``; it raises ValidationError to refuse.
AFTER_SUBMIT_HOOK = "after_application_submit"

# Form fields that are not answers to keep: the one-time token and the declaration the citizen ticked.
NOT_ANSWERS = ("submission_token", "pernyataan")

STRUCTURED_COLUMNS = {
    ApplicationFieldType.NIK: "nik",
    ApplicationFieldType.KK: "kk_number",
    ApplicationFieldType.MOBILE: "mobile",
}


def _store_uploads(form, field_names, *, tracking_number, version) -> list[ApplicationDocument]:
    """Store every checked upload under a generated name, or none of them; rows are saved by the caller."""
    documents, in_flight = [], None
    try:
        for name in field_names:
            upload = form.cleaned_data.get(name)
            if not isinstance(upload, CleanUpload):
                continue
            in_flight = private_upload_name(prefix=f"permohonan/{tracking_number}", extension=upload.extension)
            stored_name = private_storage().save(in_flight, ContentFile(upload.content))
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
            private_storage().delete(name)
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
            if value != DeliveryMethod.COURIER:
                # The address is not asked then (a condition hides it), and none from before is kept.
                columns["delivery_address"] = ""
                data[name + ADDRESS_SUFFIX] = ""
        implicit_address = field_type is None and field_types.get(name.removesuffix(ADDRESS_SUFFIX)) == (
            ApplicationFieldType.DELIVERY
        )
        if field_type == ApplicationFieldType.DELIVERY_ADDRESS or implicit_address:
            value = (value or "").strip()
            columns["delivery_address"] = value
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, list | tuple):
            value = list(value)
        data[name] = value
    return data, columns


def standard_promise(service) -> dict:
    """The standard in force and the service time it promises: the application keeps them, whatever comes later."""
    return {
        "standard_revision_id": service.live_revision_id,  # the id only: a revision row holds the whole page
        "promised_duration": service.duration_value,
        "promised_duration_unit": service.duration_unit,
    }


def _taken_over(form, draft_documents) -> list[ApplicationDocument]:
    """A draft's kept files become the application's documents as they are: stored once, never copied."""
    return [
        ApplicationDocument(
            field_name=kept.field_name,
            label=form.fields[kept.field_name].requirement or str(form.fields[kept.field_name].label),
            object_name=kept.object_name,
            original_name=kept.original_name,
            content_type=kept.content_type,
            size=kept.size,
            sha256=kept.sha256,
            version=1,
        )
        for kept in draft_documents
        if kept.field_name in form.fields  # a file for a step the answers now hide is not taken
    ]


def application_submit(*, page, applicant, form, draft_documents=()) -> Application:
    """Create the application from a valid form; the same submission token always yields the same application."""
    token = form.cleaned_data["submission_token"]
    existing = Application.objects.filter(submission_token=token).first()
    if existing is not None:
        if existing.applicant_id != applicant.pk:
            raise PermissionDenied
        return existing

    service = page.service
    variant = page.variant() or {}
    field_names = [name for name in form.fields if name not in NOT_ANSWERS]
    data, columns = _form_values(page, form, field_names)
    taken_over = _taken_over(form, draft_documents)
    for document in taken_over:
        data[document.field_name] = {
            "file": document.original_name,
            "type": document.content_type,
            "size": document.size,
        }
    tracking_number = tracking_number_new(page.tracking_prefix, timezone.localdate().year)
    documents = _store_uploads(form, form.document_fields(), tracking_number=tracking_number, version=1)
    profile = getattr(applicant, "citizen_profile", None)
    # A form without a kecamatan field sends every application to its fixed office, so its operators see it.
    if "kecamatan" not in columns:
        columns["kecamatan_id"] = page.fixed_kecamatan_id
    promise = standard_promise(service)
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
                **promise,
                due_at=due_at(timezone.now(), duration=service.duration_value, unit=service.duration_unit),
                applicant_name=profile.full_name if profile else applicant.get_full_name(),
                submission_token=token,
                **columns,
            )
            for document in documents + taken_over:
                document.application = application
            ApplicationDocument.objects.bulk_create(documents + taken_over)
            # Later rooms' steps (the IKD visit booking) may refuse with a ValidationError: nothing is saved then.
            for step in hooks.get_hooks(AFTER_SUBMIT_HOOK):
                step(application=application, form=form)
            status_change_record(application, to_status=ApplicationStatus.SUBMITTED, by=applicant, from_status="")
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
    field_names = [name for name in form.fields if name not in NOT_ANSWERS]
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
        # The time spent with the citizen does not count against the office. The promise is the one kept at
        # submission, never the standard's current one; an application from before promises were kept has none.
        application.due_at = due_at(
            timezone.now(), duration=application.promised_duration, unit=application.promised_duration_unit or None
        )
        for column, value in columns.items():
            setattr(application, column, value)
        application.save()
        status_change_record(application, to_status=ApplicationStatus.SUBMITTED, by=applicant, note=_("Resubmitted"))
    except Exception:
        _discard_stored(documents)
        raise
    return application


@transaction.atomic
def application_draft_submit(*, draft, applicant, form) -> Application:
    """Submit a draft whose answers the whole form has checked again; the draft's token makes it one application."""
    locked = ApplicationDraft.objects.select_for_update().filter(pk=draft.pk, applicant=applicant).first()
    if locked is None:
        # Submitted meanwhile (a double click, a second device): the application it made is the answer.
        return Application.objects.get(submission_token=draft.submission_token, applicant=applicant)
    documents = list(locked.documents.all())
    page = locked.page.specific
    application = application_submit(page=page, applicant=applicant, form=form, draft_documents=documents)
    taken = set(application.documents.values_list("object_name", flat=True))
    # A file the answers no longer ask for (its step is hidden now) goes with the draft.
    left = [document.object_name for document in documents if document.object_name not in taken]
    locked.delete()
    if left:
        transaction.on_commit(lambda: [private_storage().delete(name) for name in left])
    return application


def application_form_submit(*, page, form) -> Application | None:
    """The form page's submission (``ApplicationFormPage.process_form_submission``): None when it was refused,
    with the reason on the form or ``form.not_saved`` set when the storage was down."""
    try:
        return application_submit(page=page, applicant=form.user, form=form)
    except ValidationError as error:
        # A check repeated under lock failed (the IKD visit day filled up meanwhile): show it on the form.
        form.add_error(None, error)
        return None
    except UploadsNotStored:
        # The storage is down: nothing was kept, so the form comes back as typed with a plain "not saved".
        form.not_saved = True
        return None
