"""Who may see and work complaints in the admin: the office's roles (Django groups), scoped by kecamatan.

The intake app grants its groups Django model permissions when it seeds them; complaints follow the same roles
without needing rows of their own, so a fresh deployment, a new group member and the tests all agree at once.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy

from forms.office.roles import user_roles

from .constants import HANDLER_ROLES, RECORDER_ROLES, VIEWER_ROLES
from .selectors import complaints_visible_to, user_may_see_complaint

ACTION_ROLES = {
    "view": VIEWER_ROLES,
    "add": RECORDER_ROLES,
    "change": HANDLER_ROLES,
    "delete": frozenset(),  # the history of a complaint is kept
}


class ComplaintPermissionPolicy(BasePermissionPolicy):
    permission_cache_name = "_complaint_roles_cache"

    def get_all_permissions_for_user(self, user):
        return user_roles(user)

    def user_has_permission(self, user, action):
        return bool(self.get_cached_permissions_for_user(user) & ACTION_ROLES.get(action, frozenset()))

    def users_with_any_permission(self, actions):
        roles = set().union(*(ACTION_ROLES.get(action, frozenset()) for action in actions))
        return get_user_model().objects.filter(is_active=True, groups__name__in=roles).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_may_see_complaint(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return complaints_visible_to(user)
        return self.model._default_manager.none()
