"""Template helpers other rooms embed: the counter QR code and the invitation on the citizen's detail page."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from forms.office.qr import qr_svg

from ..constants import ANSWERABLE_STATUSES
from ..models import SurveyResponse
from ..selectors import open_invitation
from ..tokens import link_max_age, survey_token, survey_url

register = template.Library()


@register.simple_tag
def survey_counter_qr(application) -> dict:
    """The signed survey link of an application and its QR code as inline SVG (no image file, CSP-safe)."""
    url = survey_url(application)
    return {"url": url, "svg": qr_svg(url, title=_("QR code of the community satisfaction survey"), scale=5)}


@register.simple_tag
def survey_invitation_for(application) -> dict:
    """For the citizen's detail page: {'answered': True}, or the link and its last day, or nothing."""
    if application.status not in ANSWERABLE_STATUSES:
        return {}
    if SurveyResponse.objects.filter(application=application).exists():
        return {"answered": True}
    invitation = open_invitation(application)
    if invitation is None:
        return {}
    return {
        "url": reverse("survey:answer", args=[survey_token(application)]),
        "until": invitation.created_at + link_max_age(),
    }
