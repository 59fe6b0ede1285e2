"""Frozen entry point of the ``pricelookup-gui`` windowed executable.

The ``pricelookup-gui = "pricelookup.gui.app:main"`` gui-script of pyproject.toml.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from pricelookup.gui.app import main

    sys.exit(main())
