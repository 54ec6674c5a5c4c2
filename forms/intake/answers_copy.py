"""A copy of the citizen's answers, e-mailed once on submission through the messenger; no whole NIK or KK in it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.constants import ApplicationFieldType, DeliveryMethod, file_type_label
from forms.identity import mask_nik
from forms.messaging.kinds import MessageKind, message_kind_register
from forms.messaging.messenger import Recipient, message_send
from forms.office.notifications import base_url

from .progress import application_progress, next_step

ANSWERS_COPY = message_kind_register(
    MessageKind(
        key="intake.answers_copy",
        label=gettext_lazy("Copy of the application's answers"),
        email_subject=lambda context: (
            _("Your application %(number)s: a copy of your answers")
            % {"number": context["application"].tracking_number}
        ),
        email_body="intake/email/answers_copy.txt",
    )
)

# Shown as 6471********0003: the copy goes to a mailbox the office does not control (security.md).
MASKED_TYPES = {ApplicationFieldType.NIK, ApplicationFieldType.KK}


def _shown(field, value) -> str:
    if value in (None, "", [], {}):
        return "–"
    if field.field_type in MASKED_TYPES:
        return mask_nik(str(value))
    if isinstance(value, dict) and "file" in value:
        return f"{value['file']} ({file_type_label(value.get('type', ''))})"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field.field_type == ApplicationFieldType.DELIVERY:
        return str(DeliveryMethod(value).label) if value in DeliveryMethod.values else str(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def answers_rows(application) -> list[tuple[str, str]]:
    """(question, answer) in the form's order, as stored; the courier address only when the courier was chosen."""
    page = application.page.specific if application.page_id else None
    fields = page.get_form_fields() if hasattr(page, "get_form_fields") else []
    data = application.form_data or {}
    rows = []
    for field in fields:
        if field.clean_name not in data:
            continue  # a question the citizen was not asked (a hidden step or a later form change)
        rows.append((field.label, _shown(field, data[field.clean_name])))
        if field.field_type == ApplicationFieldType.DELIVERY and application.delivery_method == DeliveryMethod.COURIER:
            rows.append((_("Delivery address"), application.delivery_address or "–"))
    return rows


def application_answers_copy_send(*, application) -> None:
    """Record the copy in the message log; the worker sends it once the submission has committed."""
    applicant = application.applicant
    if applicant is None or not applicant.email:
        return
    context = {
        "application": application,
        "answers": answers_rows(application),
        "next_step": next_step(application_progress(application, history=[])),
        "base_url": base_url(),
    }
    # The kind has only an e-mail template, so a citizen who chose WhatsApp still gets the copy by e-mail.
    message_send(kind=ANSWERS_COPY.key, to=Recipient.citizen(applicant), context=context, about=application)
