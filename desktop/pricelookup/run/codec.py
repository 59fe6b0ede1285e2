"""Records <-> JSON text for the journal, exactly (Decimal as strings, dates ISO).

The journal keeps every answer as JSON so a run can be resumed, reused as a
cache and exported again without calling any service. A round trip gives back
an equal record: ``Decimal("1.50")`` stays ``"1.50"`` (never a float), datetimes
keep their time zone, tuples stay tuples.

PriceAPI products are the hot path (100,000 per big run), so they have a
hand-written codec; the other records go through a small generic one.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from pricelookup.records import (
    MonitorizeHistoryPoint,
    MonitorizeOffer,
    MonitorizeProduct,
    OfficiscanSnapshot,
    OfficiscanVariant,
    PriceApiOffer,
    PriceApiProduct,
)

T = TypeVar("T")


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def _undec(v: str | None) -> Decimal | None:
    return None if v is None else Decimal(v)


# --- PriceAPI (hot path) ------------------------------------------------------------------

#: where :func:`product_to_json` puts the offers list, and the shop name in an offer: the
#: journal's SQL aggregates (:mod:`pricelookup.run.store`) read them there
OFFERS_AT = 15
OFFER_SHOP_AT = 0


def _offer_to_list(o: PriceApiOffer) -> list[Any]:
    # inlined None checks: this runs for every offer of a 100,000-product run
    p, pw, sc = o.price, o.price_with_shipping, o.shipping_costs
    return [o.shop_name, None if p is None else str(p), None if pw is None else str(pw),
            None if sc is None else str(sc), o.currency, o.url, o.name, o.availability_code,
            o.availability_text, o.position, o.position_with_shipping]


def _offer_from_list(a: list[Any]) -> PriceApiOffer:
    return PriceApiOffer(a[0], _undec(a[1]), _undec(a[2]), _undec(a[3]), a[4], a[5], a[6], a[7], a[8], a[9], a[10])


def product_to_json(p: PriceApiProduct) -> str:
    """One PriceAPI product as compact JSON text: a positional list in field order (offers too),
    which is about half the size of an object and quicker both ways."""
    return _dumps([
        p.value, p.success, p.reason, p.source, p.country, p.key, p.id, p.name, p.brand_name,
        p.category_name, p.review_count, p.review_rating, list(p.gtins), p.url,
        None if p.updated_at is None else p.updated_at.isoformat(),
        [_offer_to_list(o) for o in p.offers],
    ])


def product_from_json(text: str) -> PriceApiProduct:
    """Inverse of :func:`product_to_json`."""
    d = json.loads(text)
    u = d[14]
    return PriceApiProduct(
        d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], tuple(d[12]), d[13],
        None if u is None else datetime.fromisoformat(u),
        tuple(_offer_from_list(o) for o in d[15]),
    )


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


# --- generic (enrichment records) -----------------------------------------------------------
#
# Records are stored as positional lists (field order of the dataclass): half the size of
# dicts and fast to rebuild. A record that gains trailing fields later still reads old
# journals (the missing fields take their defaults). Encoders and decoders are compiled
# once per type from its type hints.

Conv = typing.Callable[[Any], Any]


def _ident(v: Any) -> Any:
    return v


def _opt(f: Conv) -> Conv:
    return lambda v: None if v is None else f(v)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _decoder(tp: Any) -> Conv:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _opt(_decoder(args[0]) if len(args) == 1 else _ident)
    if tp is Decimal:
        return Decimal
    if tp is datetime:
        return datetime.fromisoformat
    if tp is date:
        return date.fromisoformat
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            if item is _ident:
                return tuple
            return lambda v: tuple(item(x) for x in v)
        convs = [_decoder(a) for a in args]
        return lambda v: tuple(c(x) for c, x in zip(convs, v, strict=True))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        convs = [_decoder(hints[f.name]) for f in dataclasses.fields(tp)]
        pairs = [(i, c) for i, c in enumerate(convs) if c is not _ident]

        def build(v: list[Any], _cls: Any = tp, _pairs: list[tuple[int, Conv]] = pairs) -> Any:
            v = list(v)
            n = len(v)
            for i, c in _pairs:
                if i < n and v[i] is not None:
                    v[i] = c(v[i])
            return _cls(*v)

        return build
    return _ident


@cache
def _encoder(tp: Any) -> Conv:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _opt(_encoder(args[0]) if len(args) == 1 else _to_plain)
    if tp is Decimal:
        return str
    if tp in (datetime, date):
        return lambda v: v.isoformat()
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _encoder(args[0])
            return lambda v: [item(x) for x in v]
        convs = [_encoder(a) for a in args]
        return lambda v: [c(x) for c, x in zip(convs, v, strict=True)]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        named = [(f.name, _encoder(hints[f.name])) for f in dataclasses.fields(tp)]
        return lambda v: [c(getattr(v, name)) for name, c in named]
    if origin is dict or tp is Any:
        return _to_plain
    return _ident


def _to_plain(v: Any) -> Any:
    """Untyped values (``raw`` dicts): JSON-able as they are, Decimals as strings."""
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, dict):
        return {str(k): _to_plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_to_plain(x) for x in v]
    return v


def record_to_json(obj: Any, tp: Any = None) -> str:
    """A record (or tuple of records) of :mod:`pricelookup.records` as JSON text.

    ``tp`` is the type to encode as (e.g. ``SNAPSHOTS``); by default the object's class,
    or a tuple of its first item's class.
    """
    if tp is None:
        if isinstance(obj, tuple):
            tp = tuple[type(obj[0]), ...] if obj else tuple[Any, ...]  # type: ignore[misc]
        else:
            tp = type(obj)
    return json.dumps(_encoder(tp)(obj), ensure_ascii=False, separators=(",", ":"))


def record_from_json(tp: type[T] | Any, text: str) -> T:
    """Inverse of :func:`record_to_json`; ``tp`` is e.g. ``MonitorizeProduct`` or ``SNAPSHOTS``."""
    return _decoder(tp)(json.loads(text))  # type: ignore[no-any-return]


SNAPSHOTS = tuple[OfficiscanSnapshot, ...]
VARIANTS = tuple[OfficiscanVariant, ...]
HISTORY = tuple[MonitorizeHistoryPoint, ...]
__all__ = [
    "HISTORY",
    "SNAPSHOTS",
    "VARIANTS",
    "MonitorizeOffer",
    "MonitorizeProduct",
    "product_from_json",
    "product_to_json",
    "record_from_json",
    "record_to_json",
]
