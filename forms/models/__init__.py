from .accounts import CitizenProfile, StaffProfile
from .applications import Application, ApplicationDocument, ApplicationVersion, ReturnReason, StatusChange
from .audit import ScopedLogEntry
from .calendar import JointLeaveDay, OfficeClosure
from .pages import ApplicationFormField, ApplicationFormPage

__all__ = [
    "Application",
    "ApplicationDocument",
    "ApplicationFormField",
    "ApplicationFormPage",
    "ApplicationVersion",
    "CitizenProfile",
    "JointLeaveDay",
    "OfficeClosure",
    "ReturnReason",
    "ScopedLogEntry",
    "StaffProfile",
    "StatusChange",
]
