"""Which service addresses a client may use: https, or plain HTTP to loopback only.

One reason to change: the rule for acceptable addresses. Keys travel with every
request (PriceAPI's in the query string), so a plain-HTTP address anywhere but
loopback (the local sandbox) would send them in clear text; a ``user:password``
in the address would end up in logs and messages. :func:`host_key` names the
unit the rate controller works on.
"""

from __future__ import annotations

import ipaddress

import httpx

from pricelookup.errors import SettingsError


def host_key(url: httpx.URL) -> str:
    """``scheme://host[:port]``: the unit of rate control (one service may span hosts via redirects)."""
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}"


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ``::1`` (the only hosts plain HTTP may reach)."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str, service: str) -> httpx.URL:
    """The parsed base URL, or :class:`SettingsError` if it is not https (or loopback http)."""
    try:
        url = httpx.URL(base_url.strip())
    except (httpx.InvalidURL, TypeError, ValueError):
        raise SettingsError(f"{service}: the service address is not a valid URL; "
                            "check it in Settings (it should look like https://...).") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise SettingsError(f"{service}: the service address must start with https:// "
                            "and name a host; check it in Settings.")
    if url.userinfo:
        # a user:password in the address would end up in logs and messages
        raise SettingsError(f"{service}: the service address must not contain a user name "
                            "or password; keys go in Settings > Keys.")
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise SettingsError(
            f"{service}: refusing the plain-HTTP address of host {url.host}: the key would "
            "travel unencrypted. Use https:// (plain http is allowed only for 127.0.0.1 / "
            "localhost, i.e. the sandbox)."
        )
    return url
