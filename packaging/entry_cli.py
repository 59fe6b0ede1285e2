"""Frozen entry point of the ``pricelookup`` console executable.

PyInstaller needs a script, not a ``module:function`` entry point; this is the
``pricelookup = "pricelookup.cli:main"`` console script of pyproject.toml.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen program that starts worker processes re-runs this script in the
    # child; freeze_support() turns that child into the worker (Windows/macOS).
    multiprocessing.freeze_support()
    from pricelookup.cli import main

    sys.exit(main())
