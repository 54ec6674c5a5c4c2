"""What a staff member may see: an operator their own kecamatan, the city-wide roles everything."""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from .constants import CITY_WIDE_ROLES, FINAL_STATUSES, StaffRole
from .models import Application


def applications_visible_to(user, queryset=None):
    queryset = Application.objects.all() if queryset is None else queryset
    from .services import user_kecamatan_id, user_roles

    roles = user_roles(user)
    if roles & CITY_WIDE_ROLES:
        return queryset
    if StaffRole.OPERATOR in roles and user_kecamatan_id(user):
        return queryset.filter(kecamatan_id=user_kecamatan_id(user))
    return queryset.none()


def application_for_staff(*, user, pk) -> Application:
    """One application the user may see, with what the review page shows; anything else is a 404."""
    queryset = applications_visible_to(user).select_related("kecamatan", "page", "applicant")
    try:
        return queryset.prefetch_related("documents", "history__reasons", "history__by").get(pk=pk)
    except (Application.DoesNotExist, ValueError):
        raise Http404 from None


def overdue_q(now=None):
    return Q(due_at__lt=now or timezone.now()) & ~Q(status__in=FINAL_STATUSES)
