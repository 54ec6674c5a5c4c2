"""The blank-card section of the service report (order 50): received, issued and spoiled, and the stock left."""

from collections import Counter

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from forms.office.report_sections import BarChart, ReportScope, Section, Table, register_section
from services.models import Kecamatan

from .models import STOCK_SIGN, BlankLedgerEntry, LedgerKind


@register_section(50)
def blank_cards(scope: ReportScope) -> Section:
    """Per kecamatan: stock at the start, blanks received, issued and spoiled in the period, stock at the end."""
    start, end = scope.datetime_range()
    kecamatan = Kecamatan.objects.all()
    entries = BlankLedgerEntry.objects.filter(kind__in=list(STOCK_SIGN))
    if scope.kecamatan_id:
        kecamatan = kecamatan.filter(pk=scope.kecamatan_id)
        entries = entries.filter(kecamatan_id=scope.kecamatan_id)
    # Quantities are signed (a correction is a negative line of the same kind), so plain sums are right.
    sums = (
        entries.filter(recorded_at__lt=end)
        .values_list("kecamatan_id", "kind")
        .annotate(
            before=Sum("quantity", filter=Q(recorded_at__lt=start)),
            during=Sum("quantity", filter=Q(recorded_at__gte=start)),
        )
        .order_by()
    )
    opening, moved = Counter(), Counter()
    for kecamatan_id, kind, before, during in sums:
        opening[kecamatan_id] += STOCK_SIGN[kind] * (before or 0)
        moved[(kecamatan_id, kind)] += during or 0

    kinds = (LedgerKind.RECEIVED, LedgerKind.ISSUED, LedgerKind.SPOILED)
    rows = []
    for kecamatan_id, name in kecamatan.values_list("pk", "name"):
        received, issued, spoiled = (moved[(kecamatan_id, kind)] for kind in kinds)
        transferred = moved[(kecamatan_id, LedgerKind.TRANSFER_IN)] - moved[(kecamatan_id, LedgerKind.TRANSFER_OUT)]
        start_stock = opening[kecamatan_id]
        end_stock = start_stock + received - issued - spoiled + transferred
        rows.append([name, start_stock, received, issued, spoiled, transferred, end_stock])
    if len(rows) > 1:
        rows.append([_("Total"), *(sum(row[i] for row in rows) for i in range(1, 7))])
    columns = [
        _("Kecamatan"),
        _("Stock at the start"),
        _("Received"),
        _("Issued (cards printed)"),
        _("Spoiled"),
        _("Transferred in − out"),
        _("Stock at the end of the period"),
    ]
    section = Section(
        "blank_cards",
        _("Blank cards (blanko KTP-el)"),
        notes=[
            _(
                "From each kecamatan's blank-card book, by the day a line was recorded. Stock = received - issued - "
                "spoiled + transferred in - transferred out, over every line up to the end of the period; "
                "corrections are counted with their sign. "
                "Blank cards are not kept per service: the service filter does not apply here."
            )
        ],
    )
    section.tables = [Table(_("Blank cards per kecamatan"), columns, rows)]
    section.charts = [
        BarChart(
            _("Stock at the end of the period"),
            [(row[0], row[6]) for row in (rows[:-1] if len(rows) > 1 else rows)],
            unit=_("blanks"),
        )
    ]
    return section
