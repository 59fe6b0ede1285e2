"""XLSX export of a run: Results (row or column layout), Summary, Errors and detail sheets.

``export_workbook(result, path, layout=...)`` is the one entry point the CLI
and the GUI use; ``pricelookup export --run ID`` rebuilds the result from the
journal and calls it again (:mod:`pricelookup.cli.export`).
"""

from pricelookup.errors import ExportError
from pricelookup.export.workbook import ExportReport, SheetLimits, export_workbook

__all__ = ["ExportError", "ExportReport", "SheetLimits", "export_workbook"]
