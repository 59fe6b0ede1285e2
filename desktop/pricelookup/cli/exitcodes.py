"""The exit codes of the ``pricelookup`` command (documented in :mod:`pricelookup.cli`).

A module of their own so that the subcommands can import them without importing
the parser that imports the subcommands.
"""

EXIT_OK = 0
EXIT_FAILED_ROWS = 1  # done, but some rows failed to look up (see the Errors sheet)
EXIT_BAD_INPUT = 2  # unreadable file, unknown sheet/column, bad option
EXIT_SERVICE = 3  # key refused, quota/budget exceeded, service down
EXIT_INTERNAL = 4  # unexpected: one line on stderr, the details in the log file
EXIT_CANCELLED = 130  # Ctrl-C; submitted jobs stay in the journal for --resume
