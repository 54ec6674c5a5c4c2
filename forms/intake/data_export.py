"""Everything the portal holds about one citizen, as they may download it (UU 27/2022 right of access)."""

from django.forms.models import model_to_dict
from django.utils import timezone

from forms.models import Application


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def citizen_data(user) -> dict:
    """The account, its applications with their timeline and files' details, complaints and survey answers."""
    from forms.complaints.constants import EventKind
    from forms.complaints.models import Complaint

    profile = getattr(user, "citizen_profile", None)
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("kecamatan")
        .prefetch_related("documents", "history", "history__reasons")
        .order_by("submit_time")
    )
    complaints = Complaint.objects.filter(complainant=user).prefetch_related("events").order_by("received_at")
    return {
        "generated_at": _when(timezone.now()),
        "account": {
            "email": user.email,
            "full_name": profile.full_name if profile else user.get_full_name(),
            "mobile": profile.mobile if profile else "",
            "joined": _when(user.date_joined),
        },
        "applications": [_application(application) for application in applications],
        "complaints": [
            {
                "tracking_number": complaint.tracking_number,
                "category": complaint.get_category_display(),
                "status": complaint.get_status_display(),
                "received_at": _when(complaint.received_at),
                "message": complaint.message,
                "name": complaint.name,
                "email": complaint.email,
                "mobile": complaint.mobile,
                "nik": complaint.nik,
                "responses": [
                    {"at": _when(event.at), "text": event.text}
                    for event in complaint.events.all()
                    if event.kind == EventKind.RESPONDED
                ],
            }
            for complaint in complaints
        ],
    }


def _application(application) -> dict:
    survey = getattr(application, "survey_response", None)
    return {
        "tracking_number": application.tracking_number,
        "service": application.service_title,
        "variant": application.variant_name,
        "channel": application.get_channel_display(),
        "status": application.get_status_display(),
        "submitted_at": _when(application.submit_time),
        "kecamatan": application.kecamatan.name if application.kecamatan else None,
        "name": application.applicant_name,
        "nik": application.nik,
        "kk_number": application.kk_number,
        "mobile": application.mobile,
        "delivery": application.get_delivery_method_display(),
        "delivery_address": application.delivery_address,
        "form_data": application.form_data,
        "personal_data_removed_at": _when(application.anonymised_at),
        "documents": [
            {
                "requirement": document.label,
                "file_name": document.original_name,
                "type": document.content_type,
                "size": document.size,
                "uploaded_at": _when(document.uploaded_at),
                "current": document.is_current,
            }
            for document in application.documents.all()
        ],
        "timeline": [
            {
                "at": _when(change.at),
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
