"""The lookup run: plan, cost, PriceAPI jobs and polling, enrichment, progress, cancel.

Qt-free; the CLI and the GUI call the same entry point.
"""
