"""Invitations and answers of the community satisfaction survey; one answer per application."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import ELEMENTS, AgeBand, Education, Gender, Occupation

SCORE_CHOICES = [(1, "1"), (2, "2"), (3, "3"), (4, "4")]


class SurveyInvitation(models.Model):
    """The citizen was invited to answer for this application (by e-mail, on the detail page or at the counter)."""

    application = models.OneToOneField(
        "intake.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="survey_invitation",
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now, db_index=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self):
        return str(self.application_id)


def _score_field(element):
    return models.PositiveSmallIntegerField(element.name, choices=SCORE_CHOICES)


class SurveyResponse(models.Model):
    """One citizen's answers for one application; only the aggregates are ever shown."""

    # Kept after the application is anonymised or deleted (SET_NULL), so published indexes do not change;
    # while it exists, the one-to-one makes a second answer for the same application impossible.
    application = models.OneToOneField(
        "intake.Application",
        verbose_name=_("application"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="survey_response",
    )
    # Copied from the application when answered: the breakdowns must not move if the application does.
    service = models.ForeignKey(
        "services.ServiceStandardPage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kecamatan = models.ForeignKey(
        "services.Kecamatan",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now, db_index=True)
    requirements = _score_field(ELEMENTS[0])
    procedure = _score_field(ELEMENTS[1])
    time = _score_field(ELEMENTS[2])
    cost = _score_field(ELEMENTS[3])
    product = _score_field(ELEMENTS[4])
    competence = _score_field(ELEMENTS[5])
    conduct = _score_field(ELEMENTS[6])
    complaints = _score_field(ELEMENTS[7])
    facilities = _score_field(ELEMENTS[8])
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    education = models.CharField(_("education"), max_length=10, choices=Education.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation.choices, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{element.field}__gte": 1, f"{element.field}__lte": 4}),
                name=f"survey_{element.field}_score_1_to_4",
            )
            for element in ELEMENTS
        ]
        indexes = [models.Index(fields=["answered_at", "kecamatan"]), models.Index(fields=["answered_at", "service"])]

    def __str__(self):
        return f"{self.pk} ({self.answered_at:%Y-%m-%d})"
