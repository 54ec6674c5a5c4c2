"""Public pages: the questionnaire behind a signed link, and the transparency page of the index."""

from decimal import Decimal

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..models import Application
from .charts import bar_chart
from .constants import ANSWERABLE_STATUSES, ELEMENTS
from .forms import PeriodForm, SurveyForm
from .models import SurveyResponse
from .periods import Period
from .scoring import grade_table
from .selectors import first_survey_year, survey_overview
from .services import SurveyAlreadyAnswered, SurveyNotOpen, survey_response_submit
from .tokens import ExpiredToken, InvalidToken, link_max_age, survey_token_read


def _link_problem(request, *, expired: bool):
    context = {"expired": expired, "days": link_max_age().days}
    return TemplateResponse(request, "survey/link_problem.html", context, status=410 if expired else 400)


def _already_answered(request, status=200):
    return TemplateResponse(request, "survey/answered.html", {}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    """The questionnaire for one application; no login, the signed link is the key."""
    try:
        application_id = survey_token_read(token)
    except ExpiredToken:
        return _link_problem(request, expired=True)
    except InvalidToken:
        return _link_problem(request, expired=False)
    application = Application.objects.select_related("kecamatan").filter(pk=application_id).first()
    if application is None:
        return _link_problem(request, expired=False)
    if SurveyResponse.objects.filter(application=application).exists():
        return _already_answered(request, status=409 if request.method == "POST" else 200)
    if application.status not in ANSWERABLE_STATUSES:
        return TemplateResponse(request, "survey/not_open.html", {"application": application})

    form = SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_response_submit(application=application, answers=form.answers(), profile=form.profile())
        except SurveyAlreadyAnswered:
            return _already_answered(request, status=409)
        except SurveyNotOpen:
            return TemplateResponse(request, "survey/not_open.html", {"application": application}, status=409)
        return redirect("survey:thanks")
    context = {"form": form, "application": application}
    return TemplateResponse(request, "survey/answer.html", context, status=400 if form.errors else 200)


def thanks(request):
    return TemplateResponse(request, "survey/thanks.html", {})


def transparency(request):
    """The published index of a period (default: the current quarter), overall, per service and per kecamatan."""
    chosen = any(name in request.GET for name in ("periode", "tahun", "ke"))
    current = Period.current()
    form = PeriodForm(request.GET if chosen else None, first_year=first_survey_year(), initial=current.query())
    if chosen and not form.is_valid():
        return TemplateResponse(request, "survey/transparency.html", {"form": form}, status=400)
    period = form.cleaned_data["period"] if chosen else current
    overview = survey_overview(period)
    overall = overview.overall
    chart = None
    if overall.respondents and not overall.hidden:
        names = [str(element.name) for element in ELEMENTS]
        chart = bar_chart(list(zip(names, overall.result.published_means, strict=True)), maximum=Decimal(4))
    context = {"form": form, "overview": overview, "chart": chart, "elements": ELEMENTS, "grades": grade_table()}
    return TemplateResponse(request, "survey/transparency.html", context)
