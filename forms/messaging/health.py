"""The queue's health for /healthz: tasks waiting, the oldest one's wait, and sends that failed in the last hour."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from .constants import MessageStatus
from .models import Message


def queue_health(*, now=None) -> dict:
    now = now or timezone.now()
    # Waiting: ready to run now (not a retry deferred to later), and not yet taken by a worker.
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.aggregate(
        oldest=Min("enqueued_at", filter=Q(run_after=get_date_max())),
        deferred=Min("run_after", filter=~Q(run_after=get_date_max())),
    )
    starts = [moment for moment in (oldest["oldest"], oldest["deferred"]) if moment]
    oldest_wait = max((now - min(starts)).total_seconds(), 0) if starts else 0
    failed = Message.objects.filter(
        status__in=(MessageStatus.FAILED, MessageStatus.GIVEN_UP), finished_at__gte=now - timedelta(hours=1)
    ).count()
    return {
        "tasks_waiting": waiting.count(),
        "oldest_task_wait_seconds": round(oldest_wait),
        "failed_sends_last_hour": failed,
        "healthy": oldest_wait <= settings.TASKS_HEALTH_MAX_WAIT_SECONDS,
    }
