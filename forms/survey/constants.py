"""The national questionnaire (PermenPANRB 14/2017): nine elements, four answers each, and the respondent profile."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..constants import ApplicationStatus


@dataclass(frozen=True)
class Element:
    """One element (unsur) of the survey: its model field, its name, the question and the answers scored 1 to 4."""

    number: int
    field: str
    name: str
    question: str
    answers: tuple[str, str, str, str]


# The regulation's list of elements (a-i) sets the order; its sample questionnaire asks about facilities
# before complaint handling, so the questions below keep the sample's wording but the list's numbering.
ELEMENTS = (
    Element(
        1,
        "requirements",
        _("Requirements"),
        _("What do you think of how well the service requirements fit the type of service?"),
        (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
    ),
    Element(
        2,
        "procedure",
        _("Systems, mechanisms and procedures"),
        _("How do you find the ease of the service procedure at this office?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy")),
    ),
    Element(
        3,
        "time",
        _("Completion time"),
        _("What do you think of the speed of the service?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast")),
    ),
    Element(
        4,
        "cost",
        _("Cost/tariff"),
        _("What do you think of the fairness of the cost/tariff of the service?"),
        (_("Very expensive"), _("Rather expensive"), _("Cheap"), _("Free of charge")),
    ),
    Element(
        5,
        "product",
        _("Product specification by type of service"),
        _(
            "What do you think of how well the service product stated in the service standard matches what you "
            "received?"
        ),
        (_("Not appropriate"), _("Less appropriate"), _("Appropriate"), _("Very appropriate")),
    ),
    Element(
        6,
        "competence",
        _("Staff competence"),
        _("What do you think of the competence/ability of the staff who served you?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
    ),
    Element(
        7,
        "conduct",
        _("Staff conduct"),
        _("What do you think of the staff's conduct, in courtesy and friendliness?"),
        (
            _("Not courteous and friendly"),
            _("Less courteous and friendly"),
            _("Courteous and friendly"),
            _("Very courteous and friendly"),
        ),
    ),
    Element(
        8,
        "complaints",
        _("Handling of complaints, suggestions and feedback"),
        _("What do you think of how complaints from service users are handled?"),
        (_("None exists"), _("Exists but does not work"), _("Works, but not fully"), _("Well managed")),
    ),
    Element(
        9,
        "facilities",
        pgettext_lazy("survey element", "Facilities and infrastructure"),
        _("What do you think of the quality of the facilities and infrastructure?"),
        (_("Poor"), _("Adequate"), _("Good"), _("Very good")),
    ),
)
ELEMENT_FIELDS = tuple(element.field for element in ELEMENTS)
SCORES = (1, 2, 3, 4)

# The citizen is invited when the document reaches them; archiving comes only after one of these.
INVITING_STATUSES = (ApplicationStatus.HANDED_OVER, ApplicationStatus.SENT)
ANSWERABLE_STATUSES = (ApplicationStatus.HANDED_OVER, ApplicationStatus.SENT, ApplicationStatus.ARCHIVED)


class Grade(models.TextChoices):
    """Mutu pelayanan: the grade of the index, as the regulation's conversion table names it."""

    A = "A", _("Very good")
    B = "B", _("Good")
    C = "C", _("Less than good")
    D = "D", _("Not good")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class AgeBand(models.TextChoices):
    UNDER_20 = "under_20", _("Under 20 years")
    FROM_20 = "20_29", _("20–29 years")
    FROM_30 = "30_39", _("30–39 years")
    FROM_40 = "40_49", _("40–49 years")
    FROM_50 = "50_59", _("50–59 years")
    FROM_60 = "60_plus", _("60 years or more")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school (SD) or less")
    JUNIOR = "junior", _("Junior high school (SMP)")
    SENIOR = "senior", _("Senior high school (SMA/SMK)")
    DIPLOMA = "diploma", _("Diploma (D1–D4)")
    BACHELOR = "bachelor", _("Bachelor's degree (S1)")
    MASTER = "master", _("Master's degree (S2)")
    DOCTORATE = "doctorate", _("Doctorate (S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Civil servant (PNS)")
    MILITARY = "military", _("Armed forces (TNI)")
    POLICE = "police", _("Police (POLRI)")
    PRIVATE = "private", _("Private sector employee")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    OTHER = "other", _("Other")


class PeriodKind(models.TextChoices):
    """The published periods; the values are the public page's query parameter."""

    QUARTER = "triwulan", _("Quarter")
    SEMESTER = "semester", _("Semester")
    YEAR = "tahun", _("Year")
