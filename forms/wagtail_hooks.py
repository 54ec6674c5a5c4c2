from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .constants import TRANSITIONS


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for transition in TRANSITIONS:
        actions.register_action(f"intake.{transition.action}", transition.label, transition.label)
    actions.register_action("intake.view_document", _("View a citizen's document"), _("Viewed a citizen's document"))
    actions.register_action("intake.export", _("Export applications"), _("Exported applications"))


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
