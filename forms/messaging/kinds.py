"""The message kinds: each room registers its own, with its templates per channel, where it sends them."""

from collections.abc import Callable
from dataclasses import dataclass

from .constants import Channel


@dataclass(frozen=True)
class MessageKind:
    """One kind of message and its templates.

    ``email_subject`` is a template path or a function of the context; ``whatsapp_template`` is the name of the
    template approved in WhatsApp Manager (the Cloud API sends only those to a citizen who did not write first),
    and ``whatsapp_parameters`` a template path rendering its body parameters, one per line. A kind without a
    WhatsApp or SMS template goes by e-mail only; so do staff messages.
    """

    key: str
    label: str
    email_body: str
    email_subject: str | Callable[[dict], str]
    whatsapp_template: str = ""
    whatsapp_parameters: str = ""
    sms_body: str = ""

    @property
    def channels(self) -> tuple[str, ...]:
        channels = [Channel.EMAIL]
        if self.whatsapp_template and self.whatsapp_parameters:
            channels.append(Channel.WHATSAPP)
        if self.sms_body:
            channels.append(Channel.SMS)
        return tuple(channels)


_KINDS: dict[str, MessageKind] = {}


def message_kind_register(kind: MessageKind) -> MessageKind:
    """Add a kind at import time of the room that sends it; the same definition twice is harmless."""
    existing = _KINDS.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"Message kind {kind.key!r} is registered twice with different templates")
    _KINDS[kind.key] = kind
    return kind


def message_kind(key: str) -> MessageKind:
    return _KINDS[key]


def message_kinds() -> list[MessageKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.key)
