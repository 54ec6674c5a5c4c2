"""StreamField blocks for service standards and decrees: every list an editor can change item by item."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .constants import ProcedureChannel


class ProcedureBlock(blocks.StructBlock):
    channel = blocks.ChoiceBlock(choices=ProcedureChannel.choices, label=_("Channel"))
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), label=_("Steps"))

    class Meta:
        label = _("Procedure")
        icon = "list-ol"


class VariantValue(blocks.StructValue):
    def procedures_for(self, channel):
        return [p for p in self["procedures"] if p["channel"] == channel]

    @property
    def offered_online(self):
        return bool(self.procedures_for(ProcedureChannel.ONLINE))

    @property
    def offered_walk_in(self):
        return bool(self.procedures_for(ProcedureChannel.WALK_IN))


class VariantBlock(blocks.StructBlock):
    """One case of a service (e.g. replacing a lost card) with its own requirements and steps."""

    name = blocks.CharBlock(label=_("Name"))
    code = blocks.RegexBlock(
        regex=r"^[a-z0-9-]+$",
        label=_("Code"),
        help_text=_("Short stable identifier used by application forms, e.g. 'hilang'."),
        error_messages={"invalid": _("Use lowercase letters, digits and hyphens only.")},
    )
    heading_in_decree = blocks.CharBlock(
        required=False,
        label=_("Heading in the decree"),
        help_text=_("The numbered heading this case stands under in the decree, if it differs from the name."),
    )
    requirements = blocks.ListBlock(blocks.CharBlock(label=_("Requirement")), label=_("Requirements"))
    procedures = blocks.ListBlock(ProcedureBlock(), label=_("Procedures"))
    # Not in the decree's requirements: what the counter asks for when the product is handed over (the old card it
    # collects for destruction, Lampiran I), so the citizen's timeline can say it for this case only.
    collect_with = blocks.ListBlock(
        blocks.CharBlock(label=_("Item")),
        default=[],
        min_num=0,
        label=_("Bring when collecting"),
        help_text=_("Besides the receipt, what the citizen brings to collect the product, e.g. the old card."),
    )

    class Meta:
        label = _("Variant")
        icon = "doc-full"
        value_class = VariantValue


class RoleBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("Role"))
    holder = blocks.TextBlock(label=_("Held by"))
    duties = blocks.ListBlock(blocks.TextBlock(label=_("Duty")), label=_("Duties"))

    class Meta:
        label = _("Role")
        icon = "user"


class EquipmentBlock(blocks.StructBlock):
    intro = blocks.CharBlock(label=_("Introduction"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Items"))
    provided_by = blocks.CharBlock(required=False, label=_("Provided by"))

    class Meta:
        label = _("Equipment")


class GuidelineAppendixBlock(blocks.StructBlock):
    """Lampiran I: the technical guideline (roles, equipment, blank-card rules)."""

    label = blocks.CharBlock(label=_("Appendix label"), help_text=_("e.g. Lampiran I"))
    title = blocks.CharBlock(label=_("Title"))
    roles = blocks.ListBlock(RoleBlock(), label=_("Roles and duties"))
    equipment = EquipmentBlock(label=_("Facilities and infrastructure"))
    blank_card_rules_title = blocks.CharBlock(label=_("Blank-card rules heading"))
    blank_card_rules = blocks.ListBlock(blocks.TextBlock(label=_("Rule")), label=_("Blank-card rules"))

    class Meta:
        label = _("Technical guideline appendix")
        icon = "clipboard-list"
        template = "services/blocks/guideline_appendix.html"


class StandardsAppendixBlock(blocks.StructBlock):
    """Lampiran II: the service standards the decree sets, each published as its own page."""

    label = blocks.CharBlock(label=_("Appendix label"))
    title = blocks.CharBlock(label=_("Title"))
    standards = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="services.ServiceStandardPage", label=_("Service standard")),
        label=_("Service standards"),
    )

    class Meta:
        label = _("Service standards appendix")
        icon = "list-ul"
        template = "services/blocks/standards_appendix.html"


class SopAppendixBlock(blocks.StructBlock):
    """The SOP sheet's header; its numbered activities are the decree page's SOP activity rows."""

    label = blocks.CharBlock(label=_("Appendix label"))
    sop_number = blocks.CharBlock(label=_("SOP number"))
    name = blocks.CharBlock(label=_("SOP name"))
    drawn_up_on = blocks.CharBlock(label=_("Date drawn up"))
    revised_on = blocks.CharBlock(required=False, label=_("Date revised"))
    effective_on = blocks.CharBlock(required=False, label=_("Date effective"))
    approved_by = blocks.CharBlock(label=_("Approved by"))
    legal_basis = blocks.ListBlock(blocks.TextBlock(label=_("Regulation")), label=_("Legal basis"))
    qualifications = blocks.ListBlock(blocks.CharBlock(label=_("Qualification")), label=_("Staff qualifications"))
    related_sops = blocks.ListBlock(blocks.CharBlock(label=_("SOP")), label=_("Related SOPs"))
    equipment = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Equipment"))
    warnings = blocks.ListBlock(blocks.TextBlock(label=_("Warning")), label=_("Warnings"))
    records = blocks.ListBlock(blocks.CharBlock(label=_("Record")), label=_("Records kept"))

    class Meta:
        label = _("SOP appendix")
        icon = "table"
        template = "services/blocks/sop_appendix.html"


class DecisionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Dictum"), help_text=_("e.g. KESATU"))
    text = blocks.TextBlock(label=_("Text"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), required=False, label=_("Items"))

    class Meta:
        label = _("Decision")
        icon = "pick"


class StaffingBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("Role"))
    count = blocks.IntegerBlock(min_value=1, label=_("Number of staff"))

    class Meta:
        label = _("Staff role")
        icon = "group"


def item_list(label):
    """A StreamField definition for a plain list an editor reorders and edits item by item."""
    return [("item", blocks.CharBlock(label=label))]
