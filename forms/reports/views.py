"""The service report in Wagtail's admin: the page, and the same figures as XLSX and PDF; every view audited."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail.log_actions import log

from forms.office.guards import office_staff_required
from forms.office.scope import office_scope

from .exports import export_filename, report_pdf, report_title, report_xlsx
from .forms import ReportFilterForm
from .selectors import service_report_build

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filter_form(request) -> ReportFilterForm:
    scope = office_scope(request.user)
    office = scope.own_kecamatan_id
    asked = request.GET.get("kecamatan", "")
    # An operator's report is their own office's; asking for another office's figures is refused, not rewritten.
    if office is not None and asked not in ("", str(office)):
        raise PermissionDenied
    data = {**ReportFilterForm.defaults(office_id=office), **request.GET.dict()}
    if office is not None:
        data["kecamatan"] = str(office)
    return ReportFilterForm(data, office_scope=scope)


def _audit(request, report, action, output):
    scope = report.scope
    log(
        instance=request.user,
        action=action,
        user=request.user,
        data={
            "format": output,
            "start": scope.start.isoformat(),
            "end": scope.end.isoformat(),
            "service": scope.service_id,
            "kecamatan": scope.kecamatan_id,
        },
    )


def _build(request, form):
    return service_report_build(
        scope=form.scope(), previous_scope=form.previous_scope(), labels=form.labels(), user=request.user
    )


@office_staff_required
def report_page(request):
    """The filter form and every registered section, with charts and their tables."""
    form = _filter_form(request)
    context = {"form": form, "page_title": report_title(), "report": None}
    if form.is_valid():
        report = _build(request, form)
        _audit(request, report, "reports.view", "html")
        context["report"] = report
        context["query"] = urlencode(form.data)
    return TemplateResponse(request, "reports/admin/report.html", context)


def _export(request, output):
    form = _filter_form(request)
    if not form.is_valid():
        response = TemplateResponse(
            request, "reports/admin/report.html", {"form": form, "page_title": report_title(), "report": None}
        )
        response.status_code = 400
        return response
    report = _build(request, form)
    _audit(request, report, "reports.export", output)
    if output == "xlsx":
        response = HttpResponse(report_xlsx(report), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(report, output)}"'
    return response


@office_staff_required
def report_xlsx_download(request):
    return _export(request, "xlsx")


@office_staff_required
def report_pdf_download(request):
    return _export(request, "pdf")
