"""Price Lookup: check product codes, look them up in PriceAPI, enrich, export XLSX.

This module holds the version only and imports nothing heavy, so that
``pricelookup --version`` and the frozen app start fast.
"""

__version__ = "0.1.0"
APP_NAME = "Price Lookup"
