from django import template
from django.contrib.contenttypes.models import ContentType

from ..kinds import message_kinds
from ..models import Message

register = template.Library()


@register.simple_tag
def messages_about(obj):
    """The log of every message about this object, oldest first, each with its kind's label."""
    labels = {kind.key: kind.label for kind in message_kinds()}
    rows = list(
        Message.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)).order_by(
            "created_at", "pk"
        )
    )
    for row in rows:
        row.kind_label = labels.get(row.kind, row.kind)
    return rows
