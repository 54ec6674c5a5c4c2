from .accounts import CitizenProfile, StaffProfile
from .applications import (
    Application,
    ApplicationDocument,
    ApplicationVersion,
    CaseReminder,
    CaseReminderKind,
    ReturnReason,
    StatusChange,
)
from .audit import ScopedLogEntry
from .calendar import JointLeaveDay, OfficeClosure
from .drafts import ApplicationDraft, DraftDocument
from .pages import ApplicationFormField, ApplicationFormPage

__all__ = [
    "Application",
    "ApplicationDocument",
    "ApplicationDraft",
    "ApplicationFormField",
    "ApplicationFormPage",
    "ApplicationVersion",
    "CaseReminder",
    "CaseReminderKind",
    "CitizenProfile",
    "DraftDocument",
    "JointLeaveDay",
    "OfficeClosure",
    "ReturnReason",
    "ScopedLogEntry",
    "StaffProfile",
    "StatusChange",
]
