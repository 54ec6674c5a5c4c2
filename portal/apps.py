"""Wagtail's users app with the portal's staff user screens (Wagtail's documented way to change its user forms)."""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.staff_users.StaffUserViewSet"

    def ready(self):
        super().ready()
        from .staff_access import connect  # noqa: PLC0415  (models are ready only now)

        connect()
