"""Files dropped on or opened in the window: is it a spreadsheet we can read, and the drag-and-drop plumbing.

No widgets here. :func:`choose_input` and :func:`check_path` either name the
one file to open or say, in words for the analyst, why not. The window's drag
and drop handlers are one-liners over the helpers at the end:
:func:`answer_drag` accepts or refuses a drag, :func:`defer_drop` takes a
drop and hands a copy of its data back once the drop has returned,
:func:`decide_drop` turns that data into a :class:`DropDecision`, and
:func:`forward_child_drag` lets child widgets that take text drops (editable
combos) pass file drops on to the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QTimer, QUrl

if TYPE_CHECKING:
    from PySide6.QtGui import QDragMoveEvent, QDropEvent

#: what the reader understands (the same list as `pricelookup validate`)
SUPPORTED_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv", ".txt")

#: the filter string of the Open dialog
OPEN_FILTER_PATTERNS = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)


# lupdate finds strings in ``translate("Context", "text")`` calls, not through a wrapper
translate = QCoreApplication.translate


class FileDrop(QObject):
    """This module's messages with a count: lupdate marks a plural ("%n item(s)") only in a
    ``self.tr()`` call, not in ``translate()``; the context is the same, "FileDrop"."""

    def too_many(self, count: int) -> str:
        """Why a drop of ``count`` items is refused."""
        return self.tr("%Ln item(s) dropped. Price Lookup works on one spreadsheet at a time: drop just one file.",
                       None, count)


@dataclass(frozen=True)
class DroppedItem:
    """One URL of a drop: a local path, or a remote address we cannot open."""

    local_path: Path | None
    url: str

    @classmethod
    def from_qurl(cls, url: QUrl) -> DroppedItem:
        """Build from a QUrl as found in QMimeData.urls()."""
        if url.isLocalFile():
            return cls(Path(url.toLocalFile()), url.toString())
        return cls(None, url.toString())


@dataclass(frozen=True)
class DropDecision:
    """Either ``path`` (open it) or ``problem`` (show it); never both."""

    path: Path | None = None
    problem: str | None = None


def is_supported_name(path: Path) -> bool:
    """True when the file name ends with a spreadsheet extension we read."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def check_path(path: Path) -> DropDecision:
    """Check one local path: it must exist, be a file, and have a supported extension.

    The reader checks the content itself (signatures, not extensions); this
    only catches what is obviously not a spreadsheet before any work starts.
    """
    kinds = ", ".join(s.lstrip(".") for s in SUPPORTED_SUFFIXES)
    if path.is_dir():
        return DropDecision(problem=translate(
            "FileDrop", "“{name}” is a folder. Drop a single spreadsheet file ({kinds}) instead."
        ).format(name=path.name or str(path), kinds=kinds))
    if not path.exists():
        return DropDecision(problem=translate(
            "FileDrop", "“{path}” does not exist (it may have been moved or renamed). Choose File > Open to find it."
        ).format(path=str(path)))
    if not is_supported_name(path):
        return DropDecision(problem=translate(
            "FileDrop", "“{name}” is not a spreadsheet Price Lookup can read. "
            "Save it as one of: {kinds}, then open that file."
        ).format(name=path.name, kinds=kinds))
    return DropDecision(path=path)


def choose_input(items: list[DroppedItem]) -> DropDecision:
    """Pick the single file to open from a drop, or explain why there is none."""
    if not items:
        return DropDecision(problem=translate("FileDrop", "Nothing usable was dropped. Drop a spreadsheet file from your file manager."))
    if len(items) > 1:
        return DropDecision(problem=FileDrop().too_many(len(items)))
    item = items[0]
    if item.local_path is None:
        return DropDecision(problem=translate(
            "FileDrop", "“{url}” is a web address. Download the file to your computer first, then drop the downloaded file."
        ).format(url=item.url))
    return check_path(item.local_path)


def default_export_path(input_path: Path | None, *, fallback_dir: Path) -> Path:
    """``<input>-prices.xlsx`` beside the input (or in ``fallback_dir`` for a Snipcart import)."""
    if input_path is None:
        return fallback_dir / "snipcart-prices.xlsx"
    return input_path.with_name(f"{input_path.stem}-prices.xlsx")


# --- drag-and-drop plumbing ------------------------------------------------------------------------

#: a link dragged from a browser arrives as text with one of these schemes
_LINK_SCHEMES = ("http", "https", "ftp")


def carries_input(mime: QMimeData) -> bool:
    """True when a drag may carry something to open: URLs (files) or text (a link)."""
    return mime.hasUrls() or mime.hasText()


def answer_drag(event: QDragMoveEvent, *, accepting: bool) -> None:
    """Accept a drag entering or moving over the window if ``accepting`` and it may carry a file; else ignore it."""
    if accepting and carries_input(event.mimeData()):
        event.acceptProposedAction()
    else:
        event.ignore()


def defer_drop(event: QDropEvent, handle: Callable[[QMimeData], object]) -> None:
    """Accept the drop now; call ``handle`` with a copy of its data once the event loop is back.

    The file manager should not wait for the window's dialogs, and the event's
    own data is gone by then: hence the copy.
    """
    event.acceptProposedAction()
    mime = event.mimeData()
    urls, text = list(mime.urls()), mime.text() if mime.hasText() else ""
    QTimer.singleShot(0, lambda: handle(_mime_of(urls, text)))


def decide_drop(mime: QMimeData) -> DropDecision:
    """The one file a drop's data names, or why there is none (a browser's link counts as a web address)."""
    items = [DroppedItem.from_qurl(url) for url in mime.urls()]
    text = mime.text().strip() if mime.hasText() else ""
    if not items and QUrl(text).scheme() in _LINK_SCHEMES:
        items = [DroppedItem(None, text)]  # a link dragged from a browser as text
    return choose_input(items)


def forward_child_drag(event: QEvent, *, accepting: Callable[[], bool],
                       drop: Callable[[QDropEvent], None]) -> bool:
    """The window's event filter on child widgets that take text drops: file drags are the window's.

    A drag carrying URLs is accepted (if ``accepting()``) or ignored, and its
    drop goes to ``drop``; returns True for those events (the child never sees
    them), False for every other event.
    """
    kind = event.type()
    if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
        mime = event.mimeData()  # type: ignore[attr-defined]
        if mime is not None and mime.hasUrls():
            if kind == QEvent.Type.Drop:
                drop(event)  # type: ignore[arg-type]
            elif not accepting():
                event.ignore()
            else:
                event.acceptProposedAction()  # type: ignore[attr-defined]
            return True
    return False


def _mime_of(urls: list[QUrl], text: str) -> QMimeData:
    """A fresh QMimeData with ``urls``, or ``text`` when there are none."""
    mime = QMimeData()
    mime.setUrls(urls)
    if text and not urls:
        mime.setText(text)
    return mime
