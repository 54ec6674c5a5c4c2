"""Who is asking, for the public forms' attempt limits."""

from allauth.account.adapter import get_adapter


def client_address(request) -> str:
    """The visitor's IP address as allauth's login limits see it.

    Behind a reverse proxy every request comes from the proxy; allauth's adapter reads the client's address from
    X-Forwarded-For or a named header only when ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER say
    so, so a visitor cannot dodge the limits by sending the header themselves.
    """
    return get_adapter(request).get_client_ip(request)
