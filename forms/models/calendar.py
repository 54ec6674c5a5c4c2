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
