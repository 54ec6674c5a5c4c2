"""The SIAK administrator's screens for the days the clock skips: joint-leave days (cuti bersama) and office closures.

Plain Wagtail model viewsets under Settings: Django's model permissions decide who may open them (the SIAK
administrator's group holds them, `forms.office.roles.ROLE_PERMISSIONS`), and Wagtail's generic views write the audit
entry for every create, edit and delete.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from forms.models import JointLeaveDay, OfficeClosure

# Said on the date field itself: Django's own unique message would name the model and point nowhere useful.
DATE_ALREADY_ENTERED = _("This date has already been entered; change that entry instead.")


class JointLeaveDayForm(WagtailAdminModelForm):
    class Meta:
        error_messages = {"date": {"unique": DATE_ALREADY_ENTERED}}


class OfficeClosureForm(WagtailAdminModelForm):
    class Meta:
        error_messages = {"date": {"unique": DATE_ALREADY_ENTERED}}


class _CalendarDayViewSet(ModelViewSet):
    add_to_settings_menu = True
    copy_view_enabled = False
    list_per_page = 50


class JointLeaveDayViewSet(_CalendarDayViewSet):
    model = JointLeaveDay
    icon = "calendar-alt"
    url_prefix = "kalender/cuti-bersama"
    menu_order = 800
    list_display = ["date", "name"]
    edit_handler = ObjectList([FieldPanel("date"), FieldPanel("name")], base_form_class=JointLeaveDayForm)


class OfficeClosureViewSet(_CalendarDayViewSet):
    model = OfficeClosure
    icon = "calendar-check"
    url_prefix = "kalender/penutupan-kantor"
    menu_order = 801
    list_display = ["date", "reason"]
    edit_handler = ObjectList([FieldPanel("date"), FieldPanel("reason")], base_form_class=OfficeClosureForm)
