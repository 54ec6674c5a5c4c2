from django import template

from forms.constants import Processing
from forms.visits.selectors import current_booking
from forms.visits.services import rebook_refusal

register = template.Library()


@register.simple_tag
def current_visit(application):
    """The IKD application's latest visit booking with whether the citizen may book a new day, or None."""
    if application is None or application.processing != Processing.VISIT:
        return None
    booking = current_booking(application)
    return {"booking": booking, "may_rebook": rebook_refusal(application) is None}
