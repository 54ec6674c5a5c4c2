from django.db import models
from django.utils.translation import gettext_lazy as _


class DurationUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    HOURS = "hours", _("hours")
    MINUTES = "minutes", _("minutes")


class ChannelKind(models.TextChoices):
    SUGGESTION_BOX = "suggestion_box", _("Suggestion box")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    WEBSITE = "website", _("Website")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")


class ProcedureChannel(models.TextChoices):
    ONLINE = "online", _("Online (daring)")
    WALK_IN = "walk_in", _("Walk-in (luring)")
    GENERAL = "general", _("Not split by channel")


class SopActor(models.TextChoices):
    """The SOP's actor columns: Pemohon, Operator, Kasi, Kadis, Pengolah Dokumen."""

    APPLICANT = "applicant", _("Pemohon")
    OPERATOR = "operator", _("Operator")
    SECTION_HEAD = "section_head", _("Kasi")
    HEAD_OF_OFFICE = "head_of_office", _("Kadis")
    DOCUMENT_PROCESSOR = "document_processor", _("Pengolah Dokumen")


class RegulationKind(models.TextChoices):
    LAW = "uu", _("Undang-Undang")
    GOVERNMENT_REGULATION = "pp", _("Peraturan Pemerintah")
    PRESIDENTIAL_REGULATION = "perpres", _("Peraturan Presiden")
    MINISTERIAL_REGULATION = "permen", _("Peraturan Menteri")
    REGIONAL_REGULATION = "perda", _("Peraturan Daerah")
    MAYORAL_REGULATION = "perwali", _("Peraturan Wali Kota")
    DECREE = "keputusan", _("Keputusan")
