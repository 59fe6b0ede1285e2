"""Delimited text (csv, tsv, txt) into an all-text grid.

Encoding: UTF-8 with or without BOM, UTF-16 LE/BE (Excel's "Unicode text"
writes UTF-16 LE with a BOM and tabs), else cp1252 (Excel's "CSV" on a French
Windows), so "é" survives. Delimiter: ``;`` ``,`` tab or ``|``, decided from
how consistently each splits the first lines (outside quotes). A French export
uses ``;`` with decimal commas: a comma that appears once per line in a price
column must not win over the semicolon that separates every field.

Every cell stays text: polars parses with ``infer_schema=False``. Row ``i`` of
the grid is record ``i + 1`` of the file, blank lines included, which is the
row number Excel shows when it opens the file.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

import polars as pl

CANDIDATE_DELIMITERS = ("\t", ";", "|", ",")  # tie-break order: least likely inside data first
SAMPLE_LINES = 200
SAMPLE_BYTES = 256 * 1024
# Bytes no spreadsheet cell should carry; tab, CR and LF are kept.
CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
FULL_CLEAN_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class DecodedText:
    """Text re-encoded as UTF-8 for polars, and what it was."""

    data: bytes
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1252"


def decode(raw: bytes) -> DecodedText:
    """Detect the encoding and return UTF-8 bytes without BOM.

    UTF-8 input is passed through without a copy-decode round trip (the common,
    large case); other encodings are decoded and re-encoded once.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return DecodedText(raw[3:], "utf-8-sig")
    if raw.startswith(b"\xff\xfe"):
        return DecodedText(raw[2:].decode("utf-16-le", "replace").encode("utf-8"), "utf-16-le")
    if raw.startswith(b"\xfe\xff"):
        return DecodedText(raw[2:].decode("utf-16-be", "replace").encode("utf-8"), "utf-16-be")
    head = raw[:4096]
    if b"\x00" in head:
        # UTF-16 without BOM: the NULs sit on the high byte of ASCII characters
        # (nearly every odd byte for LE, every even byte for BE). Stray NULs
        # in an 8-bit export are not that.
        half = max(1, len(head) // 2)
        if head[1::2].count(0) > 0.9 * half:
            return DecodedText(raw.decode("utf-16-le", "replace").encode("utf-8"), "utf-16-le")
        if head[0::2].count(0) > 0.9 * half:
            return DecodedText(raw.decode("utf-16-be", "replace").encode("utf-8"), "utf-16-be")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return DecodedText(raw, "utf-8")
    try:
        text = raw.decode("cp1252")
        enc = "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves 5 bytes undefined; latin-1 maps every byte.
        text = raw.decode("latin-1")
        enc = "latin-1"
    return DecodedText(text.encode("utf-8"), enc)


def _sample_records(text: str, delimiter: str, limit: int | None = SAMPLE_LINES) -> list[list[str]]:
    """Parse (the start of) ``text`` with the stdlib csv module (quotes, embedded newlines)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', strict=False)
    records: list[list[str]] = []
    try:
        for rec in reader:
            records.append(rec)
            if limit is not None and len(records) >= limit:
                break
    except csv.Error:
        pass
    return records


def detect_delimiter(sample: str) -> str | None:
    """The delimiter that splits the sample's non-blank records most consistently.

    Score: the share of non-blank records having the modal field count, when
    that count is > 1. Ties go to the delimiter least likely to appear inside
    data (tab, ``;``, ``|``, then ``,``). Returns None for a single-column file.
    """
    # Drop a possibly cut last line of the sample.
    if len(sample) >= SAMPLE_BYTES // 2 and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    best: tuple[float, int, str] | None = None
    for rank, delim in enumerate(CANDIDATE_DELIMITERS):
        if delim not in sample:
            continue
        records = [r for r in _sample_records(sample, delim) if any(f.strip() for f in r)]
        if not records:
            continue
        counts = Counter(len(r) for r in records)
        modal, freq = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if modal < 2:
            continue
        # Records with more fields than the mode (a longer header) still
        # count as consistent; fewer (title lines, "Note") do not hurt much.
        share = (freq + sum(c for n, c in counts.items() if n > modal) * 0.5) / len(records)
        score = (round(share, 2), -rank, delim)
        if best is None or score[:2] > best[:2]:
            best = score
    return None if best is None else best[2]


def _max_fields(text: str, delimiter: str, limit: int | None = SAMPLE_LINES) -> int:
    records = _sample_records(text, delimiter, limit)
    return max((len(r) for r in records), default=1)


def _unused_byte(data: bytes) -> str:
    for candidate in ("\x1f", "\x1e", "\x1d", "\x01"):
        if candidate.encode() not in data:
            return candidate
    return "\x1f"


def read_grid(raw: bytes) -> tuple[pl.DataFrame, str, str]:
    """Parse delimited text into an all-String frame, one row per record.

    Returns the frame (columns ``column_1``...), the delimiter used (``""`` for
    a single-column file) and the encoding detected. Control characters are
    removed from the text (they come from broken exports and cannot be written
    back to XLSX) for files up to 8 MB or holding a NUL.
    """
    decoded = decode(raw)
    data = decoded.data
    sample = data[:SAMPLE_BYTES].decode("utf-8", "ignore")
    delimiter = detect_delimiter(sample)
    # ASCII control bytes never occur inside a UTF-8 multi-byte sequence, so
    # they can be deleted from the bytes. translate() costs ~0.2 s per 40 MB,
    # so big files are cleaned only when they hold a NUL (the usual culprit,
    # found at memchr speed); the code column is always cleaned later.
    if len(data) <= FULL_CLEAN_BYTES or b"\x00" in data:
        data = data.translate(None, CONTROL_BYTES)
    sep = delimiter or _unused_byte(data)
    width = _max_fields(sample, sep) if delimiter else 1
    frame = _parse(data, sep, width, quote=True)
    return frame, delimiter or "", decoded.encoding


def _parse(data: bytes, sep: str, width: int, *, quote: bool) -> pl.DataFrame:
    """polars.read_csv with a guard line that fixes the column count.

    polars takes the number of columns from the first line; a title line
    above the table would cut every later row. A synthetic first line with
    ``width - 1`` separators sets the width; it is dropped after parsing.
    Rows wider than the sample showed are retried with the true width.
    """
    guard = (sep * (width - 1) + "\n").encode("utf-8")
    try:
        frame = pl.read_csv(
            guard + data,
            has_header=False,
            separator=sep,
            quote_char='"' if quote else None,
            infer_schema=False,
            truncate_ragged_lines=False,
            raise_if_empty=False,
        )
    except pl.exceptions.ComputeError as exc:
        message = str(exc)
        if "more fields" in message:
            # Rare: a row wider than any in the sample. Count them all once.
            true_width = _max_fields(data.decode("utf-8", "replace"), sep, limit=None)
            if true_width > width:
                return _parse(data, sep, true_width, quote=quote)
        if quote:
            # An unterminated quote: read quotes as plain characters, as
            # Excel effectively shows such a line.
            return _parse(data, sep, width, quote=False)
        raise
    return frame.slice(1)
