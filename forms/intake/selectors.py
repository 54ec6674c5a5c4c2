from django.db.models import Prefetch
from django.http import Http404

from forms.models import Application, ApplicationDraft, StatusChange


def applications_of(user):
    return Application.objects.filter(applicant=user).select_related("kecamatan").order_by("-submit_time")


def drafts_of(user):
    return ApplicationDraft.objects.filter(applicant=user).select_related("page").order_by("-updated_at")


def application_for_owner(*, user, tracking_number) -> Application:
    """The citizen's own application with its timeline; any other number is a 404, never a 403."""
    try:
        return (
            Application.objects.select_related("kecamatan", "page", "service")
            .prefetch_related(
                Prefetch("history", queryset=StatusChange.objects.prefetch_related("reasons").order_by("at", "pk")),
                "documents",
                "versions",
            )
            .get(tracking_number=tracking_number, applicant=user)
        )
    except Application.DoesNotExist:
        raise Http404 from None
