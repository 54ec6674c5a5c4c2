"""Wagtail's audit log, read within each room's scope: Site history shows a user only the entries they may see."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager


class ScopedLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        """Wagtail's rule (any permission on the object's type), narrowed by each `filter_log_entries_for_user` hook."""
        entries = super().viewable_by_user(user)
        if user.is_superuser:
            return entries
        for narrow in hooks.get_hooks("filter_log_entries_for_user"):
            entries = narrow(user, entries)
        return entries


class ScopedLogEntry(ModelLogEntry):
    """Wagtail's ModelLogEntry rows, no others; registered in its place (forms/wagtail_hooks.py)."""

    objects = ScopedLogEntryManager()

    class Meta:
        proxy = True
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
