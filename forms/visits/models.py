"""Where and when a citizen comes to activate IKD: per-office capacity, closed days, the day's counter, bookings."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from forms.identity import mask_nik

from .constants import DEFAULT_QUEUE_PREFIXES, OPEN_STATUSES, NotCompletedReason, VisitStatus


def default_daily_capacity() -> int:
    return getattr(settings, "VISIT_DAILY_CAPACITY", 40)


def default_queue_prefix(kecamatan) -> str:
    return DEFAULT_QUEUE_PREFIXES.get(kecamatan.region_code) or kecamatan.name.split()[-1][:3].upper()


class VisitOffice(models.Model):
    """One kecamatan office's IKD visit settings; without a row the office takes the defaults."""

    kecamatan = models.OneToOneField(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.CASCADE, related_name="visit_office"
    )
    daily_capacity = models.PositiveSmallIntegerField(
        _("visits per day"),
        default=default_daily_capacity,
        validators=[MinValueValidator(1)],
        help_text=_("How many citizens the office can serve for IKD activation on one working day."),
    )
    queue_prefix = models.CharField(
        _("queue number letters"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{1,5}$", _("Use one to five capital letters, e.g. UTR."))],
        help_text=_("Printed before each queue number, e.g. UTR-014. Empty: derived from the kecamatan's name."),
    )

    panels = [FieldPanel("kecamatan"), FieldPanel("daily_capacity"), FieldPanel("queue_prefix")]

    class Meta:
        verbose_name = _("IKD visit office")
        verbose_name_plural = _("IKD visit offices")
        ordering = ["kecamatan__name"]

    def __str__(self):
        return str(self.kecamatan)


class VisitClosedDay(models.Model):
    """A day one office takes no IKD visits (training, network outage), on top of the city's non-working days."""

    kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.CASCADE, related_name="visit_closed_days"
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=150, help_text=_("Shown to citizens, e.g. 'Pelatihan petugas'."))

    panels = [FieldPanel("kecamatan"), FieldPanel("date"), FieldPanel("reason")]

    class Meta:
        verbose_name = _("IKD visit closed day")
        verbose_name_plural = _("IKD visit closed days")
        ordering = ["date", "kecamatan__name"]
        constraints = [models.UniqueConstraint(fields=["kecamatan", "date"], name="visit_closed_day_unique")]

    def __str__(self):
        return f"{self.kecamatan} {self.date:%d-%m-%Y}"


class VisitDay(models.Model):
    """One office's day: the row that bookings and calls lock, so numbers are handed out one at a time."""

    kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="visit_days"
    )
    date = models.DateField(_("date"))
    last_number = models.PositiveIntegerField(_("last queue number given"), default=0)

    class Meta:
        verbose_name = _("daily queue counter")
        verbose_name_plural = _("daily queue counters")
        constraints = [models.UniqueConstraint(fields=["kecamatan", "date"], name="visit_day_unique")]

    def __str__(self):
        return f"{self.kecamatan} {self.date:%d-%m-%Y}"


class VisitBooking(models.Model):
    """A citizen's place in one office's queue on one day, and what happened at the counter."""

    application = models.ForeignKey(
        "intake.Application", verbose_name=_("application"), on_delete=models.PROTECT, related_name="visit_bookings"
    )
    kecamatan = models.ForeignKey(
        "services.Kecamatan", verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="visit_bookings"
    )
    date = models.DateField(_("visit date"))
    number = models.PositiveIntegerField(_("queue number"))
    queue_code = models.CharField(_("queue ticket"), max_length=12)
    status = models.CharField(_("status"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.WAITING)
    booked_at = models.DateTimeField(_("booked at"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reason not completed"), max_length=20, choices=NotCompletedReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("IKD visit booking")
        verbose_name_plural = _("IKD visit bookings")
        ordering = ["date", "kecamatan", "number"]
        constraints = [
            # The last guard behind the day row's lock: one ticket number per office and day.
            models.UniqueConstraint(fields=["kecamatan", "date", "number"], name="visit_number_unique_per_day"),
            models.UniqueConstraint(
                fields=["application"], condition=Q(status__in=OPEN_STATUSES), name="visit_one_open_per_application"
            ),
            models.CheckConstraint(
                condition=~Q(status=VisitStatus.NOT_COMPLETED) | ~Q(reason=""), name="visit_not_completed_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["kecamatan", "date", "status"])]

    def __str__(self):
        return f"{self.queue_code} · {self.date:%d-%m-%Y} · {self.kecamatan}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def masked_nik(self):
        nik = self.application.nik
        return mask_nik(nik) if nik else ""
