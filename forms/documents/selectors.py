from forms.constants import ApplicationStatus, Processing
from forms.review.selectors import applications_visible_to

from .models import IssuedDocument

# After "send" the document is the citizen's, for as long as its file is kept.
CITIZEN_STATUSES = (ApplicationStatus.SENT, ApplicationStatus.ARCHIVED)


def issued_document_of(application) -> IssuedDocument | None:
    try:
        return application.issued_document
    except IssuedDocument.DoesNotExist:
        return None


def document_for_citizen(application) -> IssuedDocument | None:
    """The document the citizen may download from their history now, if any."""
    # A card application may hold a temporary certificate; that stands in for the card at the office, it is not
    # the citizen's document to download.
    if application.processing != Processing.DIGITAL:
        return None
    document = issued_document_of(application)
    if document is None or not document.has_file or application.status not in CITIZEN_STATUSES:
        return None
    return document


def awaiting_certification(user):
    """The digital documents waiting for the head of office, in the user's offices, the most urgent first."""
    return (
        applications_visible_to(user)
        .filter(processing=Processing.DIGITAL, status=ApplicationStatus.CERTIFICATION_REQUESTED)
        .select_related("kecamatan")
        .order_by("due_at", "pk")
    )
