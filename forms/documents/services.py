"""Certifying a digital document: the stamped PDF stored, its hash kept and the SOP step made, all or nothing."""

import hashlib
import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms.intake.uploads import MESSAGES, CleanUpload, UploadRejected, private_upload_name
from forms.office.storage import STORAGE_ERRORS, UploadsNotStored, private_storage
from forms.review.transitions import application_transition

from .models import IssuedDocument
from .stamp import verification_stamp

logger = logging.getLogger(__name__)

CERTIFY = "certify"
# 144 random bits, URL-safe: nobody finds a document's page by trying codes.
CODE_BYTES = 18


def verification_url(code: str) -> str:
    base_url = getattr(settings, "PORTAL_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return base_url + reverse("documents:verify", args=[code])


def _stamped(upload: CleanUpload, code: str) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):  # printed on the document: in the office's language
        caption = _("Scan to check that this document is genuine")
    try:
        return verification_stamp(upload.content, url=verification_url(code), caption=caption)
    except Exception as error:
        # The upload checks read it, but a page too odd to draw on is refused like an unreadable PDF.
        logger.warning("Could not stamp the verification QR on %s", upload.sha256, exc_info=True)
        raise UploadRejected(
            MESSAGES["upload_pdf_unreadable"], code="upload_pdf_unreadable", params={"name": upload.original_name}
        ) from error


def document_certify(*, application, by, upload: CleanUpload, expected_status: str) -> IssuedDocument:
    """The head of office's certification (SOP step 14) with the certified PDF SIAK produced, stamped with its QR."""
    code = secrets.token_urlsafe(CODE_BYTES)
    content = _stamped(upload, code)
    name = private_upload_name(prefix=f"dokumen/{application.tracking_number}", extension=".pdf")
    written = False
    try:
        with transaction.atomic():
            # First: the role, the office, a stale page and the track are all checked before anything is stored.
            certified = application_transition(
                application=application, action=CERTIFY, by=by, expected_status=expected_status
            )
            written = True
            name = private_storage().save(name, ContentFile(content))
            document = IssuedDocument.objects.create(
                application=certified,
                code=code,
                object_name=name,
                original_name=upload.original_name,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                service_title=certified.service_title,
                issued_by=by,
            )
            log(
                instance=certified,
                action="documents.certify",
                user=by,
                data={"document": document.pk, "sha256": document.sha256, "size": document.size},
            )
    except STORAGE_ERRORS as error:
        if written:
            _discard(name)
        logger.warning("Private storage failed while storing %s's certified document", application.tracking_number)
        raise UploadsNotStored from error
    except BaseException:
        if written:
            _discard(name)
        raise
    return document


def _discard(name: str) -> None:
    # A write that failed may still have landed (a lost response); deleting a missing name is a no-op.
    try:
        private_storage().delete(name)
    except Exception:  # no row names it: private_orphans_sweep deletes it after an hour
        logger.exception("Could not delete the unsaved certified document %s", name)
