"""A service's failure, kept in the journal as English text, read back as the phrase that said it.

An enrichment service that fails does not stop the run: its failure is recorded
as text (``RunResult.service_failures``), the English the CLI, the export and
the journal use. That text was made of nested phrases (``"{service}: {message}"``
around ``"the service is unavailable ({answer}) for {what}; ..."`` around
``"HTTP {code}"``: see :mod:`pricelookup.phrasing`); the window reads it back
with :func:`service_failure_phrase` to show it in its own language.

The templates are defined where they are said (the service modules,
enrichment); this module only gathers them. The window imports it lazily, when
a run has ended: the run's door has loaded the services by then.
"""

from __future__ import annotations

from pricelookup.errors import SERVICE_MESSAGE
from pricelookup.phrasing import Phrase, read_phrase
from pricelookup.run import enrichment
from pricelookup.services import client, monitorize, officiscan, priceapi, wording

#: every template a recorded service failure may be made of
SERVICE_FAILURE_TEMPLATES: tuple[str, ...] = (
    SERVICE_MESSAGE, *wording.TEMPLATES, *client.TEMPLATES, *priceapi.TEMPLATES, *officiscan.TEMPLATES,
    *monitorize.TEMPLATES, *enrichment.FAILURE_TEMPLATES,
)


def service_failure_phrase(text: str) -> Phrase | None:
    """``text`` (a failure as the journal keeps it) as the phrase that said it, or None when it
    is not made of the templates (an older run's words, a service's own text): show it as it is."""
    return read_phrase(text, SERVICE_FAILURE_TEMPLATES)
