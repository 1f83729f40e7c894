"""The client's IP address, for the lockout (django-axes) and the security log alike.

Behind a reverse proxy every request comes from the proxy's address; ``TRUSTED_PROXY_COUNT``
(settings) says how many proxies of our own add to X-Forwarded-For, so the client is the entry
that many places from its right end. Entries further left are the client's to forge: never read.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
