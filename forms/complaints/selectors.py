"""Reads of complaints: staff scope, the public lookup, related applications and the people of a tier."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from forms.intake.tracking import tracking_number_normalise
from forms.models import Application
from forms.office.scope import office_scope
from forms.review.selectors import applications_visible_to

from .constants import TIER_GROUP, UNANSWERED_STATUSES, ComplaintStatus, ComplaintTier, EventKind
from .models import Complaint, ComplaintEvent


def complaints_visible_to(user, queryset=None):
    """The complaints in the user's office scope."""
    return office_scope(user).filter(Complaint.objects.all() if queryset is None else queryset)


def user_may_see_complaint(user, complaint) -> bool:
    return office_scope(user).allows(complaint.kecamatan_id)


def complaint_for_staff(*, user, pk) -> Complaint:
    """One complaint the user may see, with its history and attachment; anything else is a 404."""
    queryset = complaints_visible_to(user).select_related(
        "kecamatan", "service", "application", "assigned_to", "recorded_by", "complainant", "attachment"
    )
    try:
        return queryset.prefetch_related(
            Prefetch("events", queryset=ComplaintEvent.objects.select_related("by", "assigned_to"))
        ).get(pk=pk)
    except (Complaint.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def complaint_for_tracking(*, tracking_number: str, nik4: str) -> Complaint | None:
    """The complaint with this number whose NIK ends in these 4 digits, with its responses; None otherwise."""
    number = tracking_number_normalise(tracking_number)
    if not number or len(nik4) != 4 or not nik4.isdigit():
        return None
    responses = ComplaintEvent.objects.filter(kind=EventKind.RESPONDED).order_by("at", "pk")
    return (
        Complaint.objects.filter(tracking_number=number, nik__endswith=nik4)
        .exclude(nik="")
        .prefetch_related(Prefetch("events", queryset=responses, to_attr="responses"))
        .first()
    )


def overdue_q(now=None):
    """Unanswered past the limit, whichever tier holds it now."""
    return Q(status__in=UNANSWERED_STATUSES, escalation_due_at__lt=now or timezone.now())


def application_for_complainant(*, tracking_number: str, user, nik: str) -> Application | None:
    """The application a complaint may name: the account's own, or (without login) one filed under the same NIK.

    Both ways answer None for an unknown number and for someone else's application alike, so the form cannot
    be used to learn whether another person's application exists.
    """
    number = tracking_number_normalise(tracking_number)
    if not number:
        return None
    applications = Application.objects.filter(tracking_number=number)
    if user is not None and user.is_authenticated:
        return applications.filter(applicant=user).first()
    if not nik:
        return None
    return applications.filter(nik=nik).first()


def application_for_staff_record(*, tracking_number: str, user) -> Application | None:
    """An application a staff member may name on a complaint they record: one inside their own scope."""
    number = tracking_number_normalise(tracking_number)
    if not number:
        return None
    return applications_visible_to(user).filter(tracking_number=number).first()


def tier_members(tier: str):
    """Active members of the group that handles this tier, e.g. to notify them or to assign one of them."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=TIER_GROUP[ComplaintTier(tier)])
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


def complaint_counts_for(user, now=None) -> dict:
    """Open, escalated-and-open and overdue counts in the user's scope, for the dashboard."""
    open_statuses = [ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS, ComplaintStatus.ANSWERED]
    return complaints_visible_to(user).aggregate(
        open=Count("pk", filter=Q(status__in=open_statuses)),
        escalated=Count("pk", filter=Q(status__in=open_statuses, tier=ComplaintTier.LEADERSHIP)),
        overdue=Count("pk", filter=overdue_q(now)),
    )


def complainant_prefill(user) -> dict:
    """What a logged-in citizen's account already tells: name, e-mail, mobile, and the NIK of their last application."""
    if user is None or not user.is_authenticated:
        return {}
    profile = getattr(user, "citizen_profile", None)
    latest = Application.objects.filter(applicant=user).exclude(nik="").order_by("-submit_time").first()
    return {
        "name": profile.full_name if profile else user.get_full_name(),
        "email": user.email,
        "mobile": profile.mobile if profile else "",
        "nik": latest.nik if latest else "",
    }
