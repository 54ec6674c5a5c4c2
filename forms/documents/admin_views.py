"""The head of office's screens in Wagtail's admin: what waits for certification, and one application's document."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms.constants import TRANSITIONS_BY_ACTION
from forms.models.pages import NOT_SAVED_RETRY_AFTER_SECONDS
from forms.office.downloads import private_document_response
from forms.office.guards import office_staff_required
from forms.office.roles import user_roles
from forms.office.storage import UploadsNotStored
from forms.review.selectors import application_for_staff
from forms.review.transitions import StaleTransition, allowed_transitions

from .forms import CertifyForm
from .selectors import awaiting_certification, issued_document_of
from .services import CERTIFY, document_certify

CERTIFY_STEP = TRANSITIONS_BY_ACTION[CERTIFY]


def may_certify(application, user) -> bool:
    return any(t.action == CERTIFY for t in allowed_transitions(application=application, user=user))


@office_staff_required
def queue(request):
    """The digital documents waiting for certification in the user's offices."""
    context = {"applications": awaiting_certification(request.user)}
    return TemplateResponse(request, "documents/admin/queue.html", context)


@office_staff_required
def document(request, pk):
    """Attach the certified PDF and certify; once issued, the document's facts and the staff download."""
    application = application_for_staff(user=request.user, pk=pk)
    if request.method == "POST" and CERTIFY_STEP.role not in user_roles(request.user):
        raise PermissionDenied
    form = CertifyForm(request.POST or None, request.FILES or None, initial={"expected_status": application.status})
    not_saved = False
    if request.method == "POST" and form.is_valid():
        try:
            document_certify(
                application=application,
                by=request.user,
                upload=form.cleaned_data["document"],
                expected_status=form.cleaned_data["expected_status"],
            )
        except StaleTransition as error:
            messages.warning(request, " ".join(error.messages))
            return redirect("documents_admin:document", application.pk)
        except UploadsNotStored:
            not_saved = True
        except ValidationError as error:
            if not (getattr(error, "code", None) or "").startswith(
                "upload_"
            ):  # the step itself, not the file, was refused
                messages.error(request, " ".join(error.messages))
                return redirect("documents_admin:document", application.pk)
            form.add_error("document", error)
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": CERTIFY_STEP.label})
            return redirect("intake_application:review", application.pk)
    context = {
        "application": application,
        "issued": issued_document_of(application),
        "form": form if may_certify(application, request.user) else None,
        "not_saved": not_saved,
    }
    response = TemplateResponse(request, "documents/admin/document.html", context, status=503 if not_saved else 200)
    if not_saved:
        response["Retry-After"] = str(NOT_SAVED_RETRY_AFTER_SECONDS)
    return response


@office_staff_required
def download(request, pk):
    """Staff's copy of the issued document: scoped like the application, and written to the audit log."""
    application = application_for_staff(user=request.user, pk=pk)
    issued = issued_document_of(application)
    if issued is None or not issued.has_file:
        raise Http404
    log(instance=application, action="documents.staff_download", user=request.user, data={"document": issued.pk})
    return private_document_response(issued, inline=True, sandbox=True, stream=True)
