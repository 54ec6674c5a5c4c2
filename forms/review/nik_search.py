"""Search by NIK with no NIK in any address: the number is posted, and listings filter by its keyed digest.

Web-server access logs, browser history and Referer headers keep whole URLs, so a NIK must never be in one.
A GET search box cannot promise that, so listings refuse a NIK in `q` and staff post it to the NIK search,
which redirects to the listing with `nik=<digest>`: an HMAC-SHA256 under a key derived from SECRET_KEY, of
no use to anyone reading the log. `Application.nik_digest` stores the same digest, indexed, so the lookup
stays one index probe at any volume. Rotating SECRET_KEY changes every digest: recompute the column then.
"""

import re

from django.contrib import messages
from django.shortcuts import redirect

from forms.identity import normalise_digits

DIGEST_PATTERN = re.compile(r"[0-9a-f]{64}")
_SIXTEEN_DIGITS = re.compile(r"[0-9]{16}")


def holds_nik(text: str) -> bool:
    """Whether text holds 16 digits in a row once the spaces, dots and dashes people type are dropped."""
    return bool(_SIXTEEN_DIGITS.search(normalise_digits(text or "")))


class NikFreeSearchMixin:
    """A Wagtail listing whose search box never carries a NIK into its links, exports or pagination."""

    nik_in_query_message = ""

    def nik_bearing_params(self, request) -> list[str]:
        """The query parameters that hold, or may hold, a NIK."""
        return [self.search_kwarg] if holds_nik(request.GET.get(self.search_kwarg, "")) else []

    def get(self, request, *args, **kwargs):
        names = self.nik_bearing_params(request)
        if names:
            # Answered with a clean address, so the number is not echoed into the page's links and exports.
            params = request.GET.copy()
            for name in names:
                params.pop(name, None)
            messages.warning(request, self.nik_in_query_message)
            return redirect(f"{request.path}?{params.urlencode()}" if params else request.path)
        return super().get(request, *args, **kwargs)
