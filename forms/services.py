"""State changes of an application. Views, admin actions, commands and tests all come through here."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from services.models import Kecamatan

from .builder import ADDRESS_SUFFIX
from .constants import ApplicationFieldType, ApplicationStatus, DeliveryMethod
from .models import Application, ApplicationDocument, ApplicationVersion, ReturnReason, StatusChange
from .notifications import notify_status_change
from .tracking import tracking_number_new
from .uploads import CleanUpload, private_upload_name

logger = logging.getLogger(__name__)

STRUCTURED_COLUMNS = {
    ApplicationFieldType.NIK: "nik",
    ApplicationFieldType.KK: "kk_number",
    ApplicationFieldType.MOBILE: "mobile",
}


def _private_storage():
    return storages["private"]


def _store_uploads(form, field_names, *, tracking_number, version) -> list[ApplicationDocument]:
    """Write each checked upload to the private storage under a generated name; rows are saved by the caller."""
    documents = []
    for name in field_names:
        upload = form.cleaned_data.get(name)
        if not isinstance(upload, CleanUpload):
            continue
        object_name = private_upload_name(prefix=f"permohonan/{tracking_number}", extension=upload.extension)
        stored_name = _private_storage().save(object_name, ContentFile(upload.content))
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
    return documents


def _discard_stored(documents):
    for document in documents:
        try:
            _private_storage().delete(document.object_name)
        except Exception:  # the row was never saved; a leftover object is logged for the retention sweep
            logger.exception("Could not delete orphaned upload %s", document.object_name)


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


def _record_change(application, *, to_status, by=None, note="", sop_step=None) -> StatusChange:
    change = StatusChange.objects.create(
        application=application,
        from_status=application.status if application.pk and application.history.exists() else "",
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
                applicant_name=profile.full_name if profile else applicant.get_full_name(),
                submission_token=token,
                **columns,
            )
            for document in documents:
                document.application = application
            ApplicationDocument.objects.bulk_create(documents)
            _record_change(application, to_status=ApplicationStatus.SUBMITTED, by=applicant)
    except IntegrityError:
        # A concurrent double submit won the race: keep its application, drop this one's files.
        _discard_stored(documents)
        return Application.objects.get(submission_token=token, applicant=applicant)
    except Exception:
        _discard_stored(documents)
        raise
    return application


def _returned_fields(application) -> list[str]:
    last_return = application.history.filter(to_status=ApplicationStatus.RETURNED).order_by("-at", "-pk").first()
    return list(last_return.reasons.values_list("field_name", flat=True)) if last_return else []


def application_returned_fields(*, application) -> list[str]:
    return _returned_fields(application)


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
        for column, value in columns.items():
            setattr(application, column, value)
        application.save()
        _record_change(application, to_status=ApplicationStatus.SUBMITTED, by=applicant, note=_("Resubmitted"))
    except Exception:
        _discard_stored(documents)
        raise
    return application


@transaction.atomic
def application_return(*, application, by, reasons: list[tuple[str, str]]) -> Application:
    """Send the application back to the citizen with one reason per failed requirement (SOP step 8)."""
    if not by.has_perm("intake.change_application"):
        raise PermissionDenied
    if not reasons:
        raise ValidationError(_("Give at least one reason, for the requirement that failed."), code="no_reasons")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be returned."), code="stale")
    form_fields = {field.clean_name: field for field in application.page.specific.get_form_fields()}
    change = _record_change(application, to_status=ApplicationStatus.RETURNED, by=by, sop_step=8)
    ReturnReason.objects.bulk_create(
        ReturnReason(
            status_change=change,
            field_name=field_name,
            requirement=(form_fields[field_name].requirement or form_fields[field_name].label)
            if field_name in form_fields
            else field_name,
            reason=reason,
        )
        for field_name, reason in reasons
    )
    return application
