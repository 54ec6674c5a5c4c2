"""Reads of the blank-card ledger, the print queue and the dispatch dashboards; stock is always derived."""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When, Window
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from forms.constants import CLOSED_STATUSES, ApplicationStatus, Processing
from forms.models import Application
from forms.office.clock import is_working_day, next_working_day, office_day_start, working_days_between
from forms.office.scope import office_scope
from forms.review.selectors import applications_visible_to, overdue_q
from services.models import Kecamatan

from .constants import LedgerKind, SerialState, TransferStatus
from .models import BlankLedgerEntry, BlankSerial, BlankStockSettings, BlankTransfer, ReturnManifest


@dataclass(frozen=True)
class StockFigures:
    received: int
    issued: int
    spoiled: int
    transferred_in: int = 0
    transferred_out: int = 0

    @property
    def on_hand(self) -> int:
        return self.received - self.issued - self.spoiled + self.transferred_in - self.transferred_out


def _sum(kind):
    return Coalesce(Sum("quantity", filter=Q(kind=kind)), Value(0), output_field=IntegerField())


def stock_figures(*, kecamatan_id, until=None) -> StockFigures:
    """Received, issued and spoiled blanks of one kecamatan, corrections included, up to a moment if given."""
    entries = BlankLedgerEntry.objects.filter(kecamatan_id=kecamatan_id)
    if until is not None:
        entries = entries.filter(recorded_at__lt=until)
    totals = entries.aggregate(
        received=_sum(LedgerKind.RECEIVED),
        issued=_sum(LedgerKind.ISSUED),
        spoiled=_sum(LedgerKind.SPOILED),
        transferred_in=_sum(LedgerKind.TRANSFER_IN),
        transferred_out=_sum(LedgerKind.TRANSFER_OUT),
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
        transferred_in=Coalesce(
            Sum("ledger_entries__quantity", filter=Q(ledger_entries__kind=LedgerKind.TRANSFER_IN)), Value(0)
        ),
        transferred_out=Coalesce(
            Sum("ledger_entries__quantity", filter=Q(ledger_entries__kind=LedgerKind.TRANSFER_OUT)), Value(0)
        ),
    ).values("pk", "received", "issued", "spoiled", "transferred_in", "transferred_out")
    return {row.pop("pk"): StockFigures(**row) for row in rows}


def unused_serial_count(*, kecamatan_id) -> int:
    """Numbered blanks in this kecamatan's stock; ledger_verify holds it against the stock summed from the book."""
    return BlankSerial.objects.filter(kecamatan_id=kecamatan_id, state=SerialState.IN_STOCK).count()


def unused_serials(*, kecamatan_id):
    return BlankSerial.objects.filter(kecamatan_id=kecamatan_id, state=SerialState.IN_STOCK).values_list(
        "serial", flat=True
    )


# The print rate behind the wait and the days of stock left: the last four weeks' cards per working day.
RATE_WEEKS = 4


def print_rates(*, kecamatan_ids, today: date | None = None) -> dict[int, float | None]:
    """Cards printed per working day over the last four weeks, per kecamatan (None: no working day in them)."""
    today = today or timezone.localdate()
    first = today - timedelta(weeks=RATE_WEEKS)
    working_days = working_days_between(first, today)
    printed = dict(
        BlankLedgerEntry.objects.filter(
            kecamatan_id__in=kecamatan_ids,
            kind=LedgerKind.ISSUED,
            recorded_at__gte=office_day_start(first + timedelta(days=1)),
            recorded_at__lt=office_day_start(today + timedelta(days=1)),
        )
        .values_list("kecamatan_id")
        .annotate(n=Sum("quantity"))
        .order_by()
    )
    return {pk: (printed.get(pk, 0) / working_days if working_days else None) for pk in kecamatan_ids}


def _working_days_ahead(today: date, days: int) -> date:
    day = today
    for _ in range(days):
        day = next_working_day(day)
    return day


@dataclass(frozen=True)
class StockOutlook:
    stock: int
    rate: float | None
    waiting: int = 0

    @property
    def days_left(self) -> int | None:
        """Working days the stock lasts at the recent print rate; None when nothing was printed lately."""
        if not self.rate:
            return None
        return math.floor(self.stock / self.rate)


def stock_outlook(*, kecamatan, today: date | None = None) -> StockOutlook:
    stock = stock_figures(kecamatan_id=kecamatan.pk).on_hand
    return StockOutlook(stock=stock, rate=print_rates(kecamatan_ids=[kecamatan.pk], today=today)[kecamatan.pk])


@dataclass(frozen=True)
class PrintWait:
    """Where a card approved for printing stands in its kecamatan's first-in-first-out list."""

    position: int
    stock: int
    rate: float | None
    estimated_date: date | None

    @property
    def out_of_blanks(self) -> bool:
        return self.stock <= 0

    @property
    def blanks_short(self) -> bool:
        """Blanks in stock now run out before this card's turn."""
        return 0 < self.stock < self.position


def print_wait(application, *, today: date | None = None) -> PrintWait | None:
    """The card's place in the print list and, from the last four weeks' print rate, the day it should be printed;
    no day while the blanks in stock do not reach it. None unless the card waits to be printed."""
    if application.status != ApplicationStatus.PRINT_APPROVED or application.processing != Processing.CARD:
        return None
    today = today or timezone.localdate()
    ahead = (
        Application.objects.filter(
            kecamatan_id=application.kecamatan_id,
            status=ApplicationStatus.PRINT_APPROVED,
            processing=Processing.CARD,
        )
        .filter(
            Q(status_changed_at__lt=application.status_changed_at)
            | Q(status_changed_at=application.status_changed_at, pk__lt=application.pk)
        )
        .count()
    )
    position = ahead + 1
    stock = stock_figures(kecamatan_id=application.kecamatan_id).on_hand
    rate = print_rates(kecamatan_ids=[application.kecamatan_id], today=today)[application.kecamatan_id]
    estimated = None
    if stock >= position and rate:
        estimated = _working_days_ahead(today, math.ceil(position / rate))
    return PrintWait(position=position, stock=stock, rate=rate, estimated_date=estimated)


@dataclass(frozen=True)
class SerialStep:
    what: str
    kecamatan: str
    by: str
    at: object
    detail: str = ""


@dataclass
class SerialWhereabouts:
    blank: BlankSerial
    steps: list[SerialStep] = field(default_factory=list)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def serial_whereabouts(*, serial: str, kecamatan_ids=None) -> SerialWhereabouts | None:
    """A blank's life by its serial: the receipt, each transfer, the issue or spoilage, and the return, with who
    did each and when. None when no book names it (or, with kecamatan_ids, none of those books)."""
    blank = (
        BlankSerial.objects.select_related(
            "kecamatan",
            "received_entry__recorded_by",
            "received_entry__kecamatan",
            "used_entry__recorded_by",
            "used_entry__application",
            "used_entry__kecamatan",
            "used_entry__manifest_line__manifest__prepared_by",
            "used_entry__manifest_line__manifest__confirmed_by",
            "pending_transfer__to_kecamatan",
        )
        .filter(serial=serial)
        .first()
    )
    if blank is None:
        return None
    transfers = list(
        blank.transfers.select_related("from_kecamatan", "to_kecamatan", "sent_by", "decided_by").order_by("sent_at")
    )
    books = {blank.kecamatan_id, blank.received_entry.kecamatan_id}
    books |= {t.from_kecamatan_id for t in transfers} | {t.to_kecamatan_id for t in transfers}
    if kecamatan_ids is not None and not books & set(kecamatan_ids):
        return None
    found = SerialWhereabouts(blank=blank)
    receipt = blank.received_entry
    found.steps.append(
        SerialStep(
            receipt.get_kind_display(),
            receipt.kecamatan.name,
            _name(receipt.recorded_by),
            receipt.recorded_at,
            f"#{receipt.sequence} {receipt.sender}".strip(),
        )
    )
    for transfer in transfers:
        found.steps.append(
            SerialStep(
                str(LedgerKind.TRANSFER_OUT.label),
                f"{transfer.from_kecamatan.name} → {transfer.to_kecamatan.name}",
                _name(transfer.sent_by),
                transfer.sent_at,
                transfer.get_status_display(),
            )
        )
        if transfer.status != TransferStatus.PENDING:
            found.steps.append(
                SerialStep(
                    transfer.get_status_display(),
                    transfer.to_kecamatan.name,
                    _name(transfer.decided_by),
                    transfer.decided_at,
                    transfer.refusal_reason,
                )
            )
    used = blank.used_entry
    if used is not None:
        found.steps.append(
            SerialStep(
                used.get_kind_display() + (f" · {used.get_spoil_reason_display()}" if used.spoil_reason else ""),
                used.kecamatan.name,
                _name(used.recorded_by),
                used.recorded_at,
                used.application.tracking_number if used.application_id else used.reason,
            )
        )
        line = getattr(used, "manifest_line", None)
        if line is not None:
            manifest = line.manifest
            found.steps.append(
                SerialStep(
                    str(LedgerKind.RETURNED.label),
                    used.kecamatan.name,
                    _name(manifest.prepared_by),
                    manifest.prepared_at,
                    manifest.number,
                )
            )
            if manifest.confirmed_at:
                found.steps.append(
                    SerialStep(
                        str(gettext_lazy("Checked off at the office"))
                        if line.arrived
                        else str(gettext_lazy("Missing at the office")),
                        manifest.kecamatan.name,
                        _name(manifest.confirmed_by),
                        manifest.confirmed_at,
                        manifest.number,
                    )
                )
    return found


def card_alternatives_of(application) -> list:
    return list(
        application.card_alternatives.select_related("visit_booking__application").order_by("at")
        if application.pk
        else []
    )


def transfers_of(*, kecamatan):
    return BlankTransfer.objects.filter(Q(from_kecamatan=kecamatan) | Q(to_kecamatan=kecamatan)).select_related(
        "from_kecamatan", "to_kecamatan", "sent_by", "decided_by"
    )


def public_stock() -> list[dict]:
    """Per kecamatan, counts only: blanks in stock and cards waiting to be printed. Nothing about a person."""
    offices = list(Kecamatan.objects.order_by("name"))
    stocks = stock_by_kecamatan([office.pk for office in offices])
    waiting = dict(
        Application.objects.filter(status=ApplicationStatus.PRINT_APPROVED, processing=Processing.CARD)
        .values_list("kecamatan_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {
            "kecamatan": office.name,
            "stock": stocks.get(office.pk, StockFigures(0, 0, 0)).on_hand,
            "waiting": waiting.get(office.pk, 0),
        }
        for office in offices
    ]


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
        .select_related("kecamatan", "issued_document")
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


# How each kind of line moves the blank stock; old cards and returns are counted in the book but are not blanks.
STOCK_IN = (LedgerKind.RECEIVED, LedgerKind.TRANSFER_IN)
STOCK_OUT = (LedgerKind.ISSUED, LedgerKind.SPOILED, LedgerKind.TRANSFER_OUT)


def stock_change():
    """A line's signed effect on the stock: receipts add, issues, spoilage and transfers out take away."""
    return Case(
        When(kind__in=STOCK_IN, then=F("quantity")),
        When(kind__in=STOCK_OUT, then=-F("quantity")),
        default=Value(0),
        output_field=IntegerField(),
    )


def ledger_page(*, kecamatan):
    """The book's lines, each with its stock change and the balance after it, summed in SQL over the whole book.

    The window runs over every line of the kecamatan before any ordering or slicing, so the balance on page 2 is the
    same as on page 1's last line minus what came between."""
    return (
        BlankLedgerEntry.objects.filter(kecamatan=kecamatan)
        .select_related("application", "recorded_by", "corrects", "manifest")
        .annotate(
            stock_change=stock_change(),
            balance=Window(Sum(stock_change()), partition_by=[F("kecamatan_id")], order_by=F("sequence").asc()),
        )
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
    days_left: int | None = None

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
    rates = print_rates(kecamatan_ids=ids, today=day)
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
                days_left=StockOutlook(stock=stock.on_hand, rate=rates.get(office.pk)).days_left,
            )
        )
    return result
