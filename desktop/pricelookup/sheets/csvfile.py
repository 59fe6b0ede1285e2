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
from typing import Literal

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


@dataclass(frozen=True)
class CsvGrid:
    """A parsed delimited file (see :func:`read_csv_grid`)."""

    frame: pl.DataFrame  # all String, columns column_1...; control characters removed (see below)
    delimiter: str  # "" for a single-column file
    encoding: str
    #: the columns that lost control characters, as the file had them (usually none)
    raw: dict[str, pl.Series]


def read_grid(raw: bytes) -> tuple[pl.DataFrame, str, str]:
    """Parse delimited text into an all-String frame, one row per record.

    Returns the frame (columns ``column_1``...), the delimiter used (``""`` for
    a single-column file) and the encoding detected. Control characters are
    removed from the text (they come from broken exports and cannot be written
    back to XLSX) for files up to 8 MB or holding a NUL.
    """
    grid = read_csv_grid(raw)
    return grid.frame, grid.delimiter, grid.encoding


def read_csv_grid(raw: bytes) -> CsvGrid:
    """:func:`read_grid`, and the columns that lost control characters as they were.

    The reader gives the code column's back to validation, which removes them
    from a code and says so on the row, the same for every format. Only a file
    that held any is parsed a second time, without the removal.
    """
    decoded = decode(raw)
    data = decoded.data
    sample = data[:SAMPLE_BYTES].decode("utf-8", "ignore")
    delimiter = detect_delimiter(sample)
    # ASCII control bytes never occur inside a UTF-8 multi-byte sequence, so
    # they can be deleted from the bytes. translate() costs ~0.2 s per 40 MB,
    # so big files are cleaned only when they hold a NUL (the usual culprit,
    # found at memchr speed).
    cleaned = data
    if len(data) <= FULL_CLEAN_BYTES or b"\x00" in data:
        cleaned = data.translate(None, CONTROL_BYTES)
    frame = _parse_text(cleaned, delimiter, sample)
    dirty: dict[str, pl.Series] = {}
    if len(cleaned) != len(data):
        try:
            original = _parse_text(data, delimiter, sample)
        except pl.exceptions.PolarsError:  # then the codes lose them silently, as other cells do
            original = pl.DataFrame()
        if original.columns == frame.columns and original.height == frame.height:
            dirty = {n: original[n] for n in frame.columns if not original[n].equals(frame[n])}
    return CsvGrid(frame=frame, delimiter=delimiter or "", encoding=decoded.encoding, raw=dirty)


def _parse_text(data: bytes, delimiter: str | None, sample: str) -> pl.DataFrame:
    sep = delimiter or _unused_byte(data)
    width = _max_fields(sample, sep) if delimiter else 1
    return _parse(data, sep, width, quote=True)


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


# --- what is wrong with a file, in the analyst's words ----------------------------------
#
# Reading stays lenient (an unclosed quote is read as a plain character, a ragged row
# keeps every field), because most such files still give the right codes. When the
# table cannot be understood, though, "cannot tell which column holds the codes" alone
# does not help: :func:`diagnose` says what is wrong with the file and on which lines.

#: how many groups of lines a message lists before "and N more lines"
MAX_LINE_GROUPS = 3
_DELIMITER_NAMES = {"\t": "tab", ";": "';'", ",": "','", "|": "'|'"}


def _lines(numbers: list[int]) -> str:
    """'line 7', 'lines 12–14', with at most MAX_LINE_GROUPS groups of consecutive lines."""
    groups: list[list[int]] = []
    for n in numbers:
        if groups and n == groups[-1][-1] + 1:
            groups[-1].append(n)
        else:
            groups.append([n])
    shown = ", ".join(str(g[0]) if len(g) == 1 else f"{g[0]}–{g[-1]}" for g in groups[:MAX_LINE_GROUPS])
    hidden = sum(len(g) for g in groups[MAX_LINE_GROUPS:])
    word = "line" if len(numbers) == 1 else "lines"
    return f"{word} {shown}" + (f" and {hidden:,} more" if hidden else "")


def _records(text: str, delimiter: str, *, quoting: Literal[0, 1, 2, 3]) -> list[tuple[int, list[str]]]:
    """(first line, fields) of every record; stops quietly at a quote error."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', quoting=quoting)
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            out.append((start, record))
            start = reader.line_num + 1
    except csv.Error:
        pass
    return out


def unclosed_quote_line(text: str, delimiter: str) -> int | None:
    """The line whose quote is never closed (it swallows the rest of the file), or None."""
    if '"' not in text:
        return None
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', strict=True)
    start = 1
    try:
        for _record in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        if "end of data" in str(exc):
            return start
    return None


def _main_delimiter(text: str) -> tuple[str, int] | None:
    """The delimiter that gives the most lines one same field count (>= 2), and that count.

    Quotes are ignored here (a broken quote must not hide the delimiter), and
    unlike :func:`detect_delimiter` no credit goes to longer lines: on a file
    mixing ``,`` and ``;`` lines with decimal commas, both split the ``;`` lines
    consistently, and the larger count is the real one.
    """
    best: tuple[int, int, str] | None = None
    for delim in CANDIDATE_DELIMITERS:
        if delim not in text:
            continue
        counts = Counter(len(f) for _l, f in _records(text, delim, quoting=csv.QUOTE_NONE)
                         if any(x.strip() for x in f))
        width, lines = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=(1, 0))
        if width >= 2 and (best is None or (lines, width) > best[:2]):
            best = (lines, width, delim)
    return None if best is None else (best[2], best[1])


def diagnose(raw: bytes) -> str | None:
    """What is structurally wrong with a delimited file, naming lines; None when nothing is.

    Looks for a quote that is never closed and for lines whose field count is
    not the rest of the file's (another delimiter on those lines, or a field
    holding the delimiter). Parses the whole file with the csv module (about a
    second per 100 MB), so it runs only when the table could not be understood.
    """
    text = decode(raw).data.decode("utf-8", "replace")
    main = _main_delimiter(text)
    if main is None:
        return None
    delimiter, width = main
    name = _DELIMITER_NAMES.get(delimiter, repr(delimiter))
    problems: list[str] = []
    quote_line = unclosed_quote_line(text, delimiter)
    if quote_line is not None:
        problems.append(
            f"line {quote_line} opens a quote (\") that is never closed, so everything after it "
            "would be one cell; close the quote or remove it"
        )
    # Field counts per record; with a broken quote, per physical line.
    records = _records(text, delimiter, quoting=csv.QUOTE_NONE if quote_line else csv.QUOTE_MINIMAL)
    by_problem: dict[str, list[int]] = {}
    for line, fields in records:
        if len(fields) == width or not any(f.strip() for f in fields):
            continue
        joined = delimiter.join(fields)
        other = next(
            (d for d in CANDIDATE_DELIMITERS
             if d != delimiter and len(next(csv.reader([joined], delimiter=d), [])) == width),
            None,
        )
        if other is not None:
            key = f"use {_DELIMITER_NAMES.get(other, repr(other))} where the rest of the file uses {name}"
        elif len(fields) > width:
            key = (f"have more than the {width} fields of the other lines "
                   f"(a field holding {name} without quotes?)")
        else:
            continue  # shorter lines (titles, notes, totals) do not shift any column
        by_problem.setdefault(key, []).append(line)
    for key, lines in by_problem.items():
        phrase = key.replace("have more", "has more", 1) if len(lines) == 1 else key
        phrase = phrase.replace("use ", "uses ", 1) if len(lines) == 1 and phrase.startswith("use ") else phrase
        problems.append(f"{_lines(lines)} {phrase}")
    if not problems:
        return None
    return "the file is malformed: " + "; ".join(problems)


def decimal_comma_split(
    frame: pl.DataFrame, letters: tuple[str, ...], rows: pl.Series, delimiter: str
) -> str | None:
    """The message for prices split in two by a comma delimiter, or None.

    With ``,`` as delimiter and an unquoted decimal comma, ``0012345678905,Soap,3,57``
    has one field more than the header ``ean,name,price``: the price reads as
    "3" and an unnamed column gets "57". Rows with exactly that extra column,
    whose last two fields are both digits, are reported. Not rejoined: with two
    number columns nobody can tell which one held the comma.
    """
    if delimiter != "," or frame.width < 2:
        return None
    last, before = frame.columns[-1], frame.columns[-2]
    if last != letters[-1] or before == letters[-2]:
        return None  # the last column has a header name, or the one before has none
    digits = r"^[0-9]+$"
    hit = (
        frame.lazy()
        .with_row_index("i")
        .filter(pl.col(last).str.contains(digits) & pl.col(before).str.strip_chars().str.contains(digits))
        .select("i", before, last)
        .collect()
    )
    if hit.height == 0:
        return None
    lines = rows.gather(hit["i"]).to_list()
    first = hit.row(0)
    return (
        f"{_lines(lines)} {'has' if len(lines) == 1 else 'have'} one field more than the header: "
        f'"{first[1]},{first[2]}" on line {lines[0]} looks like a decimal number split in two by the '
        f"comma delimiter, so its column reads \"{first[1]}\" and \"{first[2]}\" lands in an unnamed "
        f'column {last}. Put such numbers in quotes ("{first[1]},{first[2]}"), or save the file '
        "with ';' as delimiter"
    )
