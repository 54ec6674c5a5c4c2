"""Who may edit the offices' visit settings: the SIAK administrator and the head of the unit, by role."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from forms.constants import StaffRole
from forms.office.roles import user_roles

MANAGING_ROLES = (StaffRole.SIAK_ADMIN, StaffRole.SECTION_HEAD)


class VisitSettingsPermissionPolicy(BasePermissionPolicy):
    """Roles are the office's groups (forms.office.roles); no extra Django permission rows need seeding."""

    permission_cache_name = ""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return bool(user_roles(user) & set(MANAGING_ROLES))

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name__in=MANAGING_ROLES), is_active=True)
            .distinct()
        )
