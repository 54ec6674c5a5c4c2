"""Staff side of the survey: the counter QR code to print, recent invitations, and the dashboard panel."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log

from ..constants import StaffRole
from forms.office.scope import CITY_WIDE_ROLES
from forms.review.selectors import application_for_staff
from forms.office.roles import user_kecamatan_id, user_roles
from .constants import ANSWERABLE_STATUSES
from .periods import Period
from .selectors import minimum_respondents, responses_in, survey_invitations_for, survey_result
from .tokens import link_max_age


def is_survey_staff(user) -> bool:
    """The office's roles; content editors publish pages and have no business with applications."""
    return bool(user_roles(user) - {StaffRole.CONTENT_EDITOR})


def _staff_only(request):
    if not is_survey_staff(request.user):
        raise PermissionDenied


def current_figures(user) -> list[dict]:
    """This quarter's index city-wide and, for an operator, at their own kecamatan; small figures withheld."""
    period = Period.current()
    scopes = [(None, None)]
    roles = user_roles(user)
    office = user_kecamatan_id(user)
    if StaffRole.OPERATOR in roles and not roles & CITY_WIDE_ROLES and office:
        scopes.append((office, getattr(user.staff_profile.kecamatan, "name", "")))
    figures = []
    minimum = minimum_respondents()
    for kecamatan_id, name in scopes:
        result = survey_result(responses_in(start=period.start, end=period.end, kecamatan_id=kecamatan_id))
        figures.append({"name": name, "result": result, "hidden": 0 < result.respondents < minimum})
    return figures


@never_cache
def survey_home(request):
    """This quarter's index, and the recent hand-overs whose QR code can be printed."""
    _staff_only(request)
    context = {
        "period": Period.current(),
        "figures": current_figures(request.user),
        "minimum": minimum_respondents(),
        "applications": survey_invitations_for(request.user),
        "days": link_max_age().days,
    }
    return TemplateResponse(request, "survey/admin/home.html", context)


@never_cache
def counter_qr(request, pk):
    """A printable page with the survey QR code of one application, scoped like the application queue."""
    _staff_only(request)
    application = application_for_staff(user=request.user, pk=pk)
    answerable = application.status in ANSWERABLE_STATUSES
    if answerable:
        log(instance=application, action="survey.print_qr", user=request.user)
    context = {"application": application, "answerable": answerable}
    return TemplateResponse(request, "survey/admin/counter_qr_print.html", context)


class SurveyPanel(Component):
    """The dashboard's view of this quarter's community satisfaction index."""

    name = "survey_index"
    template_name = "survey/admin/dashboard_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "period": Period.current(),
            "figures": current_figures(self.user),
            "minimum": minimum_respondents(),
            "home_url": reverse("survey_admin_home"),
            "public_url": reverse("survey:transparency"),
        }
