"""Records shared by several pages: regulations, complaint channels and the kecamatan offices."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from ..constants import ChannelKind, RegulationKind


class Regulation(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A law or regulation a standard rests on (Dasar Hukum); shared by every standard that cites it."""

    kind = models.CharField(_("kind"), max_length=20, choices=RegulationKind.choices)
    number = models.CharField(_("number"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    designation = models.CharField(
        _("designation"),
        max_length=200,
        help_text=_("How the decrees cite it, e.g. 'UU No. 24 Tahun 2013'."),
    )
    title = models.TextField(_("title"), help_text=_("What it is about, the text after 'tentang'."))

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("year")]),
        FieldPanel("designation"),
        FieldPanel("title"),
    ]
    search_fields = [index.SearchField("designation"), index.SearchField("title")]

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["year", "number"]

    def __str__(self):
        return f"{self.designation} tentang {self.title}"

    def clean(self):
        errors = {}
        if self.designation and self.number and not re.search(rf"\b{re.escape(self.number)}\b", self.designation):
            errors["designation"] = _("The designation must contain the number %(number)s.") % {"number": self.number}
        if self.designation and self.year and str(self.year) not in self.designation:
            errors["designation"] = _("The designation must contain the year %(year)s.") % {"year": self.year}
        if errors:
            raise ValidationError(errors)


class ComplaintChannelSet(WorkflowMixin, DraftStateMixin, RevisionMixin, ClusterableModel):
    """The complaint, suggestion and feedback channels, one record that every standard shows."""

    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("name"), InlinePanel("channels", label=_("Channels"), min_num=1)]

    class Meta:
        verbose_name = _("complaint channel set")
        verbose_name_plural = _("complaint channel sets")

    def __str__(self):
        return self.name

    def grouped_channels(self):
        """Channels of one kind together, in the order their kind first appears."""
        groups: dict[str, list[ComplaintChannel]] = {}
        for channel in self.channels.all():
            groups.setdefault(channel.kind, []).append(channel)
        return list(groups.values())


class ComplaintChannel(Orderable):
    channel_set = ParentalKey(ComplaintChannelSet, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    value = models.CharField(
        _("value"),
        max_length=200,
        help_text=_("The number, address, handle or place as the public should read it."),
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("value")])]

    class Meta(Orderable.Meta):
        verbose_name = _("complaint channel")
        verbose_name_plural = _("complaint channels")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    @property
    def href(self):
        """A link the citizen can tap, or None for a place such as the suggestion box."""
        if self.kind in (ChannelKind.WHATSAPP, ChannelKind.SMS):
            digits = re.sub(r"\D", "", self.value)
            return f"https://wa.me/{digits}" if self.kind == ChannelKind.WHATSAPP else f"sms:+{digits}"
        if self.kind == ChannelKind.EMAIL:
            return f"mailto:{self.value}"
        if self.kind == ChannelKind.WEBSITE:
            return self.value if "://" in self.value else f"https://{self.value}"
        return None

    def clean(self):
        if self.kind in (ChannelKind.WHATSAPP, ChannelKind.SMS) and not re.fullmatch(
            r"\+?[\d\s().-]{8,20}", self.value
        ):
            raise ValidationError({"value": _("Enter a phone number such as +62 816-4560-909.")})
        if self.kind == ChannelKind.EMAIL and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", self.value):
            raise ValidationError({"value": _("Enter an e-mail address such as capil.balikpapan@gmail.com.")})


class Kecamatan(models.Model):
    """A sub-district (kecamatan) office, one of the city's service points."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    region_code = models.CharField(
        _("region code"),
        max_length=8,
        unique=True,
        help_text=_("Kemendagri code, e.g. 64.71.01; its digits begin every NIK issued there."),
    )
    address = models.CharField(_("office address"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("region_code"), FieldPanel("address")]

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["region_code"]

    def __str__(self):
        return self.name

    def clean(self):
        if not re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", self.region_code or ""):
            raise ValidationError({"region_code": _("Use the form 64.71.01: three pairs of digits.")})

    @property
    def nik_prefix(self):
        return self.region_code.replace(".", "")
