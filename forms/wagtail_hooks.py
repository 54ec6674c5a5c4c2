from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import ModelLogEntry, Page
from wagtail.permissions import policy_registry

from forms.intake.answers_copy import application_answers_copy_send
from forms.intake.builder import ApplicationFormBuilder
from forms.intake.step_views import StepViews
from forms.intake.submit import AFTER_SUBMIT_HOOK, application_form_submit
from forms.office.calendar_admin import JointLeaveDayViewSet, OfficeClosureViewSet
from forms.office.roles import user_roles
from forms.office.scope import is_office_staff
from forms.review.admin_views import ApplicationViewSet, QueueSummaryPanel
from forms.review.counter import may_record_at_counter
from forms.review.holding import HOLDING_ROLES
from forms.review.selectors import application_log_entries_visible_to

from .constants import TRANSITIONS
from .models import ApplicationFormPage, ScopedLogEntry
from .models.pages import FORM_BUILDER_HOOK, STEP_VIEWS_HOOK, SUBMIT_HOOK


@hooks.register(FORM_BUILDER_HOOK)
def application_form_builder():
    return ApplicationFormBuilder


@hooks.register(STEP_VIEWS_HOOK)
def application_form_step_views():
    return StepViews


@hooks.register(SUBMIT_HOOK)
def submit_application_form(*, page, form):
    return application_form_submit(page=page, form=form)


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for transition in TRANSITIONS:
        actions.register_action(f"intake.{transition.action}", transition.label, transition.label)
    actions.register_action("intake.view_document", _("View a citizen's document"), _("Viewed a citizen's document"))
    actions.register_action(
        "intake.view_identity", _("View a citizen's whole NIK or KK"), _("Opened a page showing the whole NIK or KK")
    )
    actions.register_action("intake.export", _("Export applications"), _("Exported applications"))
    actions.register_action(
        "intake.record_at_counter", _("Record a walk-in application"), _("Recorded a walk-in application")
    )
    actions.register_action(
        "intake.anonymise", _("Remove personal data after retention"), _("Removed personal data after retention")
    )
    actions.register_action("intake.export_own_data", _("Download own data"), _("Downloaded own data"))
    actions.register_action("intake.case_take", _("Take a case"), _("Took the case"))
    actions.register_action("intake.case_assign", _("Assign a case"), _("Assigned the case"))
    actions.register_action("intake.case_hand_back", _("Hand a case back"), _("Handed the case back to the queue"))


@hooks.register("register_log_actions", order=1)  # after Wagtail's own hook, whose generic log model this replaces
def read_the_audit_log_in_scope(actions):
    actions.register_model(models.Model, ScopedLogEntry)
    # Wagtail has no unregister; both models read the same table, so Site history would list every entry twice.
    actions.log_entry_models.discard(ModelLogEntry)


@hooks.register("filter_log_entries_for_user")
def scope_application_entries(user, entries):
    return application_log_entries_visible_to(user, entries)


@hooks.register("filter_form_submissions_for_user")
def hide_application_forms(user, form_pages):
    """Applications are read only in the queue (masked, scoped, audited), never in Wagtail's Forms screens."""
    return form_pages.not_type(ApplicationFormPage)


@hooks.register("register_admin_viewset")
def register_application_queue():
    return ApplicationViewSet("intake_application")


@hooks.register("construct_homepage_panels")
def add_queue_summary(request, panels):
    if is_office_staff(request.user):
        panels.append(QueueSummaryPanel(request.user))


class MyCasesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office_staff(request.user) and bool(user_roles(request.user) & HOLDING_ROLES)


@hooks.register("register_admin_menu_item")
def register_my_cases_menu_item():
    return MyCasesMenuItem(_("My cases"), reverse("intake_application:mine"), icon_name="user", order=101)


class CounterMenuItem(MenuItem):
    def is_shown(self, request):
        return may_record_at_counter(request.user)


@hooks.register("register_admin_menu_item")
def register_counter_menu_item():
    return CounterMenuItem(_("Walk-in application"), reverse("intake_application:counter"), icon_name="plus", order=105)


class StaffSiteHistoryMenuItem(MenuItem):
    """Reports → Site history for the office's roles: Wagtail offers it only to users who may explore pages."""

    def is_shown(self, request):
        has_wagtails_own = policy_registry.get_by_type(Page).explorable_root_instance(request.user) is not None
        return is_office_staff(request.user) and not has_wagtails_own


@hooks.register("register_reports_menu_item")
def register_staff_site_history_menu_item():
    return StaffSiteHistoryMenuItem(
        _("Site history"), reverse("wagtailadmin_reports:site_history"), name="staff-site-history", icon_name="history"
    )


@hooks.register("register_admin_viewset")
def register_office_calendar():
    """Settings → joint-leave days and office closures, for the SIAK administrator: the days the clock skips."""
    return [JointLeaveDayViewSet("joint_leave_day"), OfficeClosureViewSet("office_closure")]


@hooks.register(AFTER_SUBMIT_HOOK)
def send_a_copy_of_the_answers(*, application, form):
    # Inside the submit's transaction: a refused or failed submission records no message and sends nothing.
    application_answers_copy_send(application=application)
