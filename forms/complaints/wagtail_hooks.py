from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from forms.intake.retention import PERSONAL_DATA_HOOK

from .admin_views import ComplaintSummaryPanel, ComplaintViewSet, _policy
from .constants import COMPLAINT_ACTIONS
from .retention import ComplaintsPersonalData

_OTHER_ACTIONS = {
    "complaints.file": (_("File a complaint"), _("Complaint filed on the web form")),
    "complaints.record": (_("Record a complaint"), _("Complaint from another channel recorded")),
    "complaints.escalate": (_("Escalate a complaint"), _("Complaint escalated to leadership")),
    "complaints.view_attachment": (_("View a complaint's attachment"), _("Viewed a complaint's attachment")),
    "complaints.view_identity": (_("View a complainant's whole NIK"), _("Opened a complaint showing the whole NIK")),
    "complaints.export": (_("Export complaints"), _("Exported complaints")),
}


@hooks.register("register_log_actions")
def register_complaint_actions(actions):
    for action in COMPLAINT_ACTIONS:
        actions.register_action(f"complaints.{action.action}", action.label, action.label)
    for name, (label, message) in _OTHER_ACTIONS.items():
        actions.register_action(name, label, message)


@hooks.register("register_admin_viewset")
def register_complaint_viewset():
    return ComplaintViewSet("complaints_admin")


@hooks.register("construct_homepage_panels")
def add_complaint_summary(request, panels):
    if _policy.user_has_permission(request.user, "view"):
        panels.append(ComplaintSummaryPanel(request.user))


@hooks.register(PERSONAL_DATA_HOOK)
def register_complaints_personal_data():
    return ComplaintsPersonalData()
