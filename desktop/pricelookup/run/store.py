"""A run's PriceAPI answers, read from the journal as they are needed: memory bounded at any size.

A product with ten offers is ~8 KB of Python objects (Decimals, strings, records): a million of
them held at once took 6.4 GB. :class:`JournalProducts` is the ``Mapping[str, PriceApiProduct]``
a :class:`~pricelookup.results.RunResult` exposes instead: it keeps only the keys, decodes a
product when it is asked for (a small LRU serves the export's chunk, fetched in one query by
:meth:`prefetch`), and answers the workbook's aggregates (counts, offers per shop, the largest
offer count) with SQL over the stored JSON, so no pass over a million decoded products is needed.

It reads through a connection of its own (read-only), so a result outlives the engine's
journal handle and can be read from another thread.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from pricelookup.export.aggregates import tally
from pricelookup.export.changes import ProductView
from pricelookup.records import PriceApiProduct
from pricelookup.run import codec

T = TypeVar("T")

#: decoded products kept at once: a little more than one export chunk (5,000 input rows)
LRU_SIZE = 8_192
#: SQLite's default limit of bound parameters is 999 on older builds
_BATCH = 900
_PAGE = 2_000


class JournalProducts(Mapping[str, PriceApiProduct]):
    """The PriceAPI answers of run ``run_id`` in the journal at ``path``, plus ``extra`` rows that
    exist only in memory (codes in doubt or lost: a status, not an answer)."""

    def __init__(self, path: Path, run_id: str, extra: Mapping[str, PriceApiProduct] | None = None) -> None:
        self.path = Path(path)
        self.run_id = run_id
        self._lock = threading.RLock()
        self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        stored = frozenset(r[0] for r in self._db.execute(
            "SELECT gtin14 FROM priceapi_results WHERE run_id=?", (run_id,)))
        self._extra = {k: v for k, v in (extra or {}).items() if k not in stored}
        self._stored = stored
        self._cache: OrderedDict[str, PriceApiProduct] = OrderedDict()

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.run_id, self._extra))

    def __repr__(self) -> str:
        return f"JournalProducts(run_id={self.run_id!r}, {len(self):,} products)"

    def close(self) -> None:
        """Close the read connection (the mapping cannot be read afterwards)."""
        with self._lock:
            self._db.close()

    # --- the Mapping -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._stored) + len(self._extra)

    def __contains__(self, key: object) -> bool:
        return key in self._stored or key in self._extra

    def __iter__(self) -> Iterator[str]:
        yield from self._stored
        yield from self._extra

    def __getitem__(self, key: str) -> PriceApiProduct:
        found = self._extra.get(key)
        if found is not None:
            return found
        if key not in self._stored:
            raise KeyError(key)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
            (text,) = self._db.execute("SELECT product FROM priceapi_results WHERE run_id=? AND gtin14=?",
                                       (self.run_id, key)).fetchone()
            return self._remember(key, codec.product_from_json(text))

    def _remember(self, key: str, product: PriceApiProduct) -> PriceApiProduct:
        self._cache[key] = product
        if len(self._cache) > LRU_SIZE:
            self._cache.popitem(last=False)
        return product

    def prefetch(self, keys: Iterable[str]) -> None:
        """Decode ``keys`` into the LRU with one query per 900 keys (the export asks per chunk)."""
        with self._lock:
            wanted = [k for k in dict.fromkeys(keys) if k in self._stored and k not in self._cache]
            for key, text in self._stored_rows(wanted):
                self._remember(key, codec.product_from_json(text))

    def items(self) -> Iterator[tuple[str, PriceApiProduct]]:  # type: ignore[override]
        """Every answer, decoded a page at a time (never all at once)."""
        yield from self._pages(codec.product_from_json)
        yield from self._extra.items()

    def _pages(self, decode: Callable[[str], T]) -> Iterator[tuple[str, T]]:
        """The stored answers in code order, ``_PAGE`` rows per query, each decoded by ``decode``."""
        last = ""
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT gtin14, product FROM priceapi_results WHERE run_id=? AND gtin14 > ? "
                    "ORDER BY gtin14 LIMIT ?", (self.run_id, last, _PAGE)).fetchall()
            for key, text in rows:
                yield key, decode(text)
            if len(rows) < _PAGE:
                break
            last = rows[-1][0]

    def values(self) -> Iterator[PriceApiProduct]:  # type: ignore[override]
        """Every answer, a page at a time."""
        return (p for _, p in self.items())

    # --- in brief (the comparison's fields only: see codec.BriefProduct) -----------------------

    def brief_items(self) -> Iterator[tuple[str, ProductView]]:
        """Every answer read in brief, a page at a time: the stored ones in code order, then the
        in-memory rows (whole records)."""
        yield from self._pages(codec.product_brief_from_json)
        yield from self._extra.items()

    def brief_many(self, keys: Iterable[str]) -> dict[str, ProductView]:
        """The answers of those of ``keys`` this run has, read in brief (one query per 900 keys)."""
        asked = list(dict.fromkeys(keys))
        out: dict[str, ProductView] = {k: self._extra[k] for k in asked if k in self._extra}
        with self._lock:
            for key, text in self._stored_rows([k for k in asked if k in self._stored]):
                out[key] = codec.product_brief_from_json(text)
        return out

    def _stored_rows(self, keys: list[str]) -> Iterator[tuple[str, str]]:
        """(code, stored JSON) of ``keys``, one query per ``_BATCH`` keys; the caller holds the lock."""
        for start in range(0, len(keys), _BATCH):
            batch = keys[start:start + _BATCH]
            yield from self._db.execute(
                f"SELECT gtin14, product FROM priceapi_results WHERE run_id=? AND gtin14 IN "
                f"({','.join('?' * len(batch))})", (self.run_id, *batch)).fetchall()

    # --- aggregates in SQL (what the workbook's Summary and layout need) ---------------------

    def outcome_counts(self) -> tuple[int, int, int, int]:
        """(found, not found, failed, offers of the found ones) over every answer."""
        with self._lock:
            found, not_found, failed, offers = self._db.execute(
                "SELECT COALESCE(SUM(success), 0), COALESCE(SUM(success = 0 AND reason = 'not found'), 0), "
                "COALESCE(SUM(success = 0 AND (reason IS NULL OR reason != 'not found')), 0), "
                f"COALESCE(SUM(CASE WHEN success THEN json_array_length(product, '$[{codec.OFFERS_AT}]') "
                "END), 0) FROM priceapi_results WHERE run_id=?", (self.run_id,)).fetchone()
        extra = tally(self._extra.values())
        return int(found) + extra[0], int(not_found) + extra[1], int(failed) + extra[2], int(offers) + extra[3]

    def offers_per_shop(self) -> Counter[str]:
        """Offers per shop name over every answer ("(no shop name)" for offers without one)."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT COALESCE(json_extract(o.value, '$[{codec.OFFER_SHOP_AT}]'), ''), COUNT(*) "
                f"FROM priceapi_results r, json_each(r.product, '$[{codec.OFFERS_AT}]') o "
                "WHERE r.run_id=? GROUP BY 1", (self.run_id,)).fetchall()
        counts: Counter[str] = Counter()
        for shop, n in rows:
            counts[shop or "(no shop name)"] += n
        for p in self._extra.values():
            counts.update(o.shop_name or "(no shop name)" for o in p.offers)
        return counts

    def offer_count_stats(self, slots: int | None = None) -> tuple[int, int, int]:
        """(largest offer count, total offers, products with more than ``slots`` offers)."""
        n = f"json_array_length(product, '$[{codec.OFFERS_AT}]')"
        with self._lock:
            largest, total, over = self._db.execute(
                f"SELECT COALESCE(MAX({n}), 0), COALESCE(SUM({n}), 0), COALESCE(SUM({n} > ?), 0) "
                "FROM priceapi_results WHERE run_id=?", (slots if slots is not None else 1 << 30, self.run_id)
            ).fetchone()
        for p in self._extra.values():
            largest = max(largest, len(p.offers))
            total += len(p.offers)
            over += slots is not None and len(p.offers) > slots
        return int(largest), int(total), int(over)

    def problem_keys(self) -> frozenset[str]:
        """Codes whose look-up failed (not success, not "not found"): the Errors sheet's rows."""
        with self._lock:
            rows = self._db.execute(
                "SELECT gtin14 FROM priceapi_results WHERE run_id=? AND success = 0 "
                "AND (reason IS NULL OR reason != 'not found')", (self.run_id,)).fetchall()
        extra = (k for k, p in self._extra.items() if not p.success and p.reason != "not found")
        return frozenset([*(r[0] for r in rows), *extra])
