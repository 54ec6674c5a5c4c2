from django.db import models
from django.utils.translation import gettext_lazy as _


class JointLeaveDay(models.Model):
    """A cuti bersama day: not in the national holiday list, so an administrator enters it."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=150, help_text=_("e.g. Cuti bersama Idul Fitri"))

    class Meta:
        verbose_name = _("joint-leave day")
        verbose_name_plural = _("joint-leave days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"


class OfficeClosure(models.Model):
    """A day the office is closed by its own decision (an office event, a disaster): no working day for the clock."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200, help_text=_("e.g. Kantor tutup: pemadaman listrik"))

    class Meta:
        verbose_name = _("office closure")
        verbose_name_plural = _("office closures")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.reason}"
