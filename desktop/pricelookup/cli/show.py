"""``pricelookup show --run ID GTIN [--json]``: one product of a journaled run, from the journal alone.

What the window's detail pane shows, in a terminal: the product, its code's check, every offer
(PriceAPI's shops, Monitorize's sites, OfficiScan's networks), the own price against the lowest,
what moved since the previous run, and the price history as one line per series. No service is
called; a run still going is read as far as it got.

* The code may be written as an EAN-13, a UPC-A, an EAN-8 or a GTIN-14 (normalised as the input
  columns are: :func:`pricelookup.gtin.check_code`); one that is not a code is refused in one line
  (exit code 2), as is a run the journal does not hold or a code none of its rows holds.
* ``--json``: exactly one JSON object on stdout (UTF-8), the fields of
  :class:`pricelookup.detail.ProductDetail` under their own names, nested records as objects,
  tuples as arrays, Decimals as strings (``"3.18"``), datetimes in ISO 8601 with their offset,
  absent values as null. A :class:`~pricelookup.detail.SourceNote` gives its ``source`` and
  ``text`` (its ``phrase``, the window's translation key, is left out). Documented in the README.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from pricelookup.cli.exitcodes import EXIT_OK
from pricelookup.cli.terminal import terminal_safe
from pricelookup.detail import HistorySeries, OfferLine, PriceMove, ProductDetail
from pricelookup.errors import SettingsError
from pricelookup.gtin import check_code
from pricelookup.phrasing import Phrase
from pricelookup.run.api import product_detail

#: the text output's width: an 100-column terminal
WIDTH = 100
#: the offers table: (header, width, right-aligned)
_COLUMNS = (("source", 10, False), ("seller", 22, False), ("price", 10, True), ("cur", 3, False),
            ("shipping", 8, True), ("total", 10, True), ("stock", 16, False), ("pos/promo", 12, False))


def gtin14_of(text: str) -> str:
    """The GTIN-14 of a code as typed (EAN-13, UPC-A, EAN-8, GTIN-14, with separators); a
    :class:`SettingsError` naming it when it is not a usable code."""
    check = check_code(text)
    if check.gtin14 is None:
        why = f" ({check.reason})" if check.reason else ""
        raise SettingsError(f"{text!r} is not a product code{why}; give an EAN-13, UPC-A or GTIN-14.")
    return check.gtin14


def show_command(args: argparse.Namespace) -> int:
    """Handler of the ``show`` subcommand; returns the exit code (expected errors are raised)."""
    gtin14 = gtin14_of(args.gtin)
    data_dir = Path(args.data_dir).expanduser() if getattr(args, "data_dir", None) else None
    detail = product_detail(args.run, gtin14, data_dir)
    if args.json:
        _write_json(sys.stdout, detail)
    else:
        _write_text(sys.stdout, render_text(detail))
    return EXIT_OK


# --- --json -------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """``value`` as JSON data: records as objects (their fields by name), Decimals as strings, times
    in ISO 8601, tuples as arrays; a note's ``phrase`` left out."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Phrase):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "phrase"}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def detail_json(detail: ProductDetail) -> dict[str, Any]:
    """The ``--json`` document of ``detail``."""
    out: dict[str, Any] = _plain(detail)
    return out


def _write_json(stream: TextIO, detail: ProductDetail) -> None:
    text = json.dumps(detail_json(detail), ensure_ascii=False, indent=2) + "\n"
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
    else:  # UTF-8 whatever the console's encoding
        stream.flush()
        buffer.write(text.encode("utf-8"))
    stream.flush()


# --- text ---------------------------------------------------------------------------------------


def _write_text(stream: TextIO, text: str) -> None:
    """``text`` in the stream's encoding, characters it cannot show replaced (a legacy console), and the
    vendors' control characters too (:func:`terminal_safe`)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(terminal_safe(text).encode(encoding, "replace").decode(encoding))
    stream.flush()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _money(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def _when(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def _offer_cells(o: OfferLine) -> tuple[str, ...]:
    last = o.promo or ""
    if o.position is not None:
        last = f"#{o.position}" + (f" {last}" if last else "")
    if o.strike_price is not None:
        last = (last + " " if last else "") + f"was {o.strike_price}"
    stock = o.availability or ("in stock" if o.in_stock else "out of stock" if o.in_stock is False else "")
    return (o.source, o.seller, _money(o.price), o.currency or "", _money(o.shipping), _money(o.total), stock, last)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    def line(cells: tuple[str, ...]) -> str:
        parts = []
        for (_, width, right), cell in zip(_COLUMNS, cells, strict=True):
            cell = _fit(cell, width)
            parts.append(cell.rjust(width) if right else cell.ljust(width))
        return _fit(" ".join(parts).rstrip(), WIDTH)

    return [line(tuple(h for h, _, _ in _COLUMNS)), *(line(r) for r in rows)]


def _move_lines(move: PriceMove | None, currency: str | None) -> list[str]:
    if move is None:
        return ["Since the previous run: no earlier run of this source and country answered for this code."]
    head = f"Since run {move.previous_run} ({_when(move.previous_at)}): lowest "
    if move.lowest_pct is None:
        head += "not comparable"
    elif move.lowest_pct == 0:
        head += "unchanged"
    else:
        head += f"{'▲' if move.lowest_pct > 0 else '▼'} {abs(move.lowest_pct)} %"
    if move.old_lowest is not None or move.new_lowest is not None:
        unit = f" {currency}" if currency else ""
        head += f" ({_money(move.old_lowest) or '–'} → {_money(move.new_lowest) or '–'}{unit})"
    then = "–" if move.old_offers is None else str(move.old_offers)
    now = "–" if move.new_offers is None else str(move.new_offers)
    plural = "" if move.changes == 1 else "s"
    return [head, f"  offers {then} → {now}; {move.changes} change{plural} on the Changes sheet"]


def _series_line(series: HistorySeries) -> str:
    name = _fit(f"{series.source} {series.seller}", 34).ljust(34)
    n = len(series.points)
    points = f"{n} point{'' if n == 1 else 's'}".rjust(10)
    first, last = series.points[0], series.points[-1]
    cur = f" {series.currency}" if series.currency else ""
    prices = f"{first.price} → {last.price}{cur}".ljust(26)
    return _fit(f"  {name}{points}  {prices} {first.at.date()} → {last.at.date()}".rstrip(), WIDTH)


def render_text(d: ProductDetail) -> str:
    """The text output: a block per topic, each line at most :data:`WIDTH` characters."""
    lines = [_fit(f"{d.gtin14}  {d.name or '(no name)'}", WIDTH)]
    about = [x for x in (d.brand and f"brand {d.brand}", d.category and f"category {d.category}") if x]
    if d.rating is not None:
        reviews = f", {d.review_count:,} reviews" if d.review_count is not None else ""
        about.append(f"rating {d.rating}/100{reviews}")
    if about:
        lines.append(_fit("  " + " · ".join(about), WIDTH))
    if d.url:
        lines.append(_fit(f"  {d.url}", WIDTH))
    others = [g for g in d.gtins if g != d.gtin14]
    if others:
        lines.append(_fit(f"  also known as {', '.join(others)}", WIDTH))
    check = d.status or "?"
    if d.note:
        check += f" ({d.note})"
    lines.append(_fit(f"Run {d.run_id} · code {check} · PriceAPI: {d.lookup}", WIDTH))
    lines.append("")
    lines.append(f"Offers ({len(d.offers)})")
    if d.offers:
        lines += _table([_offer_cells(o) for o in d.offers])
    if d.lowest is not None:
        lines.append(f"Lowest PriceAPI price: {d.lowest} {d.currency or ''}".rstrip())
    if d.own_price is not None:
        own = f"Own price {d.own_price}{' ' + d.currency if d.currency else ''}"
        if d.own_gap_pct is not None:
            own += f": {'+' if d.own_gap_pct > 0 else ''}{d.own_gap_pct} % vs the lowest"
        if d.own_rank is not None:
            own += f", rank {d.own_rank}"
        lines.append(own)
    lines += [_fit(line, WIDTH) for line in _move_lines(d.move, d.currency)]
    lines.append("")
    lines.append(f"History ({len(d.history)} series)")
    lines += [_series_line(s) for s in d.history if s.points]
    if d.notes:
        lines.append("")
        lines.append("Notes")
        lines += [_fit(f"  {n.text}", WIDTH) for n in d.notes]
    return "\n".join(lines) + "\n"
