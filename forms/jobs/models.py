from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class JobRun(models.Model):
    """One job's run for one period (its day or its hour); the unique pair is what lets only one scheduler run it."""

    job = models.CharField(_("job"), max_length=64)
    period = models.CharField(_("period"), max_length=16, help_text=_("The day (2026-12-01) or hour (2026-12-01T07)."))
    status = models.CharField(_("status"), max_length=16, choices=JobRunStatus.choices, default=JobRunStatus.RUNNING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    scheduled_by = models.CharField(_("scheduled by"), max_length=128, blank=True)
    created_at = models.DateTimeField(_("scheduled at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    output = models.TextField(_("output"), blank=True)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="job_run_once_per_period")]
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.job} {self.period}"
