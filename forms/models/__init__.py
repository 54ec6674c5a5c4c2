from .accounts import CitizenProfile
from .applications import Application, ApplicationDocument, ApplicationVersion, ReturnReason, StatusChange
from .pages import ApplicationFormField, ApplicationFormPage

__all__ = [
    "Application",
    "ApplicationDocument",
    "ApplicationFormField",
    "ApplicationFormPage",
    "ApplicationVersion",
    "CitizenProfile",
    "ReturnReason",
    "StatusChange",
]
