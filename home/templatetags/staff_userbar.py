"""`{% staff_userbar %}`: Wagtail's userbar, asked for staff only.

Wagtail's own tag asks the permission tables (two queries) on every page a signed-in citizen opens; the portal's
one rule for staff (portal.staff_access.can_open_admin) is kept across requests, so a citizen's page asks nothing.
"""

from django import template
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from portal.staff_access import can_open_admin

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_userbar(context, position="bottom-right"):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can_open_admin(user):
        return ""
    return wagtailuserbar(context, position)
