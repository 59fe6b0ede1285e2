"""XLSX export of a run: Results (row or column layout), Summary, Errors and detail sheets.

``pricelookup.export.workbook.export_workbook(result, path, layout=...)`` is the
one entry point the CLI and the GUI use; ``pricelookup export --run ID``
rebuilds the result from the journal and calls it again
(:mod:`pricelookup.cli.export`).

This package module imports nothing: the engine counts with
:mod:`pricelookup.export.counts` and reads with :mod:`~pricelookup.export.aggregates`,
and importing the workbook writer here would load openpyxl into every engine
process (~0.17 s of its start-up).
"""
