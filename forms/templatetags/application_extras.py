"""Where later rooms add to the citizen's application pages and messages without intake naming them.

A room registers ``@hooks.register("register_application_extra")`` on a function returning ``(slot, template_name)``;
``{% application_extras "summary" %}`` renders every template registered for that slot, with the page's context,
as an ``{% include %}`` would. Slots: "summary" (receipt and detail page), "detail" (the detail page only),
"status_email" (the status e-mail), "review" (the staff's review page).
"""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

EXTRA_HOOK = "register_application_extra"

register = template.Library()


def extra_templates(slot: str) -> list[str]:
    return [name for registered_slot, name in (fn() for fn in hooks.get_hooks(EXTRA_HOOK)) if registered_slot == slot]


@register.simple_tag(takes_context=True)
def application_extras(context, slot):
    parts = []
    for name in extra_templates(slot):
        extra = context.template.engine.get_template(name)
        with context.push():
            parts.append(extra.render(context))
    return mark_safe("".join(parts))  # noqa: S308 - the templates' own output, escaped as they render it
