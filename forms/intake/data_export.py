"""Everything the portal holds about one citizen, as they may download it (UU 27/2022 right of access)."""

from django.forms.models import model_to_dict
from django.utils import timezone

from forms.models import Application

from .retention import personal_data_holders


def export_time(value):
    """A moment as the export writes it: office-local ISO 8601, or None."""
    return timezone.localtime(value).isoformat() if value else None


def citizen_data(user) -> dict:
    """The account, its applications with their timeline, files' details and survey answers, and what the rooms that
    plug in through PERSONAL_DATA_HOOK hold (complaints)."""
    profile = getattr(user, "citizen_profile", None)
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("kecamatan")
        .prefetch_related("documents", "history", "history__reasons")
        .order_by("submit_time")
    )
    data = {
        "generated_at": export_time(timezone.now()),
        "account": {
            "email": user.email,
            "full_name": profile.full_name if profile else user.get_full_name(),
            "mobile": profile.mobile if profile else "",
            "joined": export_time(user.date_joined),
        },
        "applications": [_application(application) for application in applications],
    }
    for holder in personal_data_holders():
        data[holder.export_key] = holder.export(user)
    return data


def _application(application) -> dict:
    survey = getattr(application, "survey_response", None)
    return {
        "tracking_number": application.tracking_number,
        "service": application.service_title,
        "variant": application.variant_name,
        "channel": application.get_channel_display(),
        "status": application.get_status_display(),
        "submitted_at": export_time(application.submit_time),
        "kecamatan": application.kecamatan.name if application.kecamatan else None,
        "name": application.applicant_name,
        "nik": application.nik,
        "kk_number": application.kk_number,
        "mobile": application.mobile,
        "delivery": application.get_delivery_method_display(),
        "delivery_address": application.delivery_address,
        "form_data": application.form_data,
        "personal_data_removed_at": export_time(application.anonymised_at),
        "documents": [
            {
                "requirement": document.label,
                "file_name": document.original_name,
                "type": document.content_type,
                "size": document.size,
                "uploaded_at": export_time(document.uploaded_at),
                "current": document.is_current,
            }
            for document in application.documents.all()
        ],
        "timeline": [
            {
                "at": export_time(change.at),
                "status": change.get_to_status_display(),
                "note": change.note,
                "reasons": [{"requirement": r.requirement, "reason": r.reason} for r in change.reasons.all()],
            }
            for change in application.history.all()
        ],
        "survey_answer": (
            model_to_dict(survey, exclude=["id", "application", "service", "kecamatan"]) if survey else None
        ),
    }
