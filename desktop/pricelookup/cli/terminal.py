"""What may reach a terminal: text from files and services, made harmless to print.

A product name, a shop name or a service's error detail is someone else's text. Printed as
is, an ESC sequence in it recolours the terminal, moves the cursor or rewrites the line
(``\\r``), a BEL rings, and bidi overrides reorder what the analyst reads. The faces print
such text through :func:`terminal_safe`; the workbook and ``--json`` keep it exact (the
export cleans cells its own way; JSON escapes control characters).
"""

from __future__ import annotations

import re

#: C0 controls but the line break, DEL, C1 controls, and the bidi embeddings/overrides/isolates
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: what stands for a character that was not printed
REPLACEMENT = "\ufffd"


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on (not show) replaced by U+FFFD; line breaks kept."""
    return _UNSAFE.sub(REPLACEMENT, text)
