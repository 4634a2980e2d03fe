"""Network data made as small as its purpose allows (policy 13.2: addresses are never used
to identify a person).

``network_of`` keeps the network an address belongs to (a /24 for IPv4, a /48 for IPv6):
enough to see that requests came from one provider or office, not enough to name a
subscriber. ``keyed_digest`` turns a value into an HMAC under the portal's digest key, for
the places that must recognise the same value again (the same address, the same person)
without holding it.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings

IPV4_PREFIX = 24
IPV6_PREFIX = 48


def network_of(address):
    """``"203.0.113.57"`` → ``"203.0.113.0/24"``; None (or anything that is not an
    address) → None."""
    if not address:
        return None
    try:
        ip = ipaddress.ip_address(str(address).strip())
    except ValueError:
        return None
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def keyed_digest(purpose, value):
    """A hex HMAC-SHA256 of ``value`` for ``purpose`` (each purpose its own key), so that
    digests of one purpose cannot be matched against another's. The key is
    ``settings.DIGEST_KEY``: rotating it makes earlier digests unrecognisable."""
    secret = settings.DIGEST_KEY or settings.SECRET_KEY
    key = hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, str(value).encode(), hashlib.sha256).hexdigest()
