"""One exception hierarchy for the whole application.

Every error carries a message an analyst can act on: it names the file, sheet,
row or service concerned and says what to do next. The GUI shows ``str(exc)``
in a dialog, the CLI prints it on one line; details go to the log.
Messages must never contain an API key (see :mod:`pricelookup.redaction`).

An error may be made from a :class:`~pricelookup.phrasing.Phrase` instead of a
string: ``str()`` is then the same English text, and the phrase stays on the
error (:attr:`PriceLookupError.phrase`) for the window to translate.
"""

from __future__ import annotations

from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase
from pricelookup.redaction import redact_known_keys


def _scrub(text: str) -> str:
    """``text`` without any key this process knows (see :func:`pricelookup.redaction.redact_known_keys`)."""
    return redact_known_keys(text)


class PriceLookupError(Exception):
    """Base class of every error this application raises on purpose.

    ``str()`` and ``repr()`` scrub every key the process knows, whatever built the
    message: they are what reaches stderr, dialogs, logs and tracebacks, and a key
    may have become known only after the error was made.
    """

    #: the journaled run the error stopped, when there was one (the faces name it: resume, export)
    run_id: str | None = None
    #: the message as an English template and its parameters, when it was made from one; the
    #: window translates it (``str()`` and ``args`` keep the English text the CLI, log and journal use)
    phrase: Phrase | None = None

    def __init__(self, *args: object) -> None:
        if len(args) == 1 and isinstance(args[0], Phrase):
            self.phrase = args[0]
            args = (str(args[0]),)
        super().__init__(*args)

    def __str__(self) -> str:
        return _scrub(super().__str__())

    def __repr__(self) -> str:
        args = ", ".join(repr(_scrub(a)) if isinstance(a, str) else _scrub(repr(a)) for a in self.args)
        return f"{type(self).__name__}({args})"

    def __reduce__(self) -> tuple[object, ...]:
        # The GUI runs the look-up in a child process and gets its errors back pickled.
        # Exception's default pickling calls cls(*args), which fails for subclasses
        # whose __init__ takes other arguments (ServiceError(service, message)):
        # rebuild without __init__ so that type, message and attributes all survive.
        return (_rebuild_error, (type(self), self.args, self.__dict__))


def _rebuild_error(cls: type[PriceLookupError], args: tuple[object, ...],
                   state: dict[str, object]) -> PriceLookupError:
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


# --- input -----------------------------------------------------------------


class InputFileError(PriceLookupError):
    """The input spreadsheet could not be read (missing, corrupt, protected, empty...)."""

    def __init__(self, path: str, message: str | Phrase) -> None:
        self.path = path
        if isinstance(message, Phrase):
            super().__init__(Phrase(QT_TRANSLATE_NOOP("Engine", "{path}: {message}"),
                                    {"path": path, "message": message}))
        else:
            super().__init__(f"{path}: {message}")


class SettingsError(PriceLookupError):
    """A setting or command-line option is not usable (unknown column, bad value...)."""


class KeyStoreError(SettingsError):
    """The OS keyring cannot be used: none installed, locked, or it did not answer in time.

    The message always points to the environment-variable route.
    """


# --- services --------------------------------------------------------------


#: what every service error says: the service's name, then the message
SERVICE_MESSAGE = QT_TRANSLATE_NOOP("Engine", "{service}: {message}")


def _scrub_phrase(p: Phrase) -> Phrase:
    """``p`` with every key this process knows scrubbed from its text parameters (at any depth)."""
    return Phrase(p.template, {k: _scrub_phrase(v) if isinstance(v, Phrase) else _scrub(v) if isinstance(v, str) else v
                               for k, v in p.params.items()})


def words_of(exc: BaseException) -> str | Phrase:
    """What ``exc`` says, to quote it in another message: its phrase when it was made from one
    (the window then translates it too), else its text."""
    phrase = exc.phrase if isinstance(exc, PriceLookupError) else None
    return phrase if phrase is not None else str(exc)


class ServiceError(PriceLookupError):
    """A remote service (PriceAPI, OfficiScan, Monitorize, Snipcart) failed.

    ``service`` is the human name of the service, used in the message. A message made
    from a :class:`~pricelookup.phrasing.Phrase` gives the error a phrase too
    (``"{service}: {message}"``) for the window to translate.
    """

    def __init__(self, service: str, message: str | Phrase) -> None:
        self.service = service
        # scrubbed once more when shown (__str__), but also here: the message is pickled to the
        # GUI and written to the journal as it is stored in args (and the phrase with it)
        if isinstance(message, Phrase):
            super().__init__(_scrub_phrase(Phrase(SERVICE_MESSAGE, {"service": service, "message": message})))
            self.args = (_scrub(str(self.args[0])),)
        else:
            super().__init__(_scrub(f"{service}: {message}"))


class AuthenticationError(ServiceError):
    """The key was refused (401/403 or the service's own 'unauthorized')."""


class QuotaExceededError(ServiceError):
    """The daily quota / credits are exhausted, or a run would exceed its budget."""


class NotFoundError(ServiceError):
    """The requested object (job, product) does not exist on the service."""


class RateLimitedError(ServiceError):
    """The service answered 429 and retries ran out."""

    def __init__(self, service: str, message: str | Phrase, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(service, message)


class ServiceUnavailableError(ServiceError):
    """Connection failures, timeouts and 5xx after retries ran out."""


class BadResponseError(ServiceError):
    """The service answered something we cannot understand (not JSON, wrong shape)."""


class RequestRejectedError(ServiceError):
    """The service rejected the request itself (400/422, PriceAPI 'parameter value invalid'...)."""


class UncertainOutcomeError(ServiceError):
    """A non-idempotent request may or may not have been processed by the server.

    The connection failed *after* the request was sent (read timeout, reset,
    deadline). Repeating it could do the thing twice (pay a PriceAPI job twice),
    so the policy stops and says so; the caller reconciles. ``detail`` says in
    plain words what failed ("the connection was reset while reading the answer");
    ``detail_words`` the same as it was given (a phrase, for another message to quote).
    """

    def __init__(self, service: str, message: str | Phrase, *, detail: str | Phrase = "") -> None:
        self.detail = str(detail)
        self.detail_words = detail
        super().__init__(service, message)


# --- run -------------------------------------------------------------------


class BudgetExceededError(QuotaExceededError):
    """The cost estimate is above the credit budget or the remaining daily quota.

    Raised *before* anything is submitted, so nothing was paid.
    """


class RunCancelled(PriceLookupError):
    """The user cancelled the run; submitted job ids stay in the journal."""


class JournalError(PriceLookupError):
    """The journal cannot be used (other file, other settings, unreadable database...)."""


class ExportError(PriceLookupError):
    """The workbook could not be written (locked target, unwritable folder, disk full)."""
