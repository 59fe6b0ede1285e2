"""The run's input: the spreadsheet read and validated, or the shop's Snipcart catalogue imported."""

from __future__ import annotations

import asyncio

from pricelookup.errors import AuthenticationError, SettingsError
from pricelookup.phrasing import QT_TRANSLATE_NOOP, phrase
from pricelookup.run import enrichment
from pricelookup.run.contracts import RunRequest
from pricelookup.secrets import KEY_ENV_VARS
from pricelookup.services.snipcart import SnipcartClient
from pricelookup.settings import SERVICE_NAMES
from pricelookup.sheets import read_table
from pricelookup.validation import ValidatedTable, validate_table


def read_and_validate(request: RunRequest) -> ValidatedTable:
    """Read the input file and validate its code column."""
    if request.input_path is None:
        raise SettingsError(phrase(QT_TRANSLATE_NOOP(
            "Engine", "No input file given: name a spreadsheet, or import the Snipcart catalogue (--snipcart).")))
    s = request.settings
    table = read_table(request.input_path, sheet=s.sheet, column=s.column)
    return validate_table(table, cip7=s.cip7)


def key_for(request: RunRequest, service: str) -> str:
    """The key of ``service`` in ``request``; :class:`AuthenticationError` saying how to set one when missing."""
    key = request.keys.get(service)
    if not key:
        name = SERVICE_NAMES[service]
        raise AuthenticationError(name, f"no key is set. Set {KEY_ENV_VARS[service]} or run "
                                  f"`pricelookup keys set {service}` (or use --sandbox to try the tool).")
    return key


async def import_snipcart_validated(request: RunRequest) -> ValidatedTable:
    """Import the shop's Snipcart catalogue (all pages) and validate its EANs."""
    key = key_for(request, "snipcart")
    async with SnipcartClient(request.endpoints.snipcart, key) as client:
        table = await enrichment.import_snipcart(client.products, source=f"snipcart:{request.endpoints.snipcart}")
    return validate_table(table, cip7=request.settings.cip7)


def load_input(request: RunRequest) -> ValidatedTable:
    """Read and validate the input file (sync). With ``settings.snipcart_input`` the catalogue is
    imported instead (this then runs its own event loop: call :func:`load_input_async` from a loop)."""
    if request.settings.snipcart_input:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(load_input_async(request))
        raise SettingsError("The Snipcart catalogue is imported asynchronously; use load_input_async.")
    return read_and_validate(request)


async def load_input_async(request: RunRequest) -> ValidatedTable:
    """:func:`load_input` for a caller inside an event loop (reading runs in a worker thread)."""
    if request.settings.snipcart_input:
        return await import_snipcart_validated(request)
    return await asyncio.to_thread(read_and_validate, request)
