"""What a citizen whose card waits for blanks may get instead: IKD, booked as the IKD path books it, or the
operator's temporary certificate, certified and verifiable as the documents room does it."""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms.constants import ApplicationStatus, Channel, Processing
from forms.documents.models import IssuedDocument
from forms.documents.services import CODE_BYTES, verification_url
from forms.documents.stamp import verification_stamp
from forms.intake.submit import standard_promise
from forms.intake.timeline import status_change_record
from forms.intake.tracking import tracking_number_new
from forms.intake.uploads import private_upload_name
from forms.models import Application, ApplicationFormPage
from forms.office.clock import due_at
from forms.office.scope import user_may_act_at
from forms.office.storage import private_storage
from forms.visits.notifications import notify_visit_booked
from forms.visits.services import visit_book

from .models import BlankStockSettings, CardAlternative
from .pdf import temporary_certificate_pdf_bytes
from .selectors import print_wait

CERTIFICATE_TITLE = "Surat Keterangan pengganti KTP-el"


def ikd_instead_refusal(application) -> str | None:
    """Why this card application cannot be replaced by IKD now, or None if it can."""
    if application.processing != Processing.CARD:
        return _("Only a KTP-el card application can be replaced by IKD.")
    if application.card_alternatives.filter(kind=CardAlternative.Kind.IKD).exists():
        return _("You already chose IKD instead of this card.")
    wait = print_wait(application)
    if wait is None:
        return _("This card no longer waits to be printed.")
    if not (wait.out_of_blanks or wait.blanks_short):
        return _("Blanks are in stock for your place in the queue: your card will be printed.")
    return None


def _ikd_form_page() -> ApplicationFormPage:
    page = ApplicationFormPage.objects.live().filter(processing=Processing.VISIT).order_by("path").first()
    if page is None:
        raise ValidationError(_("The IKD visit service is not published at the moment."), code="no_ikd_service")
    return page


@transaction.atomic
def card_replace_by_ikd(*, application, applicant, day: datetime.date, consent_text: str) -> CardAlternative:
    """The citizen chooses IKD instead of waiting for blanks: an IKD visit is booked on a new IKD application, and
    the card application is closed as replaced by IKD, with the consent they gave. Once per card."""
    locked = Application.objects.select_for_update(of=("self",)).select_related("kecamatan").get(pk=application.pk)
    if locked.applicant_id is None or locked.applicant_id != applicant.pk:
        raise PermissionDenied
    refusal = ikd_instead_refusal(locked)
    if refusal:
        raise ValidationError(refusal, code="not_replaceable")
    if not consent_text.strip():
        raise ValidationError(_("Agree to close the card application first."), code="no_consent")
    form_page = _ikd_form_page()
    service = form_page.get_parent().specific
    variant = next((b.value for b in service.variants if b.value["code"] == form_page.variant_code), None)
    ikd = Application.objects.create(
        page=form_page,
        channel=Channel.ONLINE,
        applicant=applicant,
        form_data={"replaces_card": locked.tracking_number},
        tracking_number=tracking_number_new(form_page.tracking_prefix, timezone.localdate().year),
        service=service,
        service_title=service.title,
        variant_code=form_page.variant_code,
        variant_name=variant["name"] if variant else form_page.title,
        processing=Processing.VISIT,
        **standard_promise(service),
        due_at=due_at(timezone.now(), duration=service.duration_value, unit=service.duration_unit),
        applicant_name=locked.applicant_name,
        nik=locked.nik,
        kk_number=locked.kk_number,
        mobile=locked.mobile,
        contact_email=locked.contact_email,
        kecamatan=locked.kecamatan,
    )
    status_change_record(
        ikd,
        to_status=ApplicationStatus.SUBMITTED,
        by=applicant,
        from_status="",
        note=_("Instead of the KTP-el card %(number)s") % {"number": locked.tracking_number},
    )
    booking = visit_book(application=ikd, kecamatan=locked.kecamatan, day=day)
    # No status of its own (that would be the intake app's): archived, with the reason on the timeline and here.
    status_change_record(locked, to_status=ApplicationStatus.ARCHIVED, by=applicant, note=_("Replaced by IKD"))
    alternative = CardAlternative.objects.create(
        application=locked,
        kind=CardAlternative.Kind.IKD,
        consent_text=consent_text.strip(),
        visit_booking=booking,
        by=applicant,
    )
    log(
        instance=locked,
        action="dispatch.ikd_instead",
        user=applicant,
        data={"ikd_application": ikd.tracking_number, "visit": booking.queue_code, "date": day.isoformat()},
    )
    transaction.on_commit(lambda: notify_visit_booked(booking=booking))
    return alternative


def temporary_certificate_refusal(application) -> str | None:
    if not BlankStockSettings.load().temporary_certificate_reviewed:
        return _("The office has not yet reviewed the certificate text in the blank-card settings.")
    wait = print_wait(application)
    if wait is None:
        return _("This card no longer waits to be printed.")
    if not (wait.out_of_blanks or wait.blanks_short):
        return _("Blanks are in stock for this card: print it instead.")
    if IssuedDocument.objects.filter(application=application).exists():
        return _("A temporary certificate was already issued for this application.")
    return None


def certificate_text(application) -> str:
    template = BlankStockSettings.load().temporary_certificate_text
    values = {
        "name": application.applicant_name,
        "tracking_number": application.tracking_number,
        "kecamatan": application.kecamatan.name if application.kecamatan_id else "",
        "date": timezone.localdate().strftime("%d-%m-%Y"),
    }
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        raise ValidationError(
            _(
                "The certificate text has a placeholder that is not one of "
                "{name}, {tracking_number}, {kecamatan}, {date}."
            )
        ) from None


@transaction.atomic
def temporary_certificate_issue(*, application, by) -> CardAlternative:
    """The operator issues the Surat Keterangan pengganti KTP-el: a PDF with the portal's verification QR, kept as
    the application's issued document; the card stays in the print queue."""
    if not user_may_act_at(by, application.kecamatan_id):
        raise PermissionDenied
    locked = Application.objects.select_for_update(of=("self",)).select_related("kecamatan").get(pk=application.pk)
    refusal = temporary_certificate_refusal(locked)
    if refusal:
        raise ValidationError(refusal, code="no_certificate")
    code = secrets.token_urlsafe(CODE_BYTES)
    content = verification_stamp(
        temporary_certificate_pdf_bytes(locked, certificate_text(locked), title=CERTIFICATE_TITLE),
        url=verification_url(code),
        caption=_("Scan to check that this document is genuine"),
    )
    name = private_storage().save(
        private_upload_name(prefix=f"dokumen/{locked.tracking_number}", extension=".pdf"), ContentFile(content)
    )
    # If the transaction fails after this, no row names the file: the private-orphan sweep removes it.
    document = IssuedDocument.objects.create(
        application=locked,
        code=code,
        object_name=name,
        original_name="surat-keterangan-pengganti-ktp-el.pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        service_title=CERTIFICATE_TITLE,
        issued_by=by,
    )
    alternative = CardAlternative.objects.create(
        application=locked, kind=CardAlternative.Kind.CERTIFICATE, document=document, by=by
    )
    log(instance=locked, action="dispatch.temporary_certificate", user=by, data={"document": document.pk})
    return alternative
