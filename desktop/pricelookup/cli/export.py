"""``pricelookup export --run ID -o OUT.xlsx --layout row|column``: write a journaled run again.

No service is called: the result comes from the journal alone, so an export
that failed (file open in Excel, disk full) can be done again under another
name, in the other layout, at any time (the GUI's "Export again").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pricelookup.errors import SettingsError
from pricelookup.run.api import export_workbook, load_run


def export_command(args: argparse.Namespace) -> int:
    """Handler of the ``export`` subcommand; returns the exit code (errors are raised)."""
    max_offers = getattr(args, "max_offers", 20)
    if max_offers is None or max_offers < 1:
        raise SettingsError(f"--max-offers must be 1 or more (got {max_offers}).")
    data_dir = Path(args.data_dir).expanduser() if getattr(args, "data_dir", None) else None
    result = load_run(args.run, data_dir)
    report = export_workbook(result, Path(args.output), layout=args.layout, max_offer_columns=max_offers)
    notes = []
    if report.hyperlinks_as_text:
        notes.append(f"{report.hyperlinks_as_text:,} URLs left as text (Excel's hyperlink cap)")
    if report.truncated_cells:
        notes.append(f"{report.truncated_cells:,} cells cut to 32,767 characters")
    extra = f" ({'; '.join(notes)})" if notes else ""
    print(f"{report.path}: {report.rows_written:,} rows, {args.layout} layout, "
          f"sheets: {', '.join(report.sheets)}{extra}", file=sys.stdout)
    return 0
