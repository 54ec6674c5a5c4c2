from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from forms.constants import ApplicationFieldType, Processing
from forms.intake.builder import FIELD_TYPE_HOOK
from forms.intake.submit import AFTER_SUBMIT_HOOK
from forms.office.scope import is_office_staff
from forms.review.admin_views import REVIEW_ACTION_HOOK
from forms.review.counter import AFTER_COUNTER_HOOK
from forms.templatetags.application_extras import EXTRA_HOOK

from . import admin_views
from .admin_views import VisitClosedDayViewSet, VisitOfficeViewSet, VisitTodayPanel
from .fields import VisitDateField
from .models import VisitClosedDay, VisitOffice
from .permissions import VisitSettingsPermissionPolicy
from .services import visit_book_for_submission, visit_book_walk_in

# Before any viewset asks for a policy, so Wagtail never falls back to Django's model permissions.
register_permission_policy(VisitOffice, VisitSettingsPermissionPolicy(VisitOffice), exact_class=True)
register_permission_policy(VisitClosedDay, VisitSettingsPermissionPolicy(VisitClosedDay), exact_class=True)


def create_visit_date_field(field, options):
    options.pop("initial", None)
    return VisitDateField(**options)


@hooks.register(FIELD_TYPE_HOOK)
def register_visit_date_field():
    return ApplicationFieldType.VISIT_DATE, create_visit_date_field


@hooks.register(AFTER_SUBMIT_HOOK)
def book_the_visit_day(*, application, form):
    visit_book_for_submission(application=application, form=form)  # refuses a full day: nothing is saved


@hooks.register(EXTRA_HOOK)
def show_the_visit_on_the_application():
    return "summary", "visits/includes/visit_summary.html"


@hooks.register(EXTRA_HOOK)
def tell_the_visit_in_the_status_email():
    return "status_email", "visits/email/visit_facts.txt"


class VisitMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office_staff(request.user)


@hooks.register("register_admin_urls")
def register_visit_urls():
    urls = [
        path("", admin_views.visit_day, name="day"),
        path("panggil/", admin_views.visit_call, name="call"),
        path("<int:pk>/aktif/", admin_views.visit_activate_view, name="activate"),
        path("<int:pk>/tidak-selesai/", admin_views.visit_not_complete_view, name="not_complete"),
    ]
    return [path("kunjungan-ikd/", include((urls, "visits_admin")))]


@hooks.register("register_admin_menu_item")
def register_visit_menu_item():
    return VisitMenuItem(_("IKD visits"), reverse("visits_admin:day"), icon_name="group", order=110)


@hooks.register("register_admin_viewset")
def register_visit_settings():
    return [VisitOfficeViewSet("visits_office"), VisitClosedDayViewSet("visits_closed_day")]


@hooks.register("register_log_actions")
def register_visit_actions(actions):
    actions.register_action("visits.call", _("Call a visit"), _("Called a visit"))
    actions.register_action("visits.activate", _("Record an IKD activation"), _("Recorded an IKD activation"))
    actions.register_action(
        "visits.not_complete", _("Record a visit not completed"), _("Recorded a visit not completed")
    )
    actions.register_action(
        "visits.office_closed",
        _("Cancel a visit because the office closed"),
        _("Cancelled a visit because the office closed"),
    )


@hooks.register("construct_homepage_panels")
def add_visit_panel(request, panels):
    if is_office_staff(request.user):
        panels.append(VisitTodayPanel(request.user))


@hooks.register(REVIEW_ACTION_HOOK)
def link_the_visit_list(*, application, user):
    if application.processing == Processing.VISIT and application.kecamatan_id:
        return _("Go to the IKD visit list"), f"{reverse('visits_admin:day')}?kecamatan={application.kecamatan_id}"
    return None


@hooks.register(AFTER_COUNTER_HOOK)
def give_the_walk_in_a_number(*, application, by):
    visit_book_walk_in(application=application, by=by)  # the office closed today: nothing is recorded
