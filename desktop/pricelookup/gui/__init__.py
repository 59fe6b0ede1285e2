"""The desktop window: the only package that imports PySide6.

``app`` (entry point, logging, crash dialog), ``bridge`` (the one door: an engine
thread with its own asyncio loop holding :mod:`pricelookup.run.api`; queued signals
back), ``session`` (the document's state and transitions, Qt-free, tested without
qtbot), ``main_window`` (widgets and wiring), ``file_drop`` (drag-and-drop),
``instrumentation`` (smoke run and start-up timing), ``table_model`` (Qt model over
the polars frames), and one file per panel or dialog. The window never imports a
service client: everything goes through the bridge.
"""
