"""Records <-> JSON text for the journal, exactly (Decimal as strings, dates ISO), in versioned layouts.

The journal keeps every answer as JSON so a run can be resumed, reused as a cache and exported
again without calling any service. A round trip gives back an equal record: ``Decimal("1.50")``
stays ``"1.50"`` (never a float), datetimes keep their time zone, tuples stay tuples.

Layouts
-------
A record is stored as a positional JSON array: half the size of an object, quicker both ways, and
what :mod:`pricelookup.run.store` reads with SQL at fixed positions (:data:`OFFERS_AT`,
:data:`OFFER_SHOP_AT`). Which field sits where is the record's *layout*, written down by name in
:data:`LAYOUTS` and never taken from the order of the fields in :mod:`pricelookup.records`: rows
are written by field name and read back by field name, so reordering a record's fields changes
nothing in a journal. A record whose fields no longer match its current layout (a field added,
renamed or dropped) is refused with a :class:`~pricelookup.errors.JournalError` naming it, the
first time one is written or read, until a new layout version says where the change goes.

Every row ends with the layout version it was written in, a JSON integer (``[..., 1]``); the
version covers the records nested in the row (a product's offers, a code's snapshots). Rows
without one were written by release 0.1.0, which had no versions: they are layout 1, whose field
lists are that release's. A row of a version this release does not know (a newer release wrote
it), or whose length does not fit its layout, is refused with a JournalError naming the record,
never read into the wrong fields.

Layout 2 adds PriceAPI's ``eans`` and ``relevance`` to a product (after its offers, which the
SQL reads at a fixed position) and OfficiScan's ``has_variants`` to a snapshot. A snapshot's
``collected_at`` is time-zone aware from layout 2 on; layout 1 rows hold it as OfficiScan sent
it, without a zone, and are read as OfficiScan's local time (Europe/Paris), as the client now
reads the answers (:func:`pricelookup.services.officiscan.vendor_time`).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Hashable
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar, cast

from pricelookup.errors import JournalError
from pricelookup.records import (
    MonitorizeHistoryPoint,
    MonitorizeOffer,
    MonitorizeProduct,
    OfficiscanSnapshot,
    OfficiscanVariant,
    PriceApiOffer,
    PriceApiProduct,
)
from pricelookup.services.officiscan import vendor_time

T = TypeVar("T")

# --- layouts ---------------------------------------------------------------------------------

#: Layout 1: release 0.1.0's, each record's fields in the order its dataclass had then (that
#: release's rows carry no version). Never edit it: journals hold it.
_LAYOUT_1: dict[type, tuple[str, ...]] = {
    PriceApiProduct: ("value", "success", "reason", "source", "country", "key", "id", "name", "brand_name",
                      "category_name", "review_count", "review_rating", "gtins", "url", "updated_at", "offers"),
    PriceApiOffer: ("shop_name", "price", "price_with_shipping", "shipping_costs", "currency", "url", "name",
                    "availability_code", "availability_text", "position", "position_with_shipping"),
    OfficiscanSnapshot: ("id", "product_id", "ean13", "collected_at", "network", "source", "price_current",
                         "price_original", "currency", "in_stock", "stock_label", "rating_value",
                         "rating_count", "rank_position", "promo_text"),
    OfficiscanVariant: ("id", "ean13", "ean7", "brand", "name", "packaging", "is_default", "latest_price",
                        "latest_in_stock"),
    MonitorizeProduct: ("id", "name", "ref", "offers"),
    MonitorizeOffer: ("site", "name", "url", "price", "stock", "stock_label", "promo", "strike_price"),
    MonitorizeHistoryPoint: ("site", "date", "price", "stock", "stock_label", "promo", "strike_price"),
}

#: Layout 2: PriceAPI's eans and relevance (after the offers: OFFERS_AT holds in every layout),
#: OfficiScan's has_variants; snapshots' collected_at aware (see the module doc). Never edit it.
_LAYOUT_2: dict[type, tuple[str, ...]] = {
    **_LAYOUT_1,
    PriceApiProduct: (*_LAYOUT_1[PriceApiProduct], "eans", "relevance"),
    OfficiscanSnapshot: (*_LAYOUT_1[OfficiscanSnapshot], "has_variants"),
}

#: layout version -> record -> its fields in stored order. To store a record differently, add
#: version n + 1 (``{**LAYOUTS[n], Record: (...)}``); never edit a version that journals hold.
#: A field a record gains later is read from older rows as its default.
LAYOUTS: dict[int, dict[type, tuple[str, ...]]] = {1: _LAYOUT_1, 2: _LAYOUT_2}

#: (version, record, field) -> how rows of that layout version are read for that field, where it
#: differs from the field's type: layout 1 snapshots hold OfficiScan's zone-less local time
_READ_AS: dict[tuple[int, type, str], typing.Callable[[Any], Any]] = {
    (1, OfficiscanSnapshot, "collected_at"): lambda v: vendor_time(datetime.fromisoformat(v)),
}
#: the version rows are written in
LAYOUT_VERSION = max(LAYOUTS)

#: where a product row holds its offers list, and an offer row its shop name: the journal's SQL
#: aggregates (:mod:`pricelookup.run.store`) read them there, in rows of every version
OFFERS_AT = LAYOUTS[LAYOUT_VERSION][PriceApiProduct].index("offers")
OFFER_SHOP_AT = LAYOUTS[LAYOUT_VERSION][PriceApiOffer].index("shop_name")


def _check_sql_positions() -> None:
    """Every layout keeps them there: the SQL reads rows of all versions alike (checked at import)."""
    for version, stored in LAYOUTS.items():
        if stored[PriceApiProduct].index("offers") != OFFERS_AT or stored[PriceApiOffer][OFFER_SHOP_AT] != "shop_name":
            raise JournalError(f"journal layout {version} moves a product's offers or an offer's shop name, which "
                               "pricelookup.run.store reads with SQL at fixed positions (OFFERS_AT, OFFER_SHOP_AT)")


_check_sql_positions()


def _name(tp: Any) -> str:
    """The record kind ``tp`` stores (``PriceApiProduct``; a tuple's item record)."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and args:
        tp = args[0]
    return getattr(tp, "__name__", str(tp))


@cache
def _layout(record: type, version: int) -> tuple[str, ...]:
    """``record``'s stored fields in layout ``version``, checked against the record as it is now."""
    layouts = LAYOUTS.get(version)
    if layouts is None:
        raise JournalError(f"A journal row of {_name(record)} has layout version {version}, which this release "
                           f"of Price Lookup does not know (it knows {', '.join(map(str, LAYOUTS))}): a newer "
                           "release wrote it. Update the application to read this journal.")
    names = layouts.get(record)
    if names is None:
        raise JournalError(f"{_name(record)} has no journal layout {version} (pricelookup.run.codec.LAYOUTS).")
    fields = {f.name: f for f in dataclasses.fields(record)}
    gone = [n for n in names if n not in fields]
    if gone:
        raise JournalError(f"{_name(record)}: journal layout {version} stores {', '.join(gone)}, which the record "
                           "no longer has; say in pricelookup.run.codec how such rows are read.")
    new = [n for n in fields if n not in names]
    if version == LAYOUT_VERSION and new:
        raise JournalError(f"{_name(record)} has field(s) {', '.join(new)} that journal layout {version} does not "
                           f"store: add layout version {version + 1} to pricelookup.run.codec.LAYOUTS.")
    required = [n for n in new if fields[n].default is dataclasses.MISSING
                and fields[n].default_factory is dataclasses.MISSING]
    if required:
        raise JournalError(f"{_name(record)}: rows of journal layout {version} do not hold {', '.join(required)}, "
                           "which has no default.")
    return names


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _record_type(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _bare(tp: Any) -> Any:
    """``X`` of ``X | None`` (None is never converted)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else Any
    return tp


# --- writing ------------------------------------------------------------------------------------
#
# By value, in the JSON encoder itself: a record becomes its row (its fields read by name in the
# current layout's order), a Decimal its string, a date or datetime its ISO text; tuples are
# arrays already. The C encoder calls back only for those: the engine's hot path (a product and
# its ~5 offers per answer, 100,000 answers per big run) costs ~34 ms per 1,000 products, against
# ~28 ms for the hand-written codec of release 0.1.0, which depended on records.py's field order.

#: record class -> its field values in the current layout's order (built and checked on first use)
_row_values: dict[type, typing.Callable[[Any], tuple[Any, ...]]] = {}


def _row_values_of(record: type) -> typing.Callable[[Any], tuple[Any, ...]]:
    names = _layout(record, LAYOUT_VERSION)
    get = attrgetter(*names)
    values = get if len(names) > 1 else lambda obj: (get(obj),)
    _row_values[record] = values
    return values


def _json_value(v: Any) -> Any:
    """What the encoder cannot write itself: records, Decimals, dates (else TypeError, as json does)."""
    cls = v.__class__
    if cls is Decimal:
        return str(v)
    values = _row_values.get(cls)
    if values is not None:
        return values(v)
    if cls is datetime or cls is date:
        return v.isoformat()
    if _record_type(cls):
        return _row_values_of(cls)(v)
    raise TypeError(f"{cls.__name__} cannot be stored in the journal")


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False,
                          default=_json_value).encode


def _row_to_json(row: tuple[Any, ...]) -> str:
    """A top-level row as JSON text, with the layout version it is written in."""
    return _dumps((*row, LAYOUT_VERSION))


# --- reading ------------------------------------------------------------------------------------
#
# By type: converters compiled once per (type, layout version) from the records' type hints.

Conv = typing.Callable[[Any], Any]


def _ident(v: Any) -> Any:
    return v


@cache
def _decoder(tp: Any, version: int) -> Conv:
    """JSON value (not None) -> value of type ``tp``; records from their row in layout ``version``."""
    tp = _bare(tp)
    origin = typing.get_origin(tp)
    if tp is Decimal:
        return Decimal
    if tp is datetime:
        return datetime.fromisoformat
    if tp is date:
        return date.fromisoformat
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0], version)
            return tuple if item is _ident else lambda v: tuple([item(x) for x in v])
        convs = [_decoder(a, version) for a in args]
        return lambda v: tuple(None if x is None else c(x) for c, x in zip(convs, v, strict=True))
    if _record_type(tp):
        return _row_decoder(tp, version)
    return _ident


def _row_decoder(record: type, version: int) -> Conv:
    names = _layout(record, version)
    hints = _hints(record)
    n = len(names)
    convs = tuple((i, c) for i, name in enumerate(names)
                  if (c := _READ_AS.get((version, record, name)) or _decoder(hints[name], version)) is not _ident)
    # stored in the order the record's constructor takes: positional, else by name
    positional = names == tuple(f.name for f in dataclasses.fields(record))

    def decode(row: list[Any]) -> Any:
        if row.__class__ is not list or len(row) != n:
            raise JournalError(f"A journal row of {_name(record)} does not fit its layout {version} ({n} values "
                               f"expected, got {len(row) if isinstance(row, list) else type(row).__name__}): "
                               "the journal is damaged or was written by another program.")
        for i, c in convs:
            v = row[i]
            if v is not None:
                row[i] = c(v)
        return record(*row) if positional else record(**dict(zip(names, row, strict=True)))

    return decode


def _split(data: Any, what: Any) -> tuple[list[Any], int]:
    """A stored row and its layout version (the trailing integer; none: release 0.1.0's layout 1)."""
    if data.__class__ is not list:
        raise JournalError(f"A journal row of {_name(what)} is not a JSON array: the journal "
                           "is damaged or was written by another program.")
    if data and data[-1].__class__ is int:
        return data, data.pop()
    return data, 1


# --- PriceAPI (hot path: 100,000 products per big run) -------------------------------------------


def product_to_json(p: PriceApiProduct) -> str:
    """One PriceAPI product as compact JSON text: its row (offers as rows too) and the layout version."""
    return _row_to_json((_row_values.get(PriceApiProduct) or _row_values_of(PriceApiProduct))(p))


def product_from_json(text: str) -> PriceApiProduct:
    """Inverse of :func:`product_to_json`; reads rows of every layout version, release 0.1.0's too."""
    row, version = _split(json.loads(text), PriceApiProduct)
    return cast(PriceApiProduct, _decoder(PriceApiProduct, version)(row))


class BriefOffer(NamedTuple):
    """An offer read in brief: what the comparison and the window's columns read of it
    (:class:`pricelookup.export.changes.OfferView`)."""

    shop_name: str | None
    price: Decimal | None
    currency: str | None
    availability_code: str | None
    availability_text: str | None


class BriefProduct(NamedTuple):
    """A PriceAPI answer read in brief (:class:`pricelookup.export.changes.ProductView`): its
    outcome, name and offers, nothing else. ~3x quicker to read than the whole record (plain
    tuples instead of frozen dataclasses, three fields of an offer instead of eleven), for the
    passes over every answer of a run that need no more (:func:`pricelookup.outcome.outcome_of`)."""

    value: str
    success: bool
    reason: str | None
    name: str | None
    offers: tuple[BriefOffer, ...]


@cache
def _brief_positions(version: int) -> tuple[int, ...]:
    """Where a product row of layout ``version`` holds what :class:`BriefProduct` reads, then
    where its offer rows hold what :class:`BriefOffer` reads."""
    product = _layout(PriceApiProduct, version)
    offer = _layout(PriceApiOffer, version)
    return (*(product.index(n) for n in BriefProduct._fields if n != "offers"), product.index("offers"),
            *(offer.index(n) for n in BriefOffer._fields))


_new_tuple = tuple.__new__


def product_brief_from_json(text: str) -> BriefProduct:
    """A stored PriceAPI answer (any layout version) read in brief; equal, field for field, to the
    same fields of :func:`product_from_json`."""
    row, version = _split(json.loads(text), PriceApiProduct)
    value, success, reason, name, offers, shop, price, currency, code, availability = _brief_positions(version)
    decimal = Decimal
    return _new_tuple(BriefProduct, (row[value], row[success], row[reason], row[name], tuple([
        _new_tuple(BriefOffer, (o[shop], None if o[price] is None else decimal(o[price]), o[currency], o[code],
                                o[availability]))
        for o in row[offers] or ()])))


# --- enrichment records -----------------------------------------------------------------------


def record_to_json(obj: Any, tp: Any = None) -> str:
    """A record or a tuple of records of :mod:`pricelookup.records` as JSON text, with the layout version.

    ``tp`` (e.g. ``SNAPSHOTS``), the type :func:`record_from_json` reads it back as, is checked
    against ``obj`` when given.
    """
    if isinstance(obj, tuple):
        item = typing.get_args(tp)[0] if tp is not None else None
        if item is not None and any(x.__class__ is not item for x in obj):
            raise TypeError(f"record_to_json: not a tuple of {_name(item)}")
        return _row_to_json(obj)
    if tp is not None and obj.__class__ is not tp:
        raise TypeError(f"record_to_json: {type(obj).__name__} is not {_name(tp)}")
    return _row_to_json(_json_value(obj))


def record_from_json(tp: type[T] | Any, text: str) -> T:
    """Inverse of :func:`record_to_json`; ``tp`` is e.g. ``MonitorizeProduct`` or ``SNAPSHOTS``."""
    row, version = _split(json.loads(text), tp)
    return cast(T, _decoder(cast(Hashable, tp), version)(row))


SNAPSHOTS = tuple[OfficiscanSnapshot, ...]
VARIANTS = tuple[OfficiscanVariant, ...]
HISTORY = tuple[MonitorizeHistoryPoint, ...]
__all__ = [
    "HISTORY",
    "LAYOUTS",
    "LAYOUT_VERSION",
    "OFFERS_AT",
    "OFFER_SHOP_AT",
    "SNAPSHOTS",
    "VARIANTS",
    "BriefOffer",
    "BriefProduct",
    "MonitorizeOffer",
    "MonitorizeProduct",
    "product_brief_from_json",
    "product_from_json",
    "product_to_json",
    "record_from_json",
    "record_to_json",
]
