"""The column plan of every sheet: header, internal key, and how cells are typed.

Pure: no workbook, no data. The "Results" header is a contract that outside
checks read: input columns first (their own names), then ``gtin``,
``gtin_status``, ``gtin_note``, ``lookup_status``, the PriceAPI columns named
exactly as PriceAPI's own CSV names them, prefixed ``priceapi.``
(``priceapi.offer.price`` in the row layout, ``priceapi.offers[0].price`` in
the column layout), then ``officiscan.*``, ``monitorize.*`` and the computed
columns. Snipcart columns are never added here: when the catalogue came from
Snipcart the input frame already holds them (``snipcart.price`` ...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "code", "int", "number", "price", "datetime", "date", "bool", "url"]
Layout = Literal["row", "column"]


@dataclass(frozen=True, slots=True)
class Column:
    """One output column.

    ``key`` names the column in the chunk frames the sheet builders produce
    (input columns get ``input:<i>`` keys so a hostile or colliding header
    name can never clash with ours). A ``price`` column takes its currency per
    cell from the frame column ``currency_key`` or, failing that, ``currency``.
    """

    header: str
    key: str
    kind: Kind
    currency_key: str | None = None
    currency: str | None = None


def col(header: str, kind: Kind, *, currency_key: str | None = None, currency: str | None = None) -> Column:
    """A column whose key is its header (all columns we name ourselves)."""
    return Column(header, header, kind, currency_key, currency)


# --- PriceAPI, as its CSV names the fields (doc section 3.1) ------------------

#: product-level fields, in the CSV's order
PRICEAPI_PRODUCT_FIELDS: tuple[tuple[str, Kind], ...] = (
    ("source", "text"), ("country", "text"), ("key", "text"), ("value", "code"),
    ("success", "bool"), ("reason", "text"), ("source_id", "code"), ("source_url", "url"),
    ("updated_at", "datetime"), ("gtins", "code"), ("eans", "code"), ("name", "text"),
    ("brand_name", "text"), ("category_name", "text"), ("review_count", "int"),
    ("review_rating", "int"), ("relevance", "number"),
)
#: row layout: ``offer.<field>``; ``currency`` is ours (the CSV has none, the JSON does)
PRICEAPI_ROW_OFFER_FIELDS: tuple[tuple[str, Kind], ...] = (
    ("url", "url"), ("name", "text"), ("price", "price"), ("price_with_shipping", "price"),
    ("shipping_costs", "price"), ("position", "int"), ("position_with_shipping", "int"),
    ("availability_code", "text"), ("availability_text", "text"), ("shop_name", "text"),
    ("currency", "text"),
)
#: column layout: ``offers[i].<field>`` (the CSV's column format has no positions)
PRICEAPI_COLUMN_OFFER_FIELDS: tuple[tuple[str, Kind], ...] = (
    ("url", "url"), ("name", "text"), ("price", "price"), ("price_with_shipping", "price"),
    ("shipping_costs", "price"), ("availability_code", "text"), ("availability_text", "text"),
    ("shop_name", "text"), ("currency", "text"),
)

OFFICISCAN_COLUMNS: tuple[Column, ...] = (
    col("officiscan.networks", "int"),
    col("officiscan.snapshots", "int"),
    col("officiscan.latest_price", "price", currency_key="_cur.officiscan"),
    col("officiscan.latest_network", "text"),
    col("officiscan.latest_at", "datetime"),
    col("officiscan.lowest_now_price", "price", currency_key="_cur.officiscan"),
    col("officiscan.lowest_now_network", "text"),
    col("officiscan.min_price", "price", currency_key="_cur.officiscan"),
    col("officiscan.max_price", "price", currency_key="_cur.officiscan"),
    col("officiscan.in_stock", "bool"),
    col("officiscan.in_stock_networks", "int"),
)
OFFICISCAN_VARIANT_COLUMNS: tuple[Column, ...] = (col("officiscan.variants", "int"),)
#: Monitorize is a French service; its prices carry no currency and are euros
MONITORIZE_COLUMNS: tuple[Column, ...] = (
    col("monitorize.id", "code"),
    col("monitorize.name", "text"),
    col("monitorize.ref", "code"),
    col("monitorize.offers", "int"),
    col("monitorize.in_stock_offers", "int"),
    col("monitorize.lowest_price", "price", currency="EUR"),
    col("monitorize.lowest_site", "text"),
    col("monitorize.min_price", "price", currency="EUR"),
    col("monitorize.max_price", "price", currency="EUR"),
)
COMPUTED_COLUMNS: tuple[Column, ...] = (
    col("lowest_price", "price", currency_key="_cur.lowest"),
    col("lowest_price_shop", "text"),
    col("offer_count", "int"),
    col("median_price", "price", currency_key="_cur.lowest"),
)
OWN_PRICE_COLUMNS: tuple[Column, ...] = (
    col("own_price", "price", currency_key="_cur.lowest"),
    col("gap_to_lowest_pct", "number"),
    col("rank_among_shops", "int"),
)
STATUS_COLUMNS: tuple[Column, ...] = (
    col("gtin", "code"),
    col("gtin_status", "text"),
    col("gtin_note", "text"),
    col("lookup_status", "text"),
)


def input_key(index: int) -> str:
    """Frame key of the ``index``-th input column."""
    return f"input:{index}"


def priceapi_product_columns() -> list[Column]:
    """``priceapi.source`` ... ``priceapi.relevance``."""
    return [col(f"priceapi.{name}", kind) for name, kind in PRICEAPI_PRODUCT_FIELDS]


def priceapi_row_offer_columns() -> list[Column]:
    """``priceapi.offer.url`` ... for the row layout (one offer per sheet row)."""
    return [
        col(f"priceapi.offer.{name}", kind,
            currency_key="priceapi.offer.currency" if kind == "price" else None)
        for name, kind in PRICEAPI_ROW_OFFER_FIELDS
    ]


def priceapi_column_offer_columns(slots: int) -> list[Column]:
    """``priceapi.offers[0].url`` ... ``priceapi.offers[slots-1].currency`` for the column layout."""
    out: list[Column] = []
    for i in range(slots):
        for name, kind in PRICEAPI_COLUMN_OFFER_FIELDS:
            out.append(col(f"priceapi.offers[{i}].{name}", kind,
                           currency_key=f"priceapi.offers[{i}].currency" if kind == "price" else None))
    return out


def results_columns(
    input_columns: Sequence[str],
    code_column: str,
    *,
    layout: Layout,
    offer_slots: int,
    officiscan: bool,
    officiscan_variants: bool,
    monitorize: bool,
    own_price: bool,
    input_kinds: Mapping[str, Kind] | None = None,
) -> list[Column]:
    """The "Results" columns, in order (see the module docstring).

    Input columns are text unless ``input_kinds`` gives their type (the code
    column is always a code: text with its zeros).

    An input header equal to one of our column names is shown as
    ``"<name> (input)"`` so every header stays unique and ours keep their
    contract names.
    """
    ours: list[Column] = [*STATUS_COLUMNS, *priceapi_product_columns()]
    if layout == "row":
        ours += priceapi_row_offer_columns()
    else:
        ours += priceapi_column_offer_columns(offer_slots)
    if officiscan:
        ours += OFFICISCAN_COLUMNS
        if officiscan_variants:
            ours += OFFICISCAN_VARIANT_COLUMNS
    if monitorize:
        ours += MONITORIZE_COLUMNS
    ours += COMPUTED_COLUMNS
    if own_price:
        ours += OWN_PRICE_COLUMNS

    taken = {c.header for c in ours}
    inputs: list[Column] = []
    for i, name in enumerate(input_columns):
        header = name
        while header in taken:
            header = f"{header} (input)"
        taken.add(header)
        kind: Kind = "code" if name == code_column else (input_kinds or {}).get(name, "text")
        inputs.append(Column(header, input_key(i), kind))
    return inputs + ours


# --- the other sheets ----------------------------------------------------------

ERRORS_COLUMNS: tuple[Column, ...] = (
    col("row", "int"),
    col("input", "code"),
    col("gtin", "code"),
    col("problem", "text"),
    col("reason", "text"),
)

OFFICISCAN_HISTORY_COLUMNS: tuple[Column, ...] = (
    col("gtin", "code"),
    col("row", "int"),
    col("snapshot_id", "code"),
    col("product_id", "code"),
    col("ean13", "code"),
    col("collected_at", "datetime"),
    col("network", "text"),
    col("source", "text"),
    col("price_current", "price", currency_key="currency"),
    col("price_original", "price", currency_key="currency"),
    col("currency", "text"),
    col("in_stock", "bool"),
    col("stock_label", "text"),
    col("rating_value", "number"),
    col("rating_count", "int"),
    col("rank_position", "int"),
    col("promo_text", "text"),
)

MONITORIZE_OFFER_COLUMNS: tuple[Column, ...] = (
    col("gtin", "code"),
    col("row", "int"),
    col("monitorize_id", "code"),
    col("product_name", "text"),
    col("ref", "code"),
    col("site", "text"),
    col("name", "text"),
    col("url", "url"),
    col("price", "price", currency="EUR"),
    col("strike_price", "price", currency="EUR"),
    col("stock", "int"),
    col("stock_label", "text"),
    col("promo", "text"),
    col("lowest", "bool"),
)

MONITORIZE_HISTORY_COLUMNS: tuple[Column, ...] = (
    col("gtin", "code"),
    col("row", "int"),
    col("monitorize_id", "code"),
    col("product_name", "text"),
    col("site", "text"),
    col("date", "date"),
    col("price", "price", currency="EUR"),
    col("strike_price", "price", currency="EUR"),
    col("stock", "int"),
    col("stock_label", "text"),
    col("promo", "text"),
)

CHANGES_COLUMNS: tuple[Column, ...] = (
    col("gtin", "code"),
    col("row", "int"),
    col("name", "text"),
    col("service", "text"),
    col("shop", "text"),
    col("change", "text"),
    col("old_price", "price", currency_key="currency"),
    col("new_price", "price", currency_key="currency"),
    col("change_pct", "number"),
    col("old_stock", "text"),
    col("new_stock", "text"),
    col("currency", "text"),
)
