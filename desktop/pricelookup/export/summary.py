"""The "Summary" sheet: what was read, what was asked, what came back, and one chart.

Labels in column A, values in column B; the chart's data table sits in
columns D:E and the chart (offers per shop, the market at a glance) beside it.
Charts work in openpyxl's write-only mode: they are written with the sheet's
tail, so :func:`add_chart` runs before the sheet is closed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from openpyxl.chart import BarChart, Reference

from pricelookup.export import aggregates
from pricelookup.export.aggregates import ProductStore
from pricelookup.export.cells import MAX_LINKS_PER_SHEET
from pricelookup.export.counts import lookup_counts, summary_counts
from pricelookup.export.xlsxstream import CellValue, SheetStats

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from pricelookup.results import RunResult

#: shops in the chart (the rest are summed as "other shops")
TOP_SHOPS = 15
#: where the chart's data table starts (column D, this row)
CHART_TABLE_ROW = 1


@dataclass
class ExportFacts:
    """What the export itself did, for the Summary."""

    layout: str
    exported_at: datetime
    results: SheetStats
    other_sheets: dict[str, SheetStats] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    stripped_in_records: int = 0


def offers_per_shop(result: RunResult, top: int = TOP_SHOPS) -> list[tuple[str, int]]:
    """Offer counts per shop over the found products, largest first; the tail summed as one row."""
    counts: Counter[str]
    if isinstance(result.priceapi, ProductStore):
        counts = aggregates.offers_per_shop(result.priceapi)
    else:
        gtins = set(result.validated.checks.get_column("gtin14").drop_nulls().to_list())
        counts = Counter()
        for g in gtins:
            p = result.priceapi.get(g)
            if p is not None:
                counts.update(o.shop_name or "(no shop name)" for o in p.offers)
    ranked = counts.most_common()
    head = ranked[:top]
    rest = sum(n for _, n in ranked[top:])
    if rest:
        head.append((f"other shops ({len(ranked) - top})", rest))
    return head


def _label(text: str) -> CellValue:
    return CellValue(text, bold=True)


def summary_rows(result: RunResult, facts: ExportFacts) -> list[list[Any]]:
    """Rows of the Summary sheet, column A label, column B value."""
    table = result.validated.table
    settings = result.settings
    codes = lookup_counts(result)
    counts = summary_counts(result, codes)
    rows: list[list[Any]] = []

    def section(title: str) -> None:
        if rows:
            rows.append([])
        rows.append([CellValue(title, bold=True)])

    def item(label: str, value: Any, fmt: str | None = None) -> None:
        rows.append([_label(label), value if fmt is None else CellValue(value, fmt)])

    section("Input")
    if settings.snipcart_input:
        item("Input", "Snipcart catalogue")
    item("Input file", table.path.name)
    item("Input folder", str(table.path.parent))
    item("Input SHA-256", table.sha256)
    item("Sheet", table.sheet)
    item("Header row", table.header_row)
    item("Code column", table.code_column)
    item("Why this column", table.code_column_reason)

    # the counts `pricelookup run` prints too, same names, same order (SummaryCounts); the
    # sheet adds two details of its own: codes cleaned of control characters, and offers
    named = counts.items()
    section("Codes (input rows)")
    for label, value in named[:6]:  # rows .. duplicates
        item(label, value, "#,##0")
    # from the rows' own notes ("control characters removed"), so both always agree
    item("Codes with control characters removed", result.validated.summary().control_removed, "#,##0")

    section("PriceAPI look-ups (unique codes)")
    for label, value in named[6:-1]:  # looked up .. not looked up
        item(label, value, "#,##0")
    item("Offers", codes.offers, "#,##0")
    item(*named[-1], "#,##0")  # credits used

    section("Run")
    item("Run id", result.run_id)
    item("Status", result.status)
    item("Started", result.started_at)
    item("Finished", result.finished_at)
    item("App version", result.app_version)
    item("Exported", facts.exported_at)
    item("Layout", facts.layout)
    item("Times", "local time of this computer")

    section("Services")
    item("PriceAPI", f"{settings.source}, {settings.country}, key {settings.key}, "
                     f"{settings.completeness}, {settings.currentness}")
    item("OfficiScan", f"{settings.officiscan_days} days"
         + (f", network {settings.officiscan_network}" if settings.officiscan_network else "")
         if settings.officiscan else "off")
    item("Monitorize", "on" if settings.monitorize else "off")
    item("Snipcart", "catalogue as input" if settings.snipcart_input else "off")
    for service, message in result.service_failures.items():
        item(f"{service} failure", message)
    if result.previous is not None:
        item("Compared with run", result.previous.run_id)
        item("Earlier run finished", result.previous.finished_at)

    section("Settings")
    for key, value in settings.to_dict().items():
        item(key, value if isinstance(value, (str, int, float, bool)) or value is None else str(value))

    section("Export")
    item("Results rows", facts.results.rows, "#,##0")
    item("Results sheets", ", ".join(facts.results.titles))
    item("Hyperlinks", facts.results.links + sum(s.links for s in facts.other_sheets.values()), "#,##0")
    capped = facts.results.links_as_text + sum(s.links_as_text for s in facts.other_sheets.values())
    item("URLs left as plain text", capped, "#,##0")
    if capped:
        item("Why", f"Excel keeps at most {MAX_LINKS_PER_SHEET:,} hyperlinks per sheet; "
                    "URLs past that are plain text so the file opens without repair.")
    truncated = facts.results.truncated + sum(s.truncated for s in facts.other_sheets.values())
    item("Cells cut to 32,767 characters", truncated, "#,##0")
    stripped = (facts.results.stripped + sum(s.stripped for s in facts.other_sheets.values())
                + facts.stripped_in_records)
    item("Values with control characters removed", stripped, "#,##0")
    for name, stats in facts.other_sheets.items():
        item(f"{name} rows", stats.rows, "#,##0")
    for note in facts.notes:
        item("Note", note)
    return rows


@dataclass(frozen=True)
class ChartData:
    """The small table the Summary chart draws."""

    title: str
    headers: tuple[str, str]
    rows: list[tuple[str, int]]


def chart_data(result: RunResult) -> ChartData:
    """Offers per shop when any offer came back; otherwise what happened to the codes."""
    shops = offers_per_shop(result)
    if shops:
        return ChartData("Offers per shop", ("Shop", "Offers"), shops)
    counts = summary_counts(result)
    outcomes = [("found", counts.found), ("not found", counts.not_found), ("failed", counts.failed),
                ("restricted left out", counts.restricted_left_out), ("not looked up", counts.not_looked_up),
                ("invalid or empty (rows)", counts.invalid + counts.empty)]
    return ChartData("What happened to the codes", ("Outcome", "Codes"), outcomes)


def with_chart_table(rows: list[list[Any]], chart: ChartData) -> list[list[Any]]:
    """``rows`` with the chart's data table placed in columns D:E from :data:`CHART_TABLE_ROW`."""
    out = [list(r) for r in rows]
    table: list[list[Any]] = [[CellValue(h, bold=True) for h in chart.headers]]
    table += [[name, CellValue(n, "#,##0")] for name, n in chart.rows]
    for i, pair in enumerate(table):
        r = CHART_TABLE_ROW - 1 + i
        while len(out) <= r:
            out.append([])
        row = out[r]
        row.extend([None] * (3 - len(row)))  # pad columns A:C
        row[3:5] = pair
    return out


def add_chart(ws: Worksheet, chart_info: ChartData) -> None:
    """Horizontal bar chart over the D:E table."""
    n = len(chart_info.rows)
    chart = BarChart()
    chart.type = "bar"
    chart.title = chart_info.title
    chart.style = 10
    chart.legend = None
    chart.y_axis.title = chart_info.headers[1].lower()
    chart.x_axis.delete = False  # openpyxl 3.1 hides axes in Excel unless told otherwise
    chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # largest on top, like the table
    first = CHART_TABLE_ROW
    data = Reference(ws, min_col=5, min_row=first, max_row=first + n)
    cats = Reference(ws, min_col=4, min_row=first + 1, max_row=first + n)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cats)
    chart.height = max(7.5, 0.6 * n + 2)
    chart.width = 16
    ws.add_chart(chart, "G2")
