"""Decide whether something dropped or opened is a spreadsheet we can read.

Pure logic (no widgets): the window turns a drop's URLs into
:class:`DroppedItem` values and asks :func:`choose_input`, which either names
the one file to open or says, in words for the analyst, why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl

#: what the reader understands (the same list as `pricelookup validate`)
SUPPORTED_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv", ".txt")

#: the filter string of the Open dialog
OPEN_FILTER_PATTERNS = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)


# lupdate finds strings in ``translate("Context", "text")`` calls, not through a wrapper
translate = QCoreApplication.translate


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
        return DropDecision(problem=translate(
            "FileDrop", "{count} items were dropped. Price Lookup works on one spreadsheet at a time: drop just one file."
        ).format(count=len(items)))
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
