from .accounts import CitizenProfile, StaffProfile
from .applications import Application, ApplicationDocument, ApplicationVersion, ReturnReason, StatusChange
from .audit import ScopedLogEntry
from .calendar import JointLeaveDay
from .pages import ApplicationFormField, ApplicationFormPage

__all__ = [
    "Application",
    "ApplicationDocument",
    "ApplicationFormField",
    "ApplicationFormPage",
    "ApplicationVersion",
    "CitizenProfile",
    "JointLeaveDay",
    "ReturnReason",
    "ScopedLogEntry",
    "StaffProfile",
    "StatusChange",
]
