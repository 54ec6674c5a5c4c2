"""Wagtail's users app with the portal's staff user screens (Wagtail's documented way to change its user forms)."""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.staff_users.StaffUserViewSet"
