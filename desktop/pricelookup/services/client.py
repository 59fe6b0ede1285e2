"""The base of the four service clients: base URL check, key, transport, JSON decoding.

One reason to change: what the four clients share. :class:`ServiceClient` owns
the httpx client (user agent, timeouts, the redirect check of every request)
and hands each request to its :class:`~pricelookup.services.http.HttpPolicy`;
subclasses add the service's authentication and endpoints.
Every client shares one TLS context per process (:func:`tls_context`).
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Mapping
from typing import Any, ClassVar, Self

import httpx

from pricelookup import __version__
from pricelookup.errors import AuthenticationError, BadResponseError, ServiceError
from pricelookup.phrasing import QT_TRANSLATE_NOOP, phrase
from pricelookup.redaction import remember_keys
from pricelookup.secrets import KEY_ENV_VARS
from pricelookup.services import decode
from pricelookup.services.http import HttpPolicy
from pricelookup.services.urls import check_base_url, is_loopback_host
from pricelookup.services.wording import ServiceInfo, looks_like_html
from pricelookup.settings import SERVICE_NAMES


@functools.cache
def tls_context(*, trust_env: bool) -> ssl.SSLContext:
    """The CA-verifying TLS context, one per process (and per ``trust_env``), shared by every client:
    building one loads the CA bundle, ~0.05-0.2 s, which httpx would otherwise pay for each client."""
    return httpx.create_ssl_context(trust_env=trust_env)


# the words of the failures every client may end a call with (templates: pricelookup.phrasing)
_PLAIN_REDIRECT = QT_TRANSLATE_NOOP(
    "Engine", "refused to follow a redirect to a plain-HTTP or unknown address on host {host}: the key would "
    "travel unencrypted. Check the service address in Settings.")
#: per key word, like :data:`pricelookup.services.wording.TEMPLATES`' refused key
_NO_KEY = {
    "key": QT_TRANSLATE_NOOP("Engine", "no key is set; add it in Settings > Keys, with `pricelookup keys set "
                             "{service}`, or in {env}."),
    "token": QT_TRANSLATE_NOOP("Engine", "no token is set; add it in Settings > Keys, with `pricelookup keys set "
                               "{service}`, or in {env}."),
}
_UNSENDABLE_KEY = {
    "key": QT_TRANSLATE_NOOP("Engine", "the key contains characters that cannot be sent (line breaks, "
                             "accents...); {hint}."),
    "token": QT_TRANSLATE_NOOP("Engine", "the token contains characters that cannot be sent (line breaks, "
                               "accents...); {hint}."),
}
_WEB_PAGE = QT_TRANSLATE_NOOP(
    "Engine", "answered {path} with a web page instead of data (HTTP {code}); the service may be down or the "
    "address wrong. Check the address in Settings or try again later.")
NOT_JSON = QT_TRANSLATE_NOOP(
    "Engine", "answered {path} with data that is not valid JSON (HTTP {code}); try again later, and report it "
    "if it persists.")
SHAPE = QT_TRANSLATE_NOOP(
    "Engine", "answered {path} with an unexpected structure (expected {expected}); the API may have changed. "
    "Report it.")
#: every template of this module's messages
TEMPLATES: tuple[str, ...] = (_PLAIN_REDIRECT, *_NO_KEY.values(), *_UNSENDABLE_KEY.values(), _WEB_PAGE, NOT_JSON,
                              SHAPE)


def _pricelookup_user_agent() -> str:
    return f"pricelookup/{__version__} (+httpx)"


class ServiceClient:
    """What the four clients share: base URL check, auth, the policy, JSON decoding.

    Subclasses set the class attributes and :meth:`_auth_headers`; they call
    :meth:`_get_json` / :meth:`_request` with paths relative to the base URL.
    """

    service_id: ClassVar[str] = ""
    key_word: ClassVar[str] = "key"

    def __init__(self, base_url: str, key: str, *, transport: httpx.AsyncBaseTransport | None = None,
                 policy: HttpPolicy | None = None) -> None:
        """``base_url`` like ``https://api.priceapi.com`` or ``http://127.0.0.1:P/priceapi``."""
        self.info = ServiceInfo(SERVICE_NAMES[self.service_id], self.key_word, KEY_ENV_VARS[self.service_id])
        url = check_base_url(base_url, self.info.name)
        self.base_url = str(url).rstrip("/")
        self._key = (key or "").strip()
        remember_keys([self._key])  # scrubbed from every message and log line, whoever prints it
        self.policy = policy if policy is not None else self.default_policy()
        self._transport = transport
        loopback = is_loopback_host(url.host)
        self._client_options: dict[str, Any] = {
            "timeout": self.policy.timeout,
            # proxies from the environment are for the real services, never the local sandbox
            "trust_env": not loopback,
            "headers": {"User-Agent": _pricelookup_user_agent()},
            "event_hooks": {"request": [self._check_request]},
            "follow_redirects": False,
        }
        self._http = self._new_client()

    def _new_client(self, limits: httpx.Limits | None = None) -> httpx.AsyncClient:
        if self._transport is not None:
            return httpx.AsyncClient(transport=self._transport, **self._client_options)
        limits = limits or httpx.Limits(max_connections=max(10, self.policy.max_concurrency * 2))
        return httpx.AsyncClient(limits=limits, verify=tls_context(trust_env=self._client_options["trust_env"]),
                                 **self._client_options)

    @classmethod
    def default_policy(cls) -> HttpPolicy:
        """The policy used when none is given (subclasses tune it to the service)."""
        return HttpPolicy()

    def __repr__(self) -> str:  # never the key
        return f"{type(self).__name__}({self.base_url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections."""
        await self._http.aclose()

    # --- hooks for subclasses ---------------------------------------------------------

    def _auth_headers(self) -> dict[str, str]:
        return {}

    def _auth_params(self) -> dict[str, str]:
        return {}

    def _classify(self, response: httpx.Response) -> ServiceError | None:
        """Turn a non-2xx answer into the service's own error, or None for the generic mapping."""
        return None

    # --- plumbing ---------------------------------------------------------------------

    async def _check_request(self, request: httpx.Request) -> None:
        # runs for every request httpx sends, redirects included
        if request.url.scheme != "https" and not (request.url.scheme == "http" and is_loopback_host(request.url.host)):
            raise BadResponseError(self.info.name, phrase(_PLAIN_REDIRECT, host=request.url.host))

    def _require_key(self) -> str:
        key = self._key
        if not key:
            raise AuthenticationError(self.info.name, phrase(self.info.key_template(_NO_KEY), service=self.service_id,
                                                             env=self.info.env_var))
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in key) or not key.isascii():
            # httpx would put the whole header value (the key) in its error message
            raise AuthenticationError(self.info.name, phrase(self.info.key_template(_UNSENDABLE_KEY),
                                                             hint=self.info.key_hint))
        return key

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` (which starts with '/')."""
        return self.base_url + path

    async def _request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                       data: Mapping[str, Any] | None = None, idempotent: bool | None = None,
                       follow_redirects: bool = False, client: httpx.AsyncClient | None = None) -> httpx.Response:
        self._require_key()
        merged = {**self._auth_params(), **(params or {})}
        request = (client or self._http).build_request(
            method, self.url(path), params=merged or None, data=data, headers=self._auth_headers())
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "OPTIONS", "PUT", "DELETE")
        return await self.policy.send(client or self._http, request, service=self.info, idempotent=idempotent,
                                      follow_redirects=follow_redirects, classify=self._classify,
                                      secrets=(self._key,))

    def _decode(self, response: httpx.Response, path: str) -> Any:
        """The JSON body with Decimals, or :class:`BadResponseError` in plain words."""
        if looks_like_html(response):
            raise BadResponseError(self.info.name, phrase(_WEB_PAGE, path=path, code=str(response.status_code)))
        try:
            return decode.loads(response.content)
        except ValueError:
            raise BadResponseError(self.info.name, phrase(NOT_JSON, path=path, code=str(response.status_code))) from None

    async def _get_json(self, path: str, *, params: Mapping[str, Any] | None = None,
                        follow_redirects: bool = False) -> Any:
        response = await self._request("GET", path, params=params, follow_redirects=follow_redirects)
        return self._decode(response, path)

    def _shape_error(self, path: str, expected: str) -> BadResponseError:
        return BadResponseError(self.info.name, phrase(SHAPE, path=path, expected=expected))
