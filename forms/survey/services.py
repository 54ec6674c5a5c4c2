"""State changes of the survey: inviting a citizen and recording their one answer."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms.messaging.kinds import MessageKind, message_kind_register
from forms.messaging.messenger import Recipient, message_send

from .constants import ANSWERABLE_STATUSES, ELEMENT_FIELDS, SCORES, AgeBand, Education, Gender, Occupation
from .models import SurveyInvitation, SurveyResponse
from .tokens import link_max_age, survey_url

logger = logging.getLogger(__name__)

INVITATION = message_kind_register(
    MessageKind(
        key="survey.invitation",
        label=gettext_lazy("Satisfaction survey invitation"),
        email_subject="survey/email/invitation_subject.txt",
        email_body="survey/email/invitation.txt",
        whatsapp_template="undangan_survei",
        whatsapp_parameters="survey/whatsapp/invitation.txt",
        sms_body="survey/sms/invitation.txt",
    )
)

PROFILE_CHOICES = {
    "gender": Gender.values,
    "age_band": AgeBand.values,
    "education": Education.values,
    "occupation": Occupation.values,
}


class SurveyAlreadyAnswered(ValidationError):
    """This application already has its one answer; nothing was changed."""


class SurveyNotOpen(ValidationError):
    """The citizen has not received the document yet, so there is nothing to rate."""


@transaction.atomic
def survey_invitation_create(*, application) -> tuple[SurveyInvitation, bool]:
    """Record the invitation once per application; returns (invitation, created)."""
    return SurveyInvitation.objects.get_or_create(application=application)


def survey_invitation_send(*, application) -> SurveyInvitation:
    """Invite the citizen once: the record, then a message with the signed link if the applicant has an address."""
    invitation, _created = survey_invitation_create(application=application)
    email = application.applicant.email if application.applicant_id else ""
    if not email or invitation.emailed_at:
        return invitation
    context = {
        "application": application,
        "survey_url": survey_url(application),
        "valid_until": timezone.localdate() + link_max_age(),
    }
    message_send(kind=INVITATION.key, to=Recipient.citizen(application.applicant), context=context, about=application)
    SurveyInvitation.objects.filter(pk=invitation.pk).update(emailed_at=timezone.now())
    return invitation


def _clean_answers(answers: dict, profile: dict) -> None:
    errors = {}
    for field in ELEMENT_FIELDS:
        if answers.get(field) not in SCORES:
            errors[field] = _("Choose one of the four answers.")
    for field, allowed in PROFILE_CHOICES.items():
        if profile.get(field, "") not in ("", *allowed):
            errors[field] = _("Choose one of the options, or leave it empty.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def survey_response_submit(*, application, answers: dict[str, int], profile: dict[str, str] | None = None):
    """Record the one answer for this application; a second (even a concurrent one) is refused."""
    profile = {key: value or "" for key, value in (profile or {}).items() if key in PROFILE_CHOICES}
    _clean_answers(answers, profile)
    if application.status not in ANSWERABLE_STATUSES:
        raise SurveyNotOpen(_("The survey opens when you have received your document."), code="not_open")
    try:
        # The savepoint lets the outer transaction go on if the unique constraint refuses a second answer.
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                application=application,
                service_id=application.service_id,
                kecamatan_id=application.kecamatan_id,
                **{field: answers[field] for field in ELEMENT_FIELDS},
                **profile,
            )
    except IntegrityError:
        if SurveyResponse.objects.filter(application=application).exists():
            raise SurveyAlreadyAnswered(
                _("A survey answer for this application has already been received. Thank you."),
                code="already_answered",
            ) from None
        raise
    return response
