from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from forms.constants import StaffRole
from forms.intake.retention import PERSONAL_DATA_HOOK
from forms.office.roles import user_roles
from forms.office.scope import is_office_staff
from forms.review.admin_views import REVIEW_ACTION_HOOK
from forms.templatetags.application_extras import EXTRA_HOOK

from . import admin_views
from .retention import DocumentsPersonalData
from .selectors import issued_document_of


@hooks.register(EXTRA_HOOK)
def offer_the_download_on_the_application():
    return "summary", "documents/includes/download.html"


@hooks.register(EXTRA_HOOK)
def tell_where_to_download_in_the_status_email():
    return "status_email", "documents/email/download.txt"


@hooks.register(REVIEW_ACTION_HOOK)
def link_the_document_screen(*, application, user):
    if admin_views.may_certify(application, user):
        return admin_views.CERTIFY_STEP.label, reverse("documents_admin:document", args=[application.pk])
    if issued_document_of(application) is not None:
        return _("Issued document"), reverse("documents_admin:document", args=[application.pk])
    return None


@hooks.register(PERSONAL_DATA_HOOK)
def register_documents_personal_data():
    return DocumentsPersonalData()


class CertificationMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office_staff(request.user) and StaffRole.HEAD_OF_OFFICE in user_roles(request.user)


@hooks.register("register_admin_urls")
def register_document_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.document, name="document"),
        path("<int:pk>/unduh/", admin_views.download, name="download"),
    ]
    return [path("dokumen-terbit/", include((urls, "documents_admin")))]


@hooks.register("register_admin_menu_item")
def register_certification_menu_item():
    return CertificationMenuItem(_("Certification"), reverse("documents_admin:queue"), icon_name="doc-full", order=105)


@hooks.register("register_log_actions")
def register_document_actions(actions):
    actions.register_action(
        "documents.certify", _("Attach the certified document"), _("Attached the certified document")
    )
    actions.register_action(
        "documents.staff_download", _("Download the issued document"), _("Downloaded the issued document")
    )
    actions.register_action(
        "documents.file_delete", _("Delete the issued document's file"), _("Deleted the issued document's file")
    )
