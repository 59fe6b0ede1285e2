"""The desktop window: the only package that imports PySide6.

``app`` (entry point, logging, crash dialog), ``bridge`` (engine thread with
its own asyncio loop; queued signals back), ``main_window`` (wiring only),
``table_model`` (Qt model over the polars frames), and one file per panel or
dialog.
"""
