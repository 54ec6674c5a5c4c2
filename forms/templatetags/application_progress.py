"""The application's steps for the templates that are not rendered by a view of their own (the status e-mail)."""

from django import template

from forms.intake.progress import application_progress, office_hours_text

register = template.Library()


@register.simple_tag
def application_pickup(application) -> dict | None:
    """Where, when and with what the citizen collects the product; None when it is not collected at a kecamatan."""
    pickup = next((step for step in application_progress(application) if step.pickup), None)
    if pickup is None:
        return None
    return {"bring": pickup.bring, "office_hours": office_hours_text()}
