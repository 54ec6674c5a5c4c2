from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from forms.office.scope import is_office_staff
from forms.templatetags.application_extras import EXTRA_HOOK

from .admin_views import SurveyPanel, counter_qr, survey_home


@hooks.register("register_log_actions")
def register_survey_actions(actions):
    actions.register_action(
        "survey.print_qr", _("Print the survey QR code"), _("Printed the survey QR code for the citizen")
    )


@hooks.register("register_admin_urls")
def register_survey_urls():
    return [
        path("survei/", survey_home, name="survey_admin_home"),
        path("survei/qr/<int:pk>/", counter_qr, name="survey_counter_qr"),
    ]


class SurveyMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_survey_menu_item():
    return SurveyMenuItem(_("Satisfaction survey"), reverse("survey_admin_home"), icon_name="pick", order=110)


@hooks.register("construct_homepage_panels")
def add_survey_panel(request, panels):
    if is_office_staff(request.user):
        panels.append(SurveyPanel(request.user))


@hooks.register(EXTRA_HOOK)
def invite_on_the_application_page():
    return "detail", "survey/includes/detail_invitation.html"
