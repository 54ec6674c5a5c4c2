"""The review room's messages to staff, sent through the messenger (by e-mail, as staff messages are)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from forms.messaging.kinds import MessageKind, message_kind_register

CASE_ASSIGNED = message_kind_register(
    MessageKind(
        key="review.case_assigned",
        label=gettext_lazy("Case assigned"),
        email_subject=lambda context: (
            _("Case %(number)s assigned to you") % {"number": context["application"].tracking_number}
        ),
        email_body="review/email/case_assigned.txt",
    )
)
CASES_DUE_SOON = message_kind_register(
    MessageKind(
        key="review.cases_due_soon",
        label=gettext_lazy("Cases due soon"),
        email_subject=lambda context: (
            ngettext("%(count)s case is due soon", "%(count)s cases are due soon", len(context["applications"]))
            % {"count": len(context["applications"])}
        ),
        email_body="review/email/cases_due_soon.txt",
    )
)
CASES_OVERDUE = message_kind_register(
    MessageKind(
        key="review.cases_overdue",
        label=gettext_lazy("Cases past their due time"),
        email_subject=lambda context: (
            ngettext(
                "%(count)s case has reached its due time",
                "%(count)s cases have reached their due time",
                len(context["applications"]),
            )
            % {"count": len(context["applications"])}
        ),
        email_body="review/email/cases_overdue.txt",
    )
)
