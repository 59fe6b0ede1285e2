"""``python -m pricelookup``: the same as the ``pricelookup`` command."""

from pricelookup.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
