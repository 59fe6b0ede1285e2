"""Frozen entry point of the Linux bundle's ONE executable, ``pricelookup``.

Windows and macOS get two executables (entry_cli.py / entry_gui.py): there a
console program and a windowed one really differ. On Linux they do not (the
PyInstaller bootloader is the same), and each executable embeds its own copy of
the Python archive (~6.4 MB), so the bundle ships one executable and
``pricelookup-gui`` is a symlink to it. The program picks its personality from
the name it was started under (``sys.argv[0]``; the bootloader finds
``_internal/`` from the real path, ``/proc/self/exe``, whatever the name):

* ``pricelookup-gui``   -> ``pricelookup.gui.app:main``  (the window; .desktop entry)
* ``pricelookup-packaging-check`` -> ``pricelookup_packaging_check:main``
  (packaging/linux/pricelookup_packaging_check.py: what smoke.sh runs through a
  temporary symlink to check ICU, Qt's paths and multiprocessing in the frozen app)
* anything else         -> ``pricelookup.cli:main``     (the command line; ``pricelookup gui`` too)
"""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    # Must come first: worker processes (multiprocessing "spawn") are started as
    # `<sys.executable> --multiprocessing-fork ...`, i.e. as `pricelookup` whatever
    # name the parent ran under; freeze_support() turns that child into the worker
    # (and runs the resource tracker) before any dispatch below.
    multiprocessing.freeze_support()
    name = os.path.basename(sys.argv[0]) if sys.argv else ""
    if name == "pricelookup-gui":
        from pricelookup.gui.app import main
    elif name == "pricelookup-packaging-check":
        from pricelookup_packaging_check import main
    else:
        from pricelookup.cli import main

    sys.exit(main())
