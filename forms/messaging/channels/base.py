from dataclasses import dataclass, field


@dataclass(frozen=True)
class Content:
    """What an adapter sends: the address and the rendered message for its channel."""

    address: str
    language: str
    subject: str = ""
    body: str = ""
    template_name: str = ""
    parameters: list[str] = field(default_factory=list)


class DeliveryError(Exception):
    """The channel did not take the message."""


class PermanentDeliveryError(DeliveryError):
    """The provider refused this message for good (a bad address, an unknown template): no retry."""


class TransientDeliveryError(DeliveryError):
    """A passing fault (a server down, busy or rate-limiting): the message is tried again later."""
