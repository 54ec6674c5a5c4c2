"""Reads of the blank-card ledger, the print queue and the dispatch dashboards; stock is always derived."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.utils import timezone

from forms.constants import CLOSED_STATUSES, ApplicationStatus, Processing
from forms.models import Application
from forms.office.clock import is_working_day, office_day_start
from forms.office.scope import office_scope
from forms.review.selectors import applications_visible_to, overdue_q
from services.models import Kecamatan

from .constants import LedgerKind
from .models import BlankLedgerEntry, BlankStockSettings, ReturnManifest


@dataclass(frozen=True)
class StockFigures:
    received: int
    issued: int
    spoiled: int

    @property
    def on_hand(self) -> int:
        return self.received - self.issued - self.spoiled


def _sum(kind):
    return Coalesce(Sum("quantity", filter=Q(kind=kind)), Value(0), output_field=IntegerField())


def stock_figures(*, kecamatan_id, until=None) -> StockFigures:
    """Received, issued and spoiled blanks of one kecamatan, corrections included, up to a moment if given."""
    entries = BlankLedgerEntry.objects.filter(kecamatan_id=kecamatan_id)
    if until is not None:
        entries = entries.filter(recorded_at__lt=until)
    totals = entries.aggregate(
        received=_sum(LedgerKind.RECEIVED), issued=_sum(LedgerKind.ISSUED), spoiled=_sum(LedgerKind.SPOILED)
    )
    return StockFigures(**totals)


def stock_by_kecamatan(kecamatan_ids=None) -> dict[int, StockFigures]:
    """Stock figures of every kecamatan in one query, including those with an empty book."""
    offices = Kecamatan.objects.all()
    if kecamatan_ids is not None:
        offices = offices.filter(pk__in=kecamatan_ids)
    rows = offices.annotate(
        received=Coalesce(
            Sum("ledger_entries__quantity", filter=Q(ledger_entries__kind=LedgerKind.RECEIVED)), Value(0)
        ),
        issued=Coalesce(Sum("ledger_entries__quantity", filter=Q(ledger_entries__kind=LedgerKind.ISSUED)), Value(0)),
        spoiled=Coalesce(Sum("ledger_entries__quantity", filter=Q(ledger_entries__kind=LedgerKind.SPOILED)), Value(0)),
    ).values("pk", "received", "issued", "spoiled")
    return {row.pop("pk"): StockFigures(**row) for row in rows}


def low_stock_threshold() -> int:
    return BlankStockSettings.load().low_stock_threshold


def ledger_chain_breaks(*, kecamatan_id) -> list[BlankLedgerEntry]:
    """Entries whose stored hash no longer matches their content or their predecessor: evidence of tampering."""
    breaks, previous_hash = [], ""
    for entry in BlankLedgerEntry.objects.filter(kecamatan_id=kecamatan_id).order_by("sequence"):
        if entry.previous_hash != previous_hash or entry.compute_hash() != entry.entry_hash:
            breaks.append(entry)
        previous_hash = entry.entry_hash
    return breaks


def ledger_head(*, kecamatan_id) -> tuple[int, str] | None:
    """The book's last line as (sequence, hash), or None for an empty book."""
    return (
        BlankLedgerEntry.objects.filter(kecamatan_id=kecamatan_id)
        .order_by("-sequence")
        .values_list("sequence", "entry_hash")
        .first()
    )


def ledger_head_unchanged(*, kecamatan_id, sequence: int, entry_hash: str) -> bool:
    """Whether the line recorded as the head at an earlier check is still there with the same hash."""
    return BlankLedgerEntry.objects.filter(kecamatan_id=kecamatan_id, sequence=sequence, entry_hash=entry_hash).exists()


def page_chain_breaks(entries) -> set[int]:
    """Sequence numbers among these lines (one kecamatan's) whose hash no longer matches their content or the
    stored hash of the line before; one query, however long the book."""
    entries = list(entries)
    if not entries:
        return set()
    before = {entry.sequence - 1 for entry in entries} - {0}
    stored = dict(
        BlankLedgerEntry.objects.filter(kecamatan_id=entries[0].kecamatan_id, sequence__in=before).values_list(
            "sequence", "entry_hash"
        )
    )
    stored[0] = ""
    return {
        entry.sequence
        for entry in entries
        if entry.compute_hash() != entry.entry_hash or entry.previous_hash != stored.get(entry.sequence - 1)
    }


def offices_visible_to(user):
    """The kecamatan whose stock, queue and manifests this user may see."""
    return office_scope(user).kecamatan()


def office_for_staff(*, user, pk) -> Kecamatan:
    try:
        return offices_visible_to(user).get(pk=pk)
    except (Kecamatan.DoesNotExist, ValueError):
        raise Http404 from None


def print_queue(*, kecamatan):
    """Cards the Verifikator approved for printing at this office, oldest approval first."""
    return (
        Application.objects.filter(
            kecamatan=kecamatan, status=ApplicationStatus.PRINT_APPROVED, processing=Processing.CARD
        )
        .select_related("kecamatan")
        .annotate(failed_prints=Count("ledger_entries", filter=Q(ledger_entries__kind=LedgerKind.SPOILED)))
        .order_by("status_changed_at")
    )


def awaiting_hand_over(*, kecamatan):
    return (
        Application.objects.filter(
            kecamatan=kecamatan,
            status__in=[ApplicationStatus.READY_FOR_PICKUP, ApplicationStatus.IN_DELIVERY],
        )
        .select_related("hand_over")
        .order_by("status_changed_at")
    )


def ledger_page(*, kecamatan):
    return BlankLedgerEntry.objects.filter(kecamatan=kecamatan).select_related(
        "application", "recorded_by", "corrects", "manifest"
    )


def returnable_entries(*, kecamatan, until=None):
    """Spoiled blanks and collected old cards not yet on a manifest: what goes back this week."""
    entries = BlankLedgerEntry.objects.filter(
        kecamatan=kecamatan,
        kind__in=[LedgerKind.SPOILED, LedgerKind.OLD_CARD],
        quantity__gt=0,
        corrects__isnull=True,
        manifest_line__isnull=True,
    )
    if until is not None:
        entries = entries.filter(recorded_at__lt=until)
    return entries.select_related("application").order_by("sequence")


def weekly_return_day(day: date) -> date | None:
    """The last working day of the week that holds this day, when the return goes back (Lampiran I)."""
    monday = day - timedelta(days=day.weekday())
    working = [monday + timedelta(days=i) for i in range(7) if is_working_day(monday + timedelta(days=i))]
    return working[-1] if working else None


def manifests_visible_to(user):
    return ReturnManifest.objects.filter(kecamatan__in=offices_visible_to(user)).select_related(
        "kecamatan", "prepared_by", "confirmed_by"
    )


def prints_per_day(*, kecamatan_ids, days: int = 7) -> list[tuple[date, dict[int, int]]]:
    """Cards printed per office on each of the last days, today included, newest first."""
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    rows = (
        BlankLedgerEntry.objects.filter(
            kecamatan_id__in=kecamatan_ids, kind=LedgerKind.ISSUED, recorded_at__gte=office_day_start(first)
        )
        .annotate(day=TruncDate("recorded_at"))
        .values("day", "kecamatan_id")
        .annotate(n=Sum("quantity"))
    )
    counts: dict[date, dict[int, int]] = {}
    for row in rows:
        counts.setdefault(row["day"], {})[row["kecamatan_id"]] = row["n"]
    return [(today - timedelta(days=i), counts.get(today - timedelta(days=i), {})) for i in range(days)]


@dataclass(frozen=True)
class OfficeDashboard:
    kecamatan: Kecamatan
    stock: StockFigures
    low: bool
    printed_today: int
    spoiled_today: int
    spoilage_rate: float | None
    waiting: dict[str, int]
    overdue: int

    @property
    def out(self) -> bool:
        """No blank left: a stronger warning than low stock, since nothing can be printed."""
        return self.stock.on_hand <= 0

    @property
    def waiting_labelled(self) -> list[tuple[str, int]]:
        return [(label, self.waiting[code]) for code, label in ApplicationStatus.choices if self.waiting.get(code)]

    @property
    def spoilage_percent(self) -> float | None:
        return None if self.spoilage_rate is None else round(self.spoilage_rate * 100, 1)


def dispatch_dashboard(*, user, day: date | None = None) -> list[OfficeDashboard]:
    """Per visible kecamatan: stock, prints and spoilage today, applications waiting per step, overdue."""
    day = day or timezone.localdate()
    offices = list(offices_visible_to(user))
    ids = [office.pk for office in offices]
    stocks = stock_by_kecamatan(ids)
    threshold = low_stock_threshold()
    today = {
        row["kecamatan_id"]: row
        for row in BlankLedgerEntry.objects.filter(
            kecamatan_id__in=ids,
            # A range uses the recorded_at index; __date would cast every row (a Python call per row on SQLite).
            recorded_at__gte=office_day_start(day),
            recorded_at__lt=office_day_start(day + timedelta(days=1)),
        )
        .values("kecamatan_id")
        .annotate(issued=_sum(LedgerKind.ISSUED), spoiled=_sum(LedgerKind.SPOILED))
    }
    waiting_rows = (
        applications_visible_to(user)
        .filter(kecamatan_id__in=ids)
        .exclude(status__in=CLOSED_STATUSES)
        .values("kecamatan_id", "status")
        .annotate(n=Count("pk"))
    )
    waiting: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for row in waiting_rows:
        waiting[row["kecamatan_id"]][row["status"]] = row["n"]
    overdue = dict(
        applications_visible_to(user)
        .filter(overdue_q(), kecamatan_id__in=ids)
        .values_list("kecamatan_id")
        .annotate(n=Count("pk"))
    )
    result = []
    for office in offices:
        stock = stocks.get(office.pk, StockFigures(0, 0, 0))
        issued_all, spoiled_all = stock.issued, stock.spoiled
        rate = spoiled_all / (issued_all + spoiled_all) if issued_all + spoiled_all else None
        result.append(
            OfficeDashboard(
                kecamatan=office,
                stock=stock,
                low=stock.on_hand <= threshold,
                printed_today=today.get(office.pk, {}).get("issued", 0),
                spoiled_today=today.get(office.pk, {}).get("spoiled", 0),
                spoilage_rate=rate,
                waiting=waiting[office.pk],
                overdue=overdue.get(office.pk, 0),
            )
        )
    return result
