"""The one settings object shared by the CLI and the GUI.

The CLI builds it from flags, the GUI from its panels (persisted with
QSettings); the engine only ever sees this. It never holds a key: keys come
from :mod:`pricelookup.secrets` at the moment a client is built.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, Literal

Layout = Literal["row", "column"]
Completeness = Literal["one_page", "all_pages", "at_least_two_shops"]
Currentness = Literal["daily_updated", "realtime"]
#: PriceAPI's lookup keys that a run supports: gtin only. PriceAPI also has keyword and source_id,
#: but a run is keyed by GTIN-14 from the input to the workbook (the engine refuses the others)
PriceApiKey = Literal["gtin"]

Service = Literal["priceapi", "officiscan", "monitorize", "snipcart"]

#: the four services, in the order every list shows them
SERVICES: tuple[Service, ...] = ("priceapi", "officiscan", "monitorize", "snipcart")

#: how each service is called in words (messages, sheets, the window)
SERVICE_NAMES: dict[str, str] = {
    "priceapi": "PriceAPI",
    "officiscan": "OfficiScan",
    "monitorize": "Monitorize",
    "snipcart": "Snipcart",
}

#: production base URLs; clients append the documented paths to these
DEFAULT_BASE_URLS: dict[str, str] = {
    "priceapi": "https://api.priceapi.com",
    "officiscan": "https://api.officiscan.com",
    "monitorize": "https://www.monitorize.fr",
    "snipcart": "https://app.snipcart.com",
}


@dataclass(frozen=True)
class Endpoints:
    """Where each service lives. The sandbox serves all four under path prefixes."""

    priceapi: str = DEFAULT_BASE_URLS["priceapi"]
    officiscan: str = DEFAULT_BASE_URLS["officiscan"]
    monitorize: str = DEFAULT_BASE_URLS["monitorize"]
    snipcart: str = DEFAULT_BASE_URLS["snipcart"]
    sandbox: bool = False  # True: simulated data, any key but "invalid" works
    #: what answers at these addresses when the address does not say it (the embedded sandbox
    #: listens on a new port each time); None: the PriceAPI address is its identity
    identity: str | None = None

    @classmethod
    def for_sandbox(cls, base_url: str, identity: str | None = None) -> Endpoints:
        """Endpoints of a sandbox running at ``base_url`` (``http://127.0.0.1:PORT``)."""
        base = base_url.rstrip("/")
        return cls(
            priceapi=f"{base}/priceapi",
            officiscan=f"{base}/officiscan",
            monitorize=f"{base}/monitorize",
            snipcart=f"{base}/snipcart",
            sandbox=True,
            identity=identity,
        )

    def priceapi_identity(self) -> str:
        """Whose PriceAPI answers these are: two runs with equal identities may reuse each other's."""
        return self.identity or self.priceapi

    def url(self, service: str) -> str:
        """Base URL of ``service`` (one of :data:`SERVICES`)."""
        return str(getattr(self, service))


@dataclass(frozen=True)
class RunSettings:
    """Everything that decides what a run asks for and what it writes.

    Two runs with equal ``lookup_fingerprint()`` ask the services the same
    questions, so the journal may reuse one's answers for the other.
    """

    # input
    sheet: str | None = None
    column: str | None = None  # header name or column letter; None = detect
    cip7: bool = False  # treat 7-digit codes as French CIP7 and convert to CIP13
    include_restricted: bool = False  # look up restricted-circulation / coupon codes too

    # PriceAPI
    source: str = "google-shopping"
    country: str = "fr"
    key: PriceApiKey = "gtin"
    completeness: Completeness = "one_page"
    currentness: Currentness = "daily_updated"
    budget: int | None = None  # credits; None = only the daily quota limits

    # enrichment
    officiscan: bool = True
    officiscan_days: int = 30
    officiscan_network: str | None = None
    officiscan_variants: bool = False
    monitorize: bool = True
    monitorize_match_column: str | None = None  # None: match ref against the code
    monitorize_history: bool = False
    snipcart_input: bool = False  # start from the shop's Snipcart catalogue instead of a file

    # export
    layout: Layout = "row"
    max_offer_columns: int = 20
    own_price_column: str | None = None  # input column with the analyst's own price
    change_threshold_pct: Decimal = Decimal("1")

    def services_used(self) -> tuple[str, ...]:
        """The services a run with these settings calls (so only their keys are looked up)."""
        used = ["priceapi"]
        if self.snipcart_input:
            used.append("snipcart")
        if self.officiscan:
            used.append("officiscan")
        if self.monitorize:
            used.append("monitorize")
        return tuple(used)

    def lookup_fingerprint(self) -> dict[str, Any]:
        """The settings that change what the services are asked (journal key)."""
        return {
            "source": self.source,
            "country": self.country,
            "key": self.key,
            "completeness": self.completeness,
            "currentness": self.currentness,
            "include_restricted": self.include_restricted,
            "cip7": self.cip7,
            "officiscan": self.officiscan,
            "officiscan_days": self.officiscan_days,
            "officiscan_network": self.officiscan_network,
            "monitorize": self.monitorize,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form (Decimals as strings) for the journal and the Summary sheet."""
        out = asdict(self)
        out["change_threshold_pct"] = str(self.change_threshold_pct)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunSettings:
        """Inverse of :meth:`to_dict`; unknown keys are ignored (older journals)."""
        known = {f for f in cls.__dataclass_fields__}
        kwargs = {k: v for k, v in data.items() if k in known}
        if "change_threshold_pct" in kwargs:
            kwargs["change_threshold_pct"] = Decimal(str(kwargs["change_threshold_pct"]))
        return cls(**kwargs)


@dataclass(frozen=True)
class ServiceKeys:
    """Keys for one run, fetched from the keyring/environment just before use.

    ``repr`` hides the values so a key never lands in a log by accident.
    """

    priceapi: str | None = field(default=None, repr=False)
    officiscan: str | None = field(default=None, repr=False)
    monitorize: str | None = field(default=None, repr=False)
    snipcart: str | None = field(default=None, repr=False)

    @classmethod
    def sandbox(cls) -> ServiceKeys:
        """Keys the sandbox accepts (anything but the literal ``invalid``)."""
        return cls(priceapi="sandbox", officiscan="oc_sandbox", monitorize="sandbox", snipcart="sandbox")

    def get(self, service: str) -> str | None:
        """The key of ``service`` or None."""
        return getattr(self, service)
