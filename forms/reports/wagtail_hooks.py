from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from forms.office.scope import is_office_staff


class ServiceReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office_staff(request.user)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("laporan/", include("forms.reports.urls"))]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    """First in Wagtail's Reports menu ("Laporan"): one menu holds the office's report and Wagtail's own."""
    return ServiceReportMenuItem(
        _("Service report"), reverse("service_report:index"), name="service-report", icon_name="table", order=100
    )


@hooks.register("register_log_actions")
def register_report_actions(actions):
    actions.register_action("reports.view", _("View the service report"), _("Viewed the service report"))
    actions.register_action("reports.export", _("Export the service report"), _("Exported the service report"))
