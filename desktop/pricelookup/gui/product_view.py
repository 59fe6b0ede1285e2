"""One product as the detail pane and its chart show it, without a widget: cells, series and sentences.

:class:`~pricelookup.detail.ProductDetail` is the engine's record of one code in
one run. Turning it into the offers table's cells (display text, sort key,
clipboard text), the chart's series (points in milliseconds, hover texts) and
the pane's sentences is plain Python here, so it is tested without a window
(tests/gui/test_detail_pane.py); the widgets of :mod:`pricelookup.gui.detail_pane`
and :mod:`pricelookup.gui.price_chart` only lay it out.

Numbers, prices and dates are written in the UI language's locale (``QLocale()``,
see :mod:`pricelookup.gui.formatting`): ``3,57 €`` and ``05/12/2026`` in French.
The engine's words (a source's note, a code's note) are shown translated where
they were written from a template (:mod:`pricelookup.phrasing`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject

from pricelookup.detail import HistorySeries, OfferLine, ProductDetail, SourceNote
from pricelookup.gui.formatting import DEFAULT_DECIMALS, currency_decimals, format_price
from pricelookup.gui.messages import notes_text, translated
from pricelookup.phrasing import CONTEXT, SOURCE_NOTE_TEMPLATES, read_phrase

# lupdate finds strings in ``translate("Context", "text")`` calls, not through a wrapper
translate = QCoreApplication.translate

NBSP = "\u00a0"
UP, DOWN, FLAT = "▲", "▼", "="


class ProductView(QObject):
    """This module's messages with a count: lupdate marks a plural only in a ``self.tr()`` call
    (the context is the same, "ProductView")."""

    def offers(self, count: int) -> str:
        """``14 offers``."""
        return self.tr("%Ln offer(s)", None, count)

    def reviews(self, count: int) -> str:
        """``1,234 reviews``."""
        return self.tr("%Ln review(s)", None, count)


# --- numbers ----------------------------------------------------------------------------------------


def money(amount: Decimal | None, currency: str | None, locale: QLocale) -> str:
    """``3,57 €`` / ``€3.57``; empty for None."""
    return "" if amount is None else format_price(amount, currency, locale)


def plain_number(amount: Decimal | None, currency: str | None, locale: QLocale) -> str:
    """A price for the clipboard: the locale's decimal mark, no grouping, no symbol (Excel reads it as a number)."""
    if amount is None:
        return ""
    decimals = currency_decimals(currency) if currency and len(currency) == 3 and currency.isalpha() else DEFAULT_DECIMALS
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = locale.toString(float(rounded), "f", decimals)
    return text.replace(locale.groupSeparator(), "") if locale.groupSeparator() else text


def percent(value: Decimal, locale: QLocale, *, signed: bool = False) -> str:
    """``3,25 %`` (two decimals, the locale's mark); ``signed``: ``+3,25 %`` / ``−3,25 %``."""
    number = locale.toString(float(abs(value) if signed else value), "f", 2)
    sign = ("+" if value > 0 else "−" if value < 0 else "") if signed else ""
    return f"{sign}{number}{NBSP}%"


def arrow(value: Decimal | None) -> str:
    """▲ for a rise, ▼ for a fall, = for no move; empty when not comparable."""
    if value is None:
        return ""
    return UP if value > 0 else DOWN if value < 0 else FLAT


def short_date(at: datetime | None, locale: QLocale) -> str:
    """``05/12/2026`` in French: the locale's short date, in the machine's time zone."""
    if at is None:
        return ""
    local = at.astimezone() if at.tzinfo is not None else at
    return locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat)


def epoch_ms(at: datetime) -> int:
    """Milliseconds since the epoch (what QDateTimeAxis plots)."""
    return int(at.timestamp() * 1000)


# --- the offers table --------------------------------------------------------------------------------


def offer_headers() -> list[str]:
    """The offers table's column titles."""
    return [translate("ProductView", "Source"), translate("ProductView", "Seller"),
            translate("ProductView", "Price"), translate("ProductView", "Shipping"),
            translate("ProductView", "Total"), translate("ProductView", "Stock"),
            translate("ProductView", "Position"), translate("ProductView", "Promo"),
            translate("ProductView", "Strike price"), translate("ProductView", "Date")]


#: columns whose cells are numbers (right-aligned; sorted by value)
NUMERIC_OFFER_COLUMNS = frozenset({2, 3, 4, 6, 8, 9})


def copy_headers() -> list[str]:
    """The header line of copied offers (a currency and a link column more than the table: Excel gets numbers)."""
    return [translate("ProductView", "Source"), translate("ProductView", "Seller"),
            translate("ProductView", "Price"), translate("ProductView", "Currency"),
            translate("ProductView", "Shipping"), translate("ProductView", "Total"),
            translate("ProductView", "Stock"), translate("ProductView", "Position"),
            translate("ProductView", "Promo"), translate("ProductView", "Strike price"),
            translate("ProductView", "Date"), translate("ProductView", "Link")]


def stock_text(offer: OfferLine) -> str:
    """The service's own availability words, else "in stock" / "out of stock"."""
    if offer.availability:
        return offer.availability
    if offer.in_stock is None:
        return ""
    return translate("ProductView", "in stock") if offer.in_stock else translate("ProductView", "out of stock")


@dataclass(frozen=True)
class OfferRow:
    """One offer as the table shows it (``cells``), sorts it (``keys``) and copies it (``copy``)."""

    offer: OfferLine
    cells: tuple[str, ...]
    keys: tuple[float | str, ...]
    copy: tuple[str, ...]

    @property
    def url(self) -> str | None:
        """The offer's page, if the service gave one."""
        return self.offer.url


_LAST = math.inf  # missing numbers sort after every number


def _num(value: Decimal | int | None) -> float:
    return _LAST if value is None else float(value)


def offer_row(offer: OfferLine, locale: QLocale) -> OfferRow:
    """The cells, sort keys and clipboard values of one offer."""
    cur = offer.currency
    date = short_date(offer.seen_at, locale)
    position = "" if offer.position is None else locale.toString(int(offer.position))
    cells = (offer.source, offer.seller, money(offer.price, cur, locale), money(offer.shipping, cur, locale),
             money(offer.total, cur, locale), stock_text(offer), position, offer.promo or "",
             money(offer.strike_price, cur, locale), date)
    keys: tuple[float | str, ...] = (
        offer.source.casefold(), offer.seller.casefold(), _num(offer.price), _num(offer.shipping), _num(offer.total),
        cells[5].casefold(), _num(offer.position), (offer.promo or "").casefold(), _num(offer.strike_price),
        _LAST if offer.seen_at is None else offer.seen_at.timestamp())
    copy = (offer.source, offer.seller, plain_number(offer.price, cur, locale), cur or "",
            plain_number(offer.shipping, cur, locale), plain_number(offer.total, cur, locale), cells[5], position,
            offer.promo or "", plain_number(offer.strike_price, cur, locale), date, offer.url or "")
    return OfferRow(offer, cells, keys, copy)


def offer_rows(detail: ProductDetail, locale: QLocale) -> list[OfferRow]:
    """Every offer of ``detail``, in the engine's order (PriceAPI, Monitorize, OfficiScan)."""
    return [offer_row(o, locale) for o in detail.offers]


def sort_rows(rows: Sequence[OfferRow], column: int, descending: bool) -> list[OfferRow]:
    """``rows`` by ``column``'s key; missing numbers last either way (stable: ties keep their order)."""
    present = [r for r in rows if r.keys[column] != _LAST]
    missing = [r for r in rows if r.keys[column] == _LAST]
    return sorted(present, key=lambda r: r.keys[column], reverse=descending) + missing


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())


def offers_tsv(rows: Sequence[OfferRow]) -> str:
    """``rows`` as tab-separated text with a header line: what Excel splits into cells on paste."""
    lines = ["\t".join(copy_headers())]
    lines += ["\t".join(_clean(v) for v in row.copy) for row in rows]
    return "\n".join(lines) + "\n"


# --- the pane's sentences ------------------------------------------------------------------------------


def title_text(detail: ProductDetail) -> str:
    """The product's name, or what stands for it."""
    return detail.name or translate("ProductView", "Product {gtin}").format(gtin=detail.gtin14)


def facts_text(detail: ProductDetail, locale: QLocale) -> str:
    """``Brand · Category · rated 86/100 (1,234 reviews)``; empty when PriceAPI said none of it."""
    parts = [p for p in (detail.brand, detail.category) if p]
    if detail.rating is not None:
        rating = translate("ProductView", "rated {rating}/100").format(rating=locale.toString(int(detail.rating)))
        if detail.review_count:
            rating += f" ({ProductView().reviews(detail.review_count)})"
        parts.append(rating)
    return " · ".join(parts)


def gtins_text(detail: ProductDetail) -> str:
    """``Known under 03401…, 3401…`` (the GTINs PriceAPI knows it under), else the looked-up code."""
    codes = list(detail.gtins) or [detail.gtin14]
    return translate("ProductView", "Known under: {codes}").format(codes=", ".join(codes))


def _status_word(status: str | None) -> str:
    words = {"valid": translate("TableModel", "valid"), "repaired": translate("TableModel", "repaired"),
             "invalid": translate("TableModel", "invalid"), "empty": translate("TableModel", "empty")}
    return words.get(status or "", status or "")


def lookup_text(lookup: str) -> str:
    """PriceAPI's outcome in the window's language (its own words for other reasons stay as written)."""
    words = {"found": translate("ProductView", "found by PriceAPI"),
             "not found": translate("ProductView", "not found by PriceAPI"),
             "not looked up yet": translate("ProductView", "not looked up yet")}
    return words.get(lookup, translate("ProductView", "PriceAPI: {reason}").format(reason=lookup))


def status_text(detail: ProductDetail) -> str:
    """``Code 03401…: repaired (separators removed: spaces) · found by PriceAPI``."""
    head = translate("ProductView", "Code {gtin}").format(gtin=detail.gtin14)
    status = _status_word(detail.status)
    if status:
        head = translate("ProductView", "{code}: {status}").format(code=head, status=status)
    if detail.note:
        # lazy: validation brings polars, which the window loads with the first file, not before its first paint
        from pricelookup.validation import reason_phrases

        head += f" ({notes_text(detail.note, reason_phrases(detail.note))})"
    return f"{head} · {lookup_text(detail.lookup)}"


def own_price_text(detail: ProductDetail, locale: QLocale) -> str | None:
    """``Your price: 3,57 € · 4,20 % above the lowest · rank 3``; None without an own price."""
    if detail.own_price is None:
        return None
    text = translate("ProductView", "Your price: {price}").format(
        price=money(detail.own_price, detail.currency, locale))
    gap = detail.own_gap_pct
    if gap is not None:
        if gap > 0:
            text += " · " + translate("ProductView", "{pct} above the lowest").format(pct=percent(gap, locale))
        elif gap < 0:
            text += " · " + translate("ProductView", "{pct} below the lowest").format(pct=percent(-gap, locale))
        else:
            text += " · " + translate("ProductView", "the lowest price")
    if detail.own_rank is not None:
        rank = translate("ProductView", "rank {rank}").format(rank=locale.toString(int(detail.own_rank)))
        if detail.own_rank == 1:
            rank += " " + translate("ProductView", "(nobody is cheaper)")
        text += " · " + rank
    return text


def move_text(detail: ProductDetail, locale: QLocale) -> str | None:
    """``Since the run of 05/12/2026: lowest ▼ 3,25 %, offers 12 → 14``; None without an earlier run."""
    move = detail.move
    if move is None:
        return None
    if move.lowest_pct is not None:
        lowest = translate("ProductView", "lowest {arrow} {pct}").format(
            arrow=arrow(move.lowest_pct), pct=percent(abs(move.lowest_pct), locale))
    else:
        lowest = translate("ProductView", "lowest not comparable")
    parts = [lowest]
    if move.old_offers is not None or move.new_offers is not None:
        parts.append(translate("ProductView", "offers {old} → {new}").format(
            old=_count(move.old_offers, locale), new=_count(move.new_offers, locale)))
    text = translate("ProductView", "Since the run of {date}: {moves}").format(
        date=short_date(move.previous_at, locale), moves=", ".join(parts))
    if not move.changed:
        text += " " + translate("ProductView", "(nothing moved)")
    return text


def _count(n: int | None, locale: QLocale) -> str:
    return "–" if n is None else locale.toString(int(n))


def note_sentence(note: SourceNote) -> str:
    """A source's note as a sentence of the window's language (``OfficiScan has no data for this product.``):
    translated from the template the engine wrote it with, else as the engine said it."""
    if note.phrase is not None:
        text = translated(note.phrase)
    else:
        read = read_phrase(note.text, SOURCE_NOTE_TEMPLATES)
        text = translated(read) if read is not None else translate(CONTEXT, note.text)
    if note.source not in text:  # a note that does not name its source gets it in front
        text = translate("ProductView", "{source}: {text}").format(source=note.source, text=text)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def history_absent_text(detail: ProductDetail) -> str:
    """Why the chart is empty, in words: the sources' notes, or a sentence of our own."""
    sentences = [note_sentence(n) for n in detail.notes]
    if sentences:
        return "\n".join(sentences)
    return translate("ProductView", "No price history for this product yet: it appears once a service has "
                                    "dated prices for it or after a second run.")


# --- the change since the last run (the table's Change column) --------------------------------------------


def decimal_or_none(text: str | None) -> Decimal | None:
    """The engine's Decimal text (``"-3.25"``), or None."""
    if text is None or text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def change_text(pct_text: str | None, offers_move: int | None, locale: QLocale) -> str:
    """The Change column's cell: ``▲ 3,25 % · offers +2``; empty when nothing is comparable."""
    parts = []
    pct = decimal_or_none(pct_text)
    if pct is not None:
        parts.append(f"{arrow(pct)} {percent(abs(pct), locale)}")
    if offers_move:
        sign = "+" if offers_move > 0 else "−"
        parts.append(translate("ProductView", "offers {move}").format(
            move=f"{sign}{locale.toString(abs(int(offers_move)))}"))
    return " · ".join(parts)


def old_price(new: Decimal, pct: Decimal, decimals: int) -> tuple[Decimal, bool]:
    """The earlier price that a move of ``pct`` percent (rounded to 0.01) led from to ``new``, and whether it
    is exact to ``decimals`` (the rounding of ``pct`` leaves less than half a unit of doubt)."""
    factor = 1 + pct / 100
    if factor <= 0:
        return Decimal(0), False
    old = new / factor
    # pct was rounded to 0.005 percentage points at most: the doubt on old is old * 0.00005 / factor
    doubt = abs(old) * Decimal("0.00005") / factor
    unit = Decimal(1).scaleb(-decimals)
    return old.quantize(unit, rounding=ROUND_HALF_UP), doubt < unit / 2


def change_tooltip(lowest_text: str | None, pct_text: str | None, offers: int | None, offers_move: int | None,
                   locale: QLocale) -> str:
    """``Lowest price 3,10 € → 3,20 €, offers 12 → 14`` (the earlier price is worked back from the move;
    ``≈`` when its cents are not certain)."""
    parts = []
    pct = decimal_or_none(pct_text)
    amount_text, _space, currency = (lowest_text or "").strip().partition(" ")
    new = decimal_or_none(amount_text)
    cur = currency.strip() or None
    if pct is not None and new is not None:
        decimals = currency_decimals(cur) if cur and len(cur) == 3 and cur.isalpha() else DEFAULT_DECIMALS
        old, exact = old_price(new, pct, decimals)
        old_text = money(old, cur, locale) if exact else "≈" + money(old, cur, locale)
        parts.append(translate("ProductView", "lowest price {old} → {new}").format(
            old=old_text, new=money(new, cur, locale)))
    elif pct_text is None and new is not None:
        parts.append(translate("ProductView", "lowest price {new}, not comparable with the earlier run").format(
            new=money(new, cur, locale)))
    if offers_move is not None and offers is not None:
        parts.append(translate("ProductView", "offers {old} → {new}").format(
            old=locale.toString(int(offers - offers_move)), new=locale.toString(int(offers))))
    if not parts:
        return ""
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


# --- the chart ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    """One plotted price: where it sits and what hovering it says."""

    x_ms: int
    y: float
    at: datetime
    price: Decimal
    note: str | None


@dataclass(frozen=True)
class ChartSeries:
    """One line of the chart (a :class:`HistorySeries`), named for its legend."""

    name: str
    seller: str
    currency: str | None
    points: tuple[ChartPoint, ...]
    markers: bool  # draw each point (the PriceAPI runs, and any series with a single point)
    dashed: bool = False  # the own price line


def series_name(series: HistorySeries) -> str:
    """``OfficiScan · <network>``, ``Monitorize · <site>``, ``PriceAPI · lowest per run``."""
    if series.source == "PriceAPI" and series.seller == "lowest":
        return translate("ProductView", "PriceAPI · lowest per run")
    return f"{series.source} · {series.seller}"


def chart_series(detail: ProductDetail) -> list[ChartSeries]:
    """One :class:`ChartSeries` per history series with points (oldest first)."""
    found = []
    for series in detail.history:
        points = tuple(ChartPoint(epoch_ms(p.at), float(p.price), p.at, p.price, p.note) for p in series.points)
        if not points:
            continue
        markers = series.source == "PriceAPI" or len(points) == 1
        found.append(ChartSeries(series_name(series), series.seller, series.currency, points, markers))
    return found


def own_price_series(detail: ProductDetail, plotted: Sequence[ChartSeries]) -> ChartSeries | None:
    """The own price as a flat dashed line across the plotted dates; None without an own price or history."""
    if detail.own_price is None or not plotted:
        return None
    xs = [p.x_ms for s in plotted for p in s.points]
    ats = {p.x_ms: p.at for s in plotted for p in s.points}
    first, last = min(xs), max(xs)
    if first == last:  # one date: a line needs two ends; a day either side
        first, last = first - 86_400_000, last + 86_400_000
    price = detail.own_price
    ends = tuple(ChartPoint(x, float(price), ats.get(x) or datetime.fromtimestamp(x / 1000).astimezone(), price, None)
                 for x in (first, last))
    return ChartSeries(translate("ProductView", "Your price"), translate("ProductView", "you"), detail.currency,
                       ends, markers=False, dashed=True)


def hover_text(series: ChartSeries, x_ms: float, locale: QLocale) -> str:
    """``05/12/2026 · Pharmacie Lafayette · 3,57 €`` (+ the point's note) for the point nearest ``x_ms``."""
    point = min(series.points, key=lambda p: abs(p.x_ms - x_ms))
    text = " · ".join((short_date(point.at, locale), series.seller, money(point.price, series.currency, locale)))
    return f"{text}\n{point.note}" if point.note else text


def value_label_format(currency: str | None, locale: QLocale) -> str:
    """The price axis's label format (``%.2f €`` in French, ``€%.2f`` in English): the locale's way of writing
    money around a printf number, which the chart writes with the locale's decimal mark."""
    decimals = currency_decimals(currency) if currency and len(currency) == 3 and currency.isalpha() else DEFAULT_DECIMALS
    sample = format_price(Decimal(1), currency, locale)
    number = locale.toString(1.0, "f", decimals)
    head, found, tail = sample.partition(number)
    spec = f"%.{decimals}f"
    if not found:
        return spec
    return head.replace("%", "%%") + spec + tail.replace("%", "%%")


def axis_date_format(locale: QLocale) -> str:
    """The date axis's format: the locale's short date pattern (``dd/MM/yyyy`` in French)."""
    return locale.dateFormat(QLocale.FormatType.ShortFormat)


def value_range(plotted: Sequence[ChartSeries], max_ticks: int = 5) -> tuple[float, float, int]:
    """A price range that shows every point with some room, on round steps (1, 2 or 5 × 10ⁿ): its low and
    high ends and the number of ticks (at most ``max_ticks``)."""
    ys = [p.y for s in plotted for p in s.points]
    low, high = min(ys), max(ys)
    room = (high - low) * 0.08 or max(abs(high) * 0.05, 0.05)
    low, high = max(0.0, low - room), high + room
    raw = (high - low) / max(1, max_ticks - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    return low, high, round((high - low) / step) + 1


def legend_label(series: ChartSeries, *, short: bool) -> str:
    """A line's name in the legend: its full name, or (``short``, for a narrow chart) its seller alone."""
    if not short:
        return series.name
    if series.dashed:
        return series.name  # "Your price"
    if series.name == translate("ProductView", "PriceAPI · lowest per run"):
        return "PriceAPI"
    return series.seller


def chart_currency(detail: ProductDetail, plotted: Sequence[ChartSeries]) -> str | None:
    """The currency the price axis is labelled in: the product's, else the series' when they agree."""
    if detail.currency:
        return detail.currency
    currencies = {s.currency for s in plotted if s.currency}
    return currencies.pop() if len(currencies) == 1 else None


def plain_tooltip(text: str) -> str:
    """``text`` for a tooltip, shown as typed: Qt reads a tooltip that looks like HTML as rich text, and
    a seller's or a note's words are the vendors' (escaped, and kept on their lines)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
