from .decrees import DecreeIndexPage, DecreePage, SopActivity
from .snippets import ComplaintChannel, ComplaintChannelSet, Kecamatan, Regulation
from .standards import ServiceIndexPage, ServiceStandardPage, ServiceStandardRegulation

__all__ = [
    "ComplaintChannel",
    "ComplaintChannelSet",
    "DecreeIndexPage",
    "DecreePage",
    "Kecamatan",
    "Regulation",
    "ServiceIndexPage",
    "ServiceStandardPage",
    "ServiceStandardRegulation",
    "SopActivity",
]
