from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from forms.constants import ApplicationStatus
from forms.office.scope import is_office_staff
from forms.review.admin_views import REVIEW_ACTION_HOOK
from forms.templatetags.application_extras import EXTRA_HOOK

from .constants import LedgerKind
from .panels import StockPanel


@hooks.register("register_log_actions")
def register_dispatch_actions(actions):
    for kind in LedgerKind:
        actions.register_action(f"dispatch.{kind.value}", kind.label, kind.label)
    actions.register_action(
        "dispatch.manifest_prepare", _("Prepare a return manifest"), _("Prepared a return manifest")
    )
    actions.register_action(
        "dispatch.manifest_confirm", _("Confirm a return manifest"), _("Confirmed a return manifest")
    )
    actions.register_action("dispatch.manifest_pdf", _("Print a return manifest"), _("Printed a return manifest"))
    actions.register_action("dispatch.transfer_send", _("Send blanks to another kecamatan"), _("Sent blanks"))
    actions.register_action("dispatch.transfer_confirm", _("Confirm a transfer of blanks"), _("Confirmed a transfer"))
    actions.register_action("dispatch.transfer_refuse", _("Refuse a transfer of blanks"), _("Refused a transfer"))
    actions.register_action("dispatch.serial_search", _("Search a blank by serial"), _("Searched a blank"))
    actions.register_action("dispatch.restock_request", _("Request a restock"), _("Requested a restock"))
    actions.register_action("dispatch.ikd_instead", _("Choose IKD instead of the card"), _("Chose IKD instead"))
    actions.register_action(
        "dispatch.temporary_certificate_view",
        _("Open a temporary certificate"),
        _("Opened a temporary certificate"),
    )
    actions.register_action(
        "dispatch.temporary_certificate", _("Issue a temporary certificate"), _("Issued a temporary certificate")
    )
    actions.register_action(
        "dispatch.chain_broken",
        _("Find blank-card book lines altered outside the portal"),
        _("Found blank-card book lines altered outside the portal"),
    )


@hooks.register("register_admin_urls")
def register_dispatch_urls():
    return [path("cetak/", include("forms.dispatch.urls", namespace="dispatch"))]


class DispatchMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_dispatch_menu_item():
    return DispatchMenuItem(_("KTP-el printing"), reverse("dispatch:overview"), icon_name="doc-full", order=110)


@hooks.register("construct_homepage_panels")
def add_stock_panel(request, panels):
    if is_office_staff(request.user):
        panels.append(StockPanel(request.user))


@hooks.register("insert_global_admin_css")
def dispatch_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("dispatch/admin.css"))


@hooks.register(REVIEW_ACTION_HOOK)
def link_the_print_room(*, application, user):
    if application.status == ApplicationStatus.PRINT_APPROVED:
        return _("Go to the print queue"), reverse("dispatch:queue", args=[application.kecamatan_id])
    if application.status in (ApplicationStatus.READY_FOR_PICKUP, ApplicationStatus.IN_DELIVERY):
        return _("Go to hand-over"), reverse("dispatch:hand_over", args=[application.kecamatan_id, application.pk])
    return None


@hooks.register(EXTRA_HOOK)
def show_the_print_wait_on_the_application():
    return "summary", "dispatch/includes/print_wait.html"
