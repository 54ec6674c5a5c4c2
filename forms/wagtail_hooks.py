from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .constants import TRANSITIONS, StaffRole


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for transition in TRANSITIONS:
        actions.register_action(f"intake.{transition.action}", transition.label, transition.label)
    actions.register_action("intake.view_document", _("View a citizen's document"), _("Viewed a citizen's document"))
    actions.register_action("intake.export", _("Export applications"), _("Exported applications"))
    actions.register_action(
        "intake.record_at_counter", _("Record a walk-in application"), _("Recorded a walk-in application")
    )
    actions.register_action(
        "intake.anonymise", _("Remove personal data after retention"), _("Removed personal data after retention")
    )
    actions.register_action("intake.export_own_data", _("Download own data"), _("Downloaded own data"))


@hooks.register("register_admin_viewset")
def register_application_queue():
    from .admin_views import ApplicationViewSet

    return ApplicationViewSet("intake_application")


@hooks.register("construct_homepage_panels")
def add_queue_summary(request, panels):
    from .admin_views import QueueSummaryPanel
    from .services import user_roles

    if user_roles(request.user) - {"Editor Konten"}:
        panels.append(QueueSummaryPanel(request.user))


class CounterMenuItem(MenuItem):
    def is_shown(self, request):
        from .services import user_kecamatan_id, user_roles

        return StaffRole.OPERATOR in user_roles(request.user) and bool(user_kecamatan_id(request.user))


@hooks.register("register_admin_menu_item")
def register_counter_menu_item():
    return CounterMenuItem(_("Walk-in application"), reverse("intake_application:counter"), icon_name="plus", order=105)
