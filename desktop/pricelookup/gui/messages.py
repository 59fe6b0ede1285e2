"""Turn an exception into words for a dialog: what happened, and what to do next.

The engine's errors already carry a message the analyst can act on; this adds
the step that belongs to the window ("open Settings > Keys", "the run can be
resumed"). Anything unexpected becomes a short apology pointing to the log
file, never a traceback.

The engine speaks English. What it says from a template (an error's
``phrase``, a row's notes, why a code column was chosen: see
:mod:`pricelookup.phrasing`) is shown here in the window's language through
the "Engine" context of the translation; anything else stays as the engine
wrote it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pricelookup.errors import (
    AuthenticationError,
    BudgetExceededError,
    ExportError,
    InputFileError,
    JournalError,
    PriceLookupError,
    QuotaExceededError,
    RateLimitedError,
    RunCancelled,
    ServiceError,
    ServiceUnavailableError,
    SettingsError,
)
from pricelookup.gui.bridge import MissingKeyError
from pricelookup.phrasing import CONTEXT, Phrase, joined, render
from pricelookup.redaction import redact_known_keys
from pricelookup.settings import SERVICE_NAMES

if TYPE_CHECKING:
    from pricelookup.sheets import SheetTable

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def _engine_template(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


def translated(phrase: Phrase) -> str:
    """An engine phrase in the window's language (English when no translation is installed)."""
    return render(phrase, _engine_template)


def engine_message(exc: PriceLookupError) -> str:
    """What the error says, translated when it was made from a phrase; keys redacted."""
    return _redact(translated(exc.phrase) if exc.phrase is not None else str(exc))


def notes_text(reason: str, phrases: tuple[Phrase, ...] | None) -> str:
    """A row's reason as the window shows it: its notes (``phrases``, read back from it by
    ``validation.reason_phrases``) translated, or the stored English when it could not be read back."""
    return translated(joined(phrases)) if phrases else reason


def service_failure_text(text: str) -> str:
    """A service's failure as a run recorded it (English text), translated when it reads back into the
    engine's phrases (``pricelookup.run.phrases``), else as it is; keys redacted."""
    # lazy: the templates come with the service clients (httpx), which the window loads with its first run
    from pricelookup.run.phrases import service_failure_phrase

    said = service_failure_phrase(text)
    return _redact(translated(said) if said is not None else text)


def code_column_reason(table: SheetTable) -> str:
    """Why the code column was chosen, translated when the reader said it with a phrase."""
    why = table.code_column_why
    return translated(why) if why is not None else table.code_column_reason


@dataclass(frozen=True)
class UserMessage:
    """A dialog's title, main text and the next step."""

    title: str
    text: str
    next_step: str | None = None

    def full_text(self) -> str:
        """Text and next step as one paragraph pair."""
        return self.text if not self.next_step else f"{self.text}\n\n{self.next_step}"


def _redact(text: str) -> str:
    """Keys never reach a dialog, even if some message carried one by mistake (every key this
    process has seen, in any case or encoding)."""
    return redact_known_keys(text)


def describe_error(exc: BaseException, *, log_path: Path | None = None, action: str | None = None) -> UserMessage:
    """Words for ``exc``; ``action`` names what failed ("Loading the file", "The run")."""
    text = engine_message(exc) if isinstance(exc, PriceLookupError) else ""
    title = action or translate("Messages", "Something went wrong")
    if isinstance(exc, MissingKeyError):
        service = SERVICE_NAMES.get(exc.service, exc.service)
        return UserMessage(translate("Messages", "No {service} key yet").format(service=service), translate(
            "Messages", "Price Lookup needs your {service} key for this.").format(service=service), translate(
            "Messages", "Open Settings (Ctrl+,) and paste the key, or switch on sandbox mode in the Run menu to try "
            "with simulated data."))
    if isinstance(exc, InputFileError):
        return UserMessage(translate("Messages", "The file could not be read"), text, translate(
            "Messages", "Check the file in your spreadsheet program, save a copy (as .xlsx or .csv) and open that copy."))
    if isinstance(exc, SettingsError):
        return UserMessage(translate("Messages", "Setting not usable"), text, translate(
            "Messages", "Pick another sheet or column, or correct the setting, and try again."))
    if isinstance(exc, AuthenticationError):
        return UserMessage(translate("Messages", "Key refused"), text, translate(
            "Messages", "Open Settings (Ctrl+,), enter the key for {service}, press “Test connection”, then run again."
        ).format(service=exc.service))
    if isinstance(exc, BudgetExceededError):
        return UserMessage(translate("Messages", "Over budget: nothing was paid"), text, translate(
            "Messages", "Raise the credit budget in the PriceAPI panel, look up fewer codes, or run again tomorrow."))
    if isinstance(exc, QuotaExceededError):
        return UserMessage(translate("Messages", "Quota exceeded"), text, translate(
            "Messages", "Run again when the quota resets (tomorrow); rows already answered are kept and not paid again."))
    if isinstance(exc, (ServiceUnavailableError, RateLimitedError)):
        return UserMessage(translate("Messages", "Service not reachable"), text, translate(
            "Messages", "Check your network connection and try again later. The run is kept in the journal: "
            "Run again to resume it without paying twice."))
    if isinstance(exc, ServiceError):
        return UserMessage(translate("Messages", "Service error"), text, translate(
            "Messages", "Try again later. If it keeps happening, send the log file to support."))
    if isinstance(exc, ExportError):
        return UserMessage(translate("Messages", "The workbook could not be written"), text, translate(
            "Messages", "Close the file if it is open in Excel, or choose another folder, then export again."))
    if isinstance(exc, JournalError):
        return UserMessage(translate("Messages", "The run journal cannot be used"), text, translate(
            "Messages", "Start a new run instead of resuming, or choose another data folder in Settings."))
    if isinstance(exc, RunCancelled):
        return UserMessage(translate("Messages", "Cancelled"), text)
    if isinstance(exc, PriceLookupError):
        return UserMessage(title, text)
    # Not one of ours: a bug. The details go to the log, the analyst gets a way forward.
    log.error("unexpected error", exc_info=exc)
    where = str(log_path) if log_path else translate("Messages", "the log file")
    return UserMessage(
        title,
        translate("Messages", "An unexpected problem stopped this action ({kind})."
                  ).format(kind=type(exc).__name__),
        translate("Messages", "Details were written to {log}. Please send that file to support. "
                  "Your data and the run journal are safe; you can try again.").format(log=where),
    )
