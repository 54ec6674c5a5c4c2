"""Staff side of the survey: the counter QR code to print, recent invitations, and the dashboard panel."""

from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.log_actions import log

from forms.office.guards import office_staff_required
from forms.office.scope import office_scope
from forms.review.selectors import application_for_staff
from services.models import Kecamatan

from .constants import ANSWERABLE_STATUSES
from .periods import Period
from .selectors import minimum_respondents, responses_in, survey_invitations_for, survey_result
from .tokens import link_max_age


def current_figures(user) -> list[dict]:
    """This quarter's index city-wide and, for a scope narrower than the city, at its office; small figures withheld."""
    period = Period.current()
    scopes = [(None, None)]
    office = office_scope(user).own_kecamatan_id
    if office is not None:
        scopes.append((office, Kecamatan.objects.filter(pk=office).values_list("name", flat=True).first() or ""))
    figures = []
    minimum = minimum_respondents()
    for kecamatan_id, name in scopes:
        result = survey_result(responses_in(start=period.start, end=period.end, kecamatan_id=kecamatan_id))
        figures.append({"name": name, "result": result, "hidden": 0 < result.respondents < minimum})
    return figures


@office_staff_required
def survey_home(request):
    """This quarter's index, and the recent hand-overs whose QR code can be printed."""
    context = {
        "period": Period.current(),
        "figures": current_figures(request.user),
        "minimum": minimum_respondents(),
        "applications": survey_invitations_for(request.user),
        "days": link_max_age().days,
    }
    return TemplateResponse(request, "survey/admin/home.html", context)


@office_staff_required
def counter_qr(request, pk):
    """A printable page with the survey QR code of one application, scoped like the application queue."""
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
