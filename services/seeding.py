"""Create the published content from services.seed_content; every step finds before it creates.

Running it again changes nothing: existing pages and records are kept as editors left them.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.models import HomePage, OfficeSettings

from . import seed_content as seed
from .models import (
    ComplaintChannel,
    ComplaintChannelSet,
    DecreeIndexPage,
    DecreePage,
    Kecamatan,
    Regulation,
    ServiceIndexPage,
    ServiceStandardPage,
    ServiceStandardRegulation,
    SopActivity,
)

logger = logging.getLogger(__name__)


def _items(values):
    return [("item", value) for value in values]


def _publish_new_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _tree_root() -> Page:
    """Wagtail's root node, which its migrations create; rebuilt if the database was flushed."""
    root = Page.get_first_root_node()
    if root is None:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def site_root_ensure() -> HomePage:
    """The default site's root is our HomePage; Wagtail's placeholder welcome page goes."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        root = _tree_root()
        placeholder = Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore")
        for page in placeholder:
            if page.get_children_count() == 0:
                page.delete()
        home = HomePage(title=seed.HOME["title"], slug=seed.HOME["slug"], intro=seed.HOME["intro"])
        _publish_new_child(root.specific, home)
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.id:
        site.root_page = home
        site.save()
    if site.site_name != "Disdukcapil Kota Balikpapan":
        site.site_name = "Disdukcapil Kota Balikpapan"
        site.save()
    OfficeSettings.objects.get_or_create(site=site, defaults=seed.OFFICE)
    return home


def kecamatan_ensure():
    for code, name in seed.KECAMATAN:
        Kecamatan.objects.get_or_create(region_code=code, defaults={"name": name})


def regulations_ensure() -> dict[str, Regulation]:
    found = {}
    for data in seed.REGULATIONS:
        regulation = Regulation.objects.filter(kind=data["kind"], number=data["number"], year=data["year"]).first()
        if regulation is None:
            regulation = Regulation(**{k: v for k, v in data.items() if k != "key"})
            regulation.full_clean()
            regulation.save()
            regulation.save_revision().publish()
        found[data["key"]] = regulation
    return found


def complaint_channels_ensure() -> ComplaintChannelSet:
    channel_set = ComplaintChannelSet.objects.filter(name=seed.COMPLAINT_CHANNELS["name"]).first()
    if channel_set is None:
        channel_set = ComplaintChannelSet(name=seed.COMPLAINT_CHANNELS["name"])
        channel_set.channels = [ComplaintChannel(kind=k, value=v) for k, v in seed.COMPLAINT_CHANNELS["channels"]]
        channel_set.save()
        channel_set.save_revision().publish()
    return channel_set


def _section_ensure(home, model, data):
    section = model.objects.child_of(home).first()
    if section is None:
        section = _publish_new_child(home, model(title=data["title"], slug=data["slug"], intro=data["intro"]))
    return section


def _decree_page(data) -> DecreePage:
    signed_on = datetime.date.fromisoformat(data["signed_on"]) if data["signed_on"] else None
    page = DecreePage(
        title=data["title"],
        slug=data["slug"],
        number=data["number"],
        about=data["about"],
        signed_place=data["signed_place"],
        signed_on=signed_on,
        signed_on_text=data["signed_on_text"],
        signed_year=data["signed_year"],
        signatory_title=data["signatory_title"],
        signatory_name=data["signatory_name"],
        considerations=_items(data["considerations"]),
        legal_bases=_items(data["legal_bases"]),
        observing=data["observing"],
        decisions=[
            ("decision", {"label": label, "text": text, "items": items}) for label, text, items in data["decisions"]
        ],
    )
    page.search_description = data["about"]
    return page


def decrees_ensure(decree_index) -> tuple[DecreePage, DecreePage, bool]:
    """Both decrees; also says whether the guideline decree was new, so its Lampiran II gets linked."""
    guideline = DecreePage.objects.filter(number=seed.GUIDELINE_DECREE["number"]).first()
    guideline_is_new = guideline is None
    if guideline_is_new:
        guideline = _decree_page(seed.GUIDELINE_DECREE)
        guideline.appendices = [("guideline", seed.GUIDELINE_DECREE["guideline"] | _guideline_roles())]
        _publish_new_child(decree_index, guideline)

    sop = DecreePage.objects.filter(number=seed.SOP_DECREE["number"]).first()
    if sop is None:
        sop = _decree_page(seed.SOP_DECREE)
        sop.appendices = [("sop", dict(seed.SOP_DECREE["sop"]))]
        sop.sop_activities = [
            SopActivity(
                number=number,
                activity=activity,
                actor=actor,
                requirement=requirement,
                standard_minutes=minutes,
                output=output,
                note=note,
            )
            for number, activity, actor, requirement, minutes, output, note in seed.SOP_DECREE["activities"]
        ]
        _publish_new_child(decree_index, sop)
    return guideline, sop, guideline_is_new


def _guideline_roles():
    roles = seed.GUIDELINE_DECREE["guideline"]["roles"]
    return {"roles": [{"role": role, "holder": holder, "duties": duties} for role, holder, duties in roles]}


def _standard_page(data, *, decree, sop, channel_set, regulations) -> ServiceStandardPage:
    page = ServiceStandardPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        search_description=data["summary"],
        decree=decree,
        procedure_decree=sop,
        variants=[
            (
                "variant",
                {
                    "name": variant["name"],
                    "code": variant["code"],
                    "heading_in_decree": variant["heading_in_decree"],
                    "requirements": variant["requirements"],
                    "procedures": [{"channel": channel, "steps": steps} for channel, steps in variant["procedures"]],
                    "collect_with": variant.get("collect_with", []),
                },
            )
            for variant in data["variants"]
        ],
        duration_value=data["duration_value"],
        duration_unit=data["duration_unit"],
        fee_amount=data["fee_amount"],
        fee_note=data["fee_note"],
        product=data["product"],
        complaint_channels=channel_set,
        facilities=_items(data["facilities"]),
        competencies=_items(data["competencies"]),
        supervision_internal=data["supervision_internal"],
        supervision_external=data["supervision_external"],
        staffing_heading=data["staffing_heading"],
        staffing=[("role", {"role": role, "count": count}) for role, count in data["staffing"]],
        service_guarantee=data["service_guarantee"],
        safety_guarantees=_items(data["safety_guarantees"]),
        evaluation=_items(data["evaluation"]),
    )
    page.legal_basis = [ServiceStandardRegulation(regulation=regulation) for regulation in regulations.values()]
    return page


def standards_ensure(service_index, *, decree, sop, channel_set, regulations) -> list[ServiceStandardPage]:
    standards = []
    for data in seed.STANDARDS:
        page = ServiceStandardPage.objects.child_of(service_index).filter(slug=data["slug"]).first()
        if page is None:
            page = _standard_page(data, decree=decree, sop=sop, channel_set=channel_set, regulations=regulations)
            _publish_new_child(service_index, page)
        standards.append(page)
    return standards


def _link_standards_appendix(decree: DecreePage, standards):
    appendix = seed.GUIDELINE_DECREE["standards_appendix"]
    decree.appendices.append(("standards", {**appendix, "standards": standards}))
    decree.save_revision().publish()


@transaction.atomic
def seed_content_load() -> HomePage:
    """Load both decrees, both standards and their shared records; a second run is a no-op."""
    home = site_root_ensure()
    kecamatan_ensure()
    regulations = regulations_ensure()
    channel_set = complaint_channels_ensure()
    service_index = _section_ensure(home, ServiceIndexPage, seed.SERVICE_INDEX)
    decree_index = _section_ensure(home, DecreeIndexPage, seed.DECREE_INDEX)
    guideline, sop, guideline_is_new = decrees_ensure(decree_index)
    standards = standards_ensure(
        service_index, decree=guideline, sop=sop, channel_set=channel_set, regulations=regulations
    )
    if guideline_is_new:
        _link_standards_appendix(guideline, standards)
    return home
