"""Hostile and damaged workbooks: decompression bombs that lie about their size, ODS repeat
bombs, damaged deflate data, and anything a format library may raise on a mutated file.

Every bomb is built here, in a tmp dir, in milliseconds: a deflate block compressed once
with a full flush is self-contained, so repeating its bytes N times is a valid stream that
inflates to N blocks (a 1.4 GB sheet from a 1.4 MB file). Reads that could blow up run in
a child process, so their peak RSS is their own and a failure cannot take pytest down.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pricelookup.sheets.zipguard as zipguard
from pricelookup.errors import InputFileError, SettingsError
from pricelookup.sheets import list_sheets, read_table

DATA = Path(__file__).parent / "data"
CAL = DATA / "calamine"
FX = DATA / "fastexcel"
SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:A2"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>EAN</t></is></c></row>'
)
SHEET_TAIL = b"</sheetData></worksheet>"
ROW = b'<row><c t="inlineStr"><is><t>3401351277399</t></is></c></row>'


# --- building hostile zips ------------------------------------------------------------------


def flushed(data: bytes) -> bytes:
    """``data`` as self-contained deflate blocks (full flush: no reference to earlier data)."""
    c = zlib.compressobj(1, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)


def sheet_stream(block: bytes, times: int) -> bytes:
    """A raw deflate stream of a sheet: its head, ``block`` x ``times`` (repeating one
    compressed block), then its tail and the final block."""
    end = zlib.compressobj(1, zlib.DEFLATED, -15)
    return flushed(SHEET_HEAD) + flushed(block) * times + end.compress(SHEET_TAIL) + end.flush()


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def write_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """Write a zip whose members are (name, raw deflate data, declared size, crc) as given."""
    out = io.BytesIO()
    central = []
    for name, raw, size, crc in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(raw), size,
                              len(encoded), 0) + encoded + raw)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                                   len(raw), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    path.write_bytes(out.getvalue())
    return path


def small_xlsx_members() -> list[tuple[str, bytes]]:
    """The parts of a real one-sheet xlsx (xlsxwriter), EAN + one code."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.add_worksheet().write_column(0, 0, ["EAN", "3401351277399"])
    wb.close()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def lying_xlsx(path: Path, part: str, raw: bytes, *, declared: int, crc: int = 0) -> Path:
    """A real xlsx whose ``part`` is replaced by the deflate stream ``raw``, declaring ``declared`` bytes."""
    members = []
    for name, data in small_xlsx_members():
        if name == part:
            members.append((name, raw, declared, crc))
        else:
            members.append((name, deflate(data), len(data), zlib.crc32(data)))
    return write_zip(path, members)


def run_child(code: str, timeout: float = 120) -> tuple[str, float, int]:
    """Run reader code in a child: (its output, seconds, peak RSS in MB). Address space capped at 3 GB."""
    wrapper = (
        "import resource, time\n"
        "resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))\n"
        "t0 = time.perf_counter()\n"
        f"{code}\n"
        "print('seconds', time.perf_counter() - t0)\n"
        # VmHWM: this process's own peak (ru_maxrss would carry pytest's over exec)
        "print('rss', [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0])\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.strip().splitlines()
    return "\n".join(lines[:-2]), float(lines[-2].split()[1]), int(lines[-1].split()[1]) // 1024


READ_IN_CHILD = (
    "from pricelookup.sheets import read_table\n"
    "try:\n"
    "    t = read_table({path!r})\n"
    "    print('read', t.frame.height, 'rows')\n"
    "except Exception as e:\n"
    "    print(type(e).__name__, str(e).replace(chr(10), ' '))\n"
)


# --- 1a. xlsx parts whose headers under-declare their size -------------------------------------


def test_lying_header_bomb_of_1_4_gb_is_refused_fast_and_small(tmp_path: Path) -> None:
    """A 1.4 GB sheet declaring 10 KB: refused after inflating a few MB, not parsed."""
    block = ROW * (1024 * 1024 // len(ROW))
    path = lying_xlsx(tmp_path / "bomb.xlsx", SHEET, sheet_stream(block, 1400), declared=10_000)
    assert path.stat().st_size < 20 * 1024**2
    out, seconds, rss_mb = run_child(READ_IN_CHILD.format(path=str(path)))
    assert out.startswith("InputFileError"), out
    assert "refused" in out and "its zip header declares" in out and "bomb.xlsx" in out
    assert seconds < 10 and rss_mb < 1024


def test_lying_header_sheet_of_60_mb_is_refused(tmp_path: Path) -> None:
    """A real moderately-sized lie: 60 MB of rows declared as 5 KB (calamine would load 1M cells)."""
    block = ROW * (1024 * 1024 // len(ROW))
    path = lying_xlsx(tmp_path / "lie.xlsx", SHEET, sheet_stream(block, 60), declared=5_000)
    out, seconds, rss_mb = run_child(READ_IN_CHILD.format(path=str(path)))
    assert out.startswith("InputFileError") and 'refused (sheet "Sheet1")' in out, out
    assert "xl/worksheets/sheet1.xml unpacks to more than the 5,000 bytes its zip header declares" in out
    assert seconds < 10 and rss_mb < 400


def test_lying_shared_strings_are_refused_before_calamine_opens(tmp_path: Path) -> None:
    """calamine parses sharedStrings.xml when it opens the file: that part is counted first."""
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + b"<si><t>3401351277399</t></si>" * 200_000 + b"</sst>")
    path = lying_xlsx(tmp_path / "sst.xlsx", "xl/sharedStrings.xml", deflate(strings), declared=2_000)
    with pytest.raises(InputFileError, match=r"refused: xl/sharedStrings.xml unpacks to more than") as info:
        read_table(path)
    assert "sst.xlsx" in str(info.value)


def test_inflate_limit_counts_real_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit applies to what comes out of zlib, whatever the header says (limit lowered here)."""
    block = ROW * (1024 * 1024 // len(ROW))
    path = lying_xlsx(tmp_path / "l.xlsx", SHEET, sheet_stream(block, 12), declared=1_500_000)
    monkeypatch.setattr(zipguard, "MAX_PART_BYTES", 2 * 1024**2)
    with pytest.raises(InputFileError, match="unpacks to more than the 1,500,000 bytes"):
        read_table(path)
    # An honest header above the limit is refused before anything is inflated.
    honest = tmp_path / "h.xlsx"
    data = SHEET_HEAD + block * 3 + SHEET_TAIL
    lying_xlsx(honest, SHEET, deflate(data), declared=len(data), crc=zlib.crc32(data))
    with pytest.raises(InputFileError, match=r"unpacks to 3 MB|unpacks to [0-9,]+ bytes, more than"):
        read_table(honest)


def test_cell_count_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cells.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Nom"])
    for r in range(1, 1001):
        ws.write_row(r, 0, ["3401351277399", f"p{r}"])
    wb.close()
    assert read_table(path).frame.height == 1000
    monkeypatch.setattr(zipguard, "MAX_LOADED_CELLS", 1_000)
    with pytest.raises(InputFileError, match=r"refused .*holds more than 1,000 cells"):
        read_table(path)


def test_slightly_oversized_part_is_damaged_not_a_bomb() -> None:
    # calamine issue_252: workbook.xml.rels inflates to 699 bytes where 697 are declared
    with pytest.raises(InputFileError, match=r"not a valid spreadsheet: it is damaged .*larger than its zip header"):
        read_table(CAL / "issue252.xlsx")


# --- 1b. ODS repeat bombs ------------------------------------------------------------------------

ODS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    b'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    b'office:version="1.2"><office:body><office:spreadsheet>'
    b'<table:table table:name="Feuille1" table:style-name="ta1">'
    b'<table:table-column table:style-name="co1" table:number-columns-repeated="16384" '
    b'table:default-cell-style-name="Default"/>'
)
# what LibreOffice writes after the last data row of every sheet
ODS_PADDING_ROWS = (
    b'<table:table-row table:style-name="ro1" table:number-rows-repeated="1048000">'
    b'<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
)
ODS_TAIL = b"</table:table></office:spreadsheet></office:body></office:document-content>"
ODS_MANIFEST = (
    b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    b'<manifest:file-entry manifest:full-path="/" manifest:media-type='
    b'"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
)


def text_cell(text: bytes, repeat: int = 1) -> bytes:
    rep = b' table:number-columns-repeated="%d"' % repeat if repeat > 1 else b""
    return (b'<table:table-cell%s office:value-type="string" calcext:value-type="string">'
            b"<text:p>%s</text:p></table:table-cell>" % (rep, text))


def error_cell(formula: bytes, literal: bytes) -> bytes:
    # as LibreOffice writes a formula whose result is an error
    return (b'<table:table-cell table:formula="%s" office:value-type="string" office:string-value="" '
            b'calcext:value-type="error"><text:p>%s</text:p></table:table-cell>' % (formula, literal))


def ods_row(*cells: bytes, repeat: int = 1, pad: bool = True) -> bytes:
    rep = b' table:number-rows-repeated="%d"' % repeat if repeat > 1 else b""
    padding = b'<table:table-cell table:number-columns-repeated="%d"/>' % (16384 - len(cells)) if pad else b""
    return b'<table:table-row table:style-name="ro1"%s>%s%s</table:table-row>' % (rep, b"".join(cells), padding)


def write_ods(path: Path, rows: bytes, *, content: bytes | None = None, declared: int | None = None) -> Path:
    data = content if content is not None else ODS_HEAD + rows + ODS_PADDING_ROWS + ODS_TAIL
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", data, zipfile.ZIP_DEFLATED)
    if declared is not None:  # rewrite the sizes of content.xml in both headers
        raw = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("content.xml")
        struct.pack_into("<I", raw, info.header_offset + 22, declared)
        central = raw.rfind(b"PK\x01\x02", 0, raw.rfind(b"content.xml"))
        struct.pack_into("<I", raw, central + 24, declared)
        path.write_bytes(bytes(raw))
    return path


def test_ods_repeat_bomb_of_834_bytes_is_refused(tmp_path: Path) -> None:
    """1,000,000 rows of 40 repeated cells: calamine alone takes 13 s and 5 GB."""
    rows = ods_row(text_cell(b"EAN")) + ods_row(text_cell(b"3401351277399", 40), repeat=1_000_000)
    path = write_ods(tmp_path / "bomb.ods", rows)
    assert path.stat().st_size < 2_000
    out, seconds, rss_mb = run_child(READ_IN_CHILD.format(path=str(path)))
    assert out.startswith("InputFileError") and "refused" in out, out
    assert 'sheet "Feuille1" expands to 1,000,001 rows x 40 columns' in out
    assert seconds < 10 and rss_mb < 400


@pytest.mark.parametrize(
    "rows",
    [
        # 16384 repeated non-empty columns on every row
        ods_row(text_cell(b"EAN")) + ods_row(text_cell(b"1", 16384), repeat=2_000, pad=False),
        # the widest row sets the width of all: one 16384-cell row above 2,000 short ones
        ods_row(*[text_cell(b"x")] * 2, text_cell(b"EAN")) + ods_row(text_cell(b"x", 16_000))
        + ods_row(text_cell(b"3401351277399")) * 2_000,
        # empty cells in the middle count when a value follows them
        ods_row(text_cell(b"EAN")) + ods_row(b'<table:table-cell table:number-columns-repeated="16000"/>'
                                             + text_cell(b"3401351277399"), repeat=2_000),
    ],
    ids=["repeated-columns", "one-wide-row", "empty-middle"],
)
def test_ods_expansions_over_the_limit_are_refused(tmp_path: Path, rows: bytes,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipguard, "MAX_LOADED_CELLS", 10_000_000)
    path = write_ods(tmp_path / "wide.ods", rows)
    with pytest.raises(InputFileError, match=r"refused: sheet \"Feuille1\" expands to .* more than the 10,000,000"):
        read_table(path)


def test_libreoffice_trailing_padding_is_not_refused(tmp_path: Path) -> None:
    """Every LibreOffice row ends with ~16k empty repeated cells, every sheet with ~1M empty
    repeated rows: none of it counts."""
    rows = ods_row(text_cell(b"EAN"), text_cell(b"Nom"))
    rows += b"".join(ods_row(text_cell(b"3401351277399"), text_cell(b"n%d" % i)) for i in range(300))
    rows += ods_row(repeat=5)  # a few empty rows between blocks (LibreOffice style)
    rows += ods_row(text_cell(b"0012345678905"), text_cell(b"last"))
    path = write_ods(tmp_path / "lo.ods", rows)
    table = read_table(path)
    assert table.frame.height == 301 and table.row_numbers[-1] == 307
    assert [i.name for i in list_sheets(path)] == ["Feuille1"]


def test_ods_content_with_lying_size_is_refused(tmp_path: Path) -> None:
    rows = ods_row(text_cell(b"EAN")) + ods_row(text_cell(b"3401351277399")) * 20_000
    path = write_ods(tmp_path / "lie.ods", rows, declared=4_000)
    with pytest.raises(InputFileError, match=r"refused: content\.xml unpacks to more than the 4,000 bytes"):
        read_table(path)


def test_ods_limit_counts_the_whole_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """calamine builds every sheet when it opens an ods: the cells of all sheets add up."""
    header = ods_row(text_cell(b"EAN"), *[text_cell(b"EAN%d" % i) for i in range(2, 11)])
    sheet = header + ods_row(text_cell(b"3401351277399", 10), repeat=600)
    one = ODS_HEAD + sheet + ODS_PADDING_ROWS + b"</table:table>"
    two = one.replace(b"Feuille1", b"Feuille2")
    content = one + two[two.index(b"<table:table "):] + b"</office:spreadsheet></office:body></office:document-content>"
    path = write_ods(tmp_path / "two.ods", b"", content=content)
    assert read_table(path).frame.height == 600
    monkeypatch.setattr(zipguard, "MAX_LOADED_CELLS", 10_000)
    with pytest.raises(InputFileError, match="the sheets together expand to 12,020 cells"):
        read_table(path)


# --- 2. damaged files and the reader boundary ----------------------------------------------------


def damaged_xlsx(path: Path, where: float = 0.5) -> Path:
    """A valid xlsx with a few bytes flipped in the middle of the compressed data of its sheet."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Nom"])
    for r in range(1, 800):
        ws.write_row(r, 0, ["3401351277399", f"Produit {r}"])
    wb.close()
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo(SHEET)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len + int(info.compress_size * where)
    for i in range(4):
        data[start + i] ^= 0x55
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("where", [0.1, 0.325, 0.5, 0.9])
def test_damaged_deflate_data_is_not_a_valid_spreadsheet(tmp_path: Path, where: float) -> None:
    # 0.1 and 0.325 made zlib raise "invalid distance too far back" out of read_table
    path = damaged_xlsx(tmp_path / "damaged.xlsx", where)
    with pytest.raises(InputFileError, match=r"not a valid spreadsheet.*damaged") as info:
        read_table(path)
    assert "damaged.xlsx" in str(info.value)


def test_damaged_file_exits_2_without_traceback(tmp_path: Path) -> None:
    path = damaged_xlsx(tmp_path / "damaged.xlsx", 0.325)
    proc = subprocess.run([sys.executable, "-m", "pricelookup", "validate", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "damaged.xlsx" in proc.stderr and "not a valid spreadsheet" in proc.stderr
    assert "Traceback" not in proc.stderr and "zlib.error" not in proc.stderr


class FakePanic(BaseException):
    """pyo3's PanicException derives from BaseException, not Exception."""


@pytest.mark.parametrize(
    "exc",
    [struct.error("unpack requires a buffer"), KeyError("xl/workbook.xml"), IndexError("index out of range"),
     OverflowError("int too large"), RecursionError("maximum recursion depth"), UnicodeDecodeError(
         "utf-8", b"\xff", 0, 1, "invalid start byte"), zlib.error("invalid distance"), FakePanic("panicked")],
    ids=lambda e: type(e).__name__,
)
def test_any_library_exception_becomes_input_file_error(
    exc: BaseException, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import fastexcel

    def boom(*_a: object, **_k: object) -> None:
        raise exc

    monkeypatch.setattr(fastexcel, "read_excel", boom)
    caplog.set_level("INFO", logger="pricelookup.sheets")
    with pytest.raises(InputFileError, match=r"errors\.xlsx: not a valid spreadsheet: it is damaged"):
        read_table(CAL / "errors.xlsx")
    with pytest.raises(InputFileError, match=r"errors\.xlsx: not a valid spreadsheet"):
        list_sheets(CAL / "errors.xlsx")
    if not isinstance(exc, ValueError):  # ValueErrors are calamine's own, already turned into messages
        assert type(exc).__name__ in caplog.text  # the original type is logged, with its traceback


def test_memory_error_says_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    import fastexcel

    def boom(*_a: object, **_k: object) -> None:
        raise MemoryError

    monkeypatch.setattr(fastexcel, "read_excel", boom)
    with pytest.raises(InputFileError, match="more memory than this computer has free"):
        read_table(CAL / "errors.xlsx")


def test_keyboard_interrupt_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    import fastexcel

    def boom(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fastexcel, "read_excel", boom)
    with pytest.raises(KeyboardInterrupt):
        read_table(CAL / "errors.xlsx")


# --- 2. mutated real files: a table or an analyst's error, never a library's exception -----------

FUZZ_SOURCES = [
    CAL / "any_sheets.xlsx", CAL / "any_sheets.xls", CAL / "any_sheets.xlsb", CAL / "any_sheets.ods",
    CAL / "errors.xlsx", CAL / "date.ods", FX / "sheet-with-na.xlsx", FX / "div0.xlsx",
]
FUZZ_CSV = "Réf;Nom;Code EAN;Prix\r\nA-1;Crème;3401351277399;12,50\r\nA-2;\"Lot; 2\";0012345678905;3,99\r\n"


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    index = draw(st.integers(0, len(FUZZ_SOURCES)))
    if index == len(FUZZ_SOURCES):
        name, data = "mutated.csv", bytearray(FUZZ_CSV.encode("cp1252"))
    else:
        name, data = "mutated" + FUZZ_SOURCES[index].suffix, bytearray(FUZZ_SOURCES[index].read_bytes())
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "truncate", "insert", "overwrite"]))
        if op == "flip":
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "truncate":
            del data[max(pos, 1):]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        else:
            chunk = draw(st.binary(min_size=1, max_size=64))
            data[pos:pos + len(chunk)] = chunk
    return name, bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_files())
def test_mutated_files_give_a_table_or_an_analyst_error(case: tuple[str, bytes]) -> None:
    """Flipped, truncated or inserted bytes in real xlsx/xls/xlsb/ods/csv files: read_table
    returns a table or raises InputFileError (SettingsError when a readable table has no
    recognisable code column), never zlib.error, KeyError, a calamine panic..."""
    import tempfile

    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            table = read_table(path)
        except InputFileError as exc:
            assert name in str(exc)
        except SettingsError:
            pass
        else:
            assert table.frame.height == table.row_numbers.len()
