"""Delimited text: encodings, delimiters, quotes, line endings, titles, ragged rows."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pricelookup.errors import InputFileError, SettingsError
from pricelookup.sheets import read_table
from pricelookup.sheets.csvfile import decode, detect_delimiter, read_grid

FRENCH = (
    "Référence;Désignation;Code EAN;Prix TTC\r\n"
    "A-001;Crème hydratante été;3401351277399;12,50\r\n"
    "A-002;Pâte à modeler;0012345678905;3,99\r\n"
    "A-003;\"Lot « spécial »; 2 pièces\";4006381333931;1 234,00\r\n"
    "\r\n"
    "A-004;Eau de Cologne;5012345678900;7\r\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1252", b""), ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf")],
    ids=["cp1252", "utf8", "utf8-bom"],
)
def test_french_export(tmp_path: Path, encoding: str, bom: bytes) -> None:
    """Excel FR "CSV (séparateur: point-virgule)": ;, decimal commas, CRLF, accents."""
    path = write(tmp_path, "export.csv", bom + FRENCH.encode(encoding))
    table = read_table(path)
    assert table.sheet == "export.csv" and table.sheets == ("export.csv",)
    assert table.header_row == 1
    assert table.frame.columns == ["Référence", "Désignation", "Code EAN", "Prix TTC"]
    assert table.code_column == "Code EAN"
    assert table.frame["Désignation"].to_list() == [
        "Crème hydratante été", "Pâte à modeler", "Lot « spécial »; 2 pièces", "Eau de Cologne"]
    assert table.frame["Prix TTC"].to_list() == ["12,50", "3,99", "1 234,00", "7"]
    assert table.frame["Code EAN"].to_list()[1] == "0012345678905"  # leading zeros kept
    assert table.row_numbers.to_list() == [2, 3, 4, 6]  # the blank line 5 is dropped
    assert all(not v.endswith("\r") for v in table.frame["Prix TTC"].to_list())


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_unicode_text(tmp_path: Path, codec: str) -> None:
    """Excel's "Unicode text": UTF-16 with BOM and tabs."""
    text = "EAN\tNom\r\n3401351277399\tCrème\r\n0012345678905\tÉté\r\n"
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    path = write(tmp_path, "unicode.txt", bom + text.encode(codec))
    table = read_table(path)
    assert table.frame.columns == ["EAN", "Nom"]
    assert table.frame.rows() == [("3401351277399", "Crème"), ("0012345678905", "Été")]


def test_utf16_without_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "nobom.txt", "EAN\tNom\n3401351277399\tx\n".encode("utf-16-le"))
    assert read_table(path).frame.rows() == [("3401351277399", "x")]


def test_decode_keeps_cp1252_and_latin1() -> None:
    assert decode("é€".encode("cp1252")).data.decode() == "é€"
    assert decode(b"caf\xe9 \x81").encoding == "latin-1"  # 0x81 is undefined in cp1252
    assert decode("é".encode()).encoding == "utf-8"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a;b;c\n1;2,5;3\n4;5,5;6\n", ";"),  # decimal commas in every row
        ("a,b,c\n1,2,3\n4,5,6\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('name,desc\nx,"a;b;c"\ny,"d;e;f"\n', ","),  # semicolons inside quotes only
        ("Export du 12/03/2024\nEAN;Prix\n1;2,5\n3;4\n5;6\n", ";"),  # title line
        ("3401351277399\n0012345678905\n", None),  # one column
        ("a;b\n1,5;2\n3,25;4\n5;6,75\n", ";"),
    ],
)
def test_delimiter_detection(sample: str, expected: str | None) -> None:
    assert detect_delimiter(sample) == expected


def test_quotes_embedded_newlines_and_escaped_quotes(tmp_path: Path) -> None:
    data = b'EAN,Note\n3401351277399,"two\nlines"\n0012345678905,"say ""hi"""\n'
    table = read_table(write(tmp_path, "q.csv", data))
    assert table.frame["Note"].to_list() == ["two\nlines", 'say "hi"']
    # a record spanning two lines is one row; numbering follows records as Excel shows them
    assert table.row_numbers.to_list() == [2, 3]


def test_title_line_and_ragged_rows_keep_every_field(tmp_path: Path) -> None:
    data = b"Catalogue 2024\n\nEAN;Nom;Prix\n3401351277399;a;1\n0012345678905;b;2;extra\n"
    table = read_table(write(tmp_path, "t.csv", data))
    assert table.header_row == 3
    assert table.frame.columns == ["EAN", "Nom", "Prix", "D"]
    assert table.frame.rows() == [("3401351277399", "a", "1", None), ("0012345678905", "b", "2", "extra")]
    assert table.row_numbers.to_list() == [4, 5]


def test_rows_wider_than_the_sample_are_not_cut() -> None:
    lines = ["EAN;Nom"] + [f"{i};x" for i in range(1000, 1400)] + ["9;y;z;w"]
    frame, delimiter, _ = read_grid(("\n".join(lines) + "\n").encode())
    assert delimiter == ";" and frame.width == 4
    assert frame.rows()[-1] == ("9", "y", "z", "w")


def test_unterminated_quote_is_read_leniently(tmp_path: Path) -> None:
    data = b'EAN;Nom\n3401351277399;"broken\n0012345678905;ok\n'
    table = read_table(write(tmp_path, "u.csv", data))
    assert table.frame["EAN"].to_list() == ["3401351277399", "0012345678905"]


def test_single_column_without_header(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "codes.txt", b"3401351277399\n0012345678905\n4006381333931\n"))
    assert table.header_row is None and table.frame.columns == ["A"]
    assert table.code_column == "A" and table.frame.height == 3


def test_control_characters_removed(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "c.csv", b"EAN;Nom\n3401351277399;a\x00b\x07c\n"))
    assert table.frame["Nom"].to_list() == ["abc"]


def test_header_only_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no data"):
        read_table(write(tmp_path, "h.csv", b"EAN;Nom\r\n"))
    with pytest.raises(InputFileError, match="no data"):
        read_table(write(tmp_path, "e.csv", b""))
    with pytest.raises(InputFileError, match="no data"):
        read_table(write(tmp_path, "bom.csv", b"\xef\xbb\xbf\r\n\r\n"))


def test_sheet_option_on_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", b"EAN\n3401351277399\n")
    assert read_table(path, sheet="s.csv").frame.height == 1
    with pytest.raises(SettingsError, match="no sheet"):
        read_table(path, sheet="Feuil1")


def test_all_columns_are_strings(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "n.csv", b"EAN,Qty,Price\n3401351277399,1,2.50\n"))
    assert table.frame.dtypes == [pl.String, pl.String, pl.String]
    assert table.frame.row(0) == ("3401351277399", "1", "2.50")


# --- malformed files: what is wrong, and on which line -------------------------------------

CODES = ["3401351277399", "0012345678905", "4006381333931", "5012345678900", "3400935955838"]


def french_lines(n: int, sep: str = ";") -> list[str]:
    return [f"{CODES[i % 5]}{sep}Produit {i}{sep}{i % 9},99" for i in range(n)]


def test_unclosed_quote_names_its_line(tmp_path: Path) -> None:
    """The quote on line 7 swallows the rest of the file: the delimiter cannot be told,
    and neither can the code column. Say which line."""
    lines = ["Ref;Nom;Prix", *french_lines(5), '3401351277399;"Produit cassé;3,50', *french_lines(50)]
    path = write(tmp_path, "quote.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    with pytest.raises(InputFileError, match=r"quote\.csv: cannot tell which column .*line 7 opens a quote"
                       r" \(\"\) that is never closed"):
        read_table(path)


def test_mixed_delimiters_name_their_lines(tmp_path: Path) -> None:
    comma = [line.replace(";", ",").replace(",99", ".99") for line in french_lines(10)]
    lines = ["Ref,Nom,Prix", *comma, *french_lines(300)]
    path = write(tmp_path, "mixed.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    with pytest.raises(InputFileError, match=r"mixed\.csv: .*lines 1–11 use ',' where the rest of the file uses ';'"):
        read_table(path)


def test_decimal_comma_split_by_comma_delimiter_is_an_error(tmp_path: Path) -> None:
    """ean,name,price with 0012345678905,Soap,3,57: the price would read "3" (and "57" would
    land in an unnamed column). Refused, naming the lines: which field held the comma cannot
    be known when two columns are numbers."""
    lines = ["ean,name,price", "3401351277399,Soap,4", *[f"{CODES[i % 5]},Soap {i},3,57" for i in range(3)]]
    path = write(tmp_path, "prices.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    with pytest.raises(InputFileError) as info:
        read_table(path)
    message = str(info.value)
    assert message.startswith(f"{path}: lines 3–5 have one field more than the header")
    assert '"3,57" on line 3 looks like a decimal number split in two' in message
    assert "save the file with ';' as delimiter" in message


def test_quoted_decimal_commas_and_ragged_text_rows_are_fine(tmp_path: Path) -> None:
    lines = ["ean,name,price", '3401351277399,Soap,"3,57"', "0012345678905,Soap,2,extra"]
    table = read_table(write(tmp_path, "ok.csv", ("\n".join(lines) + "\n").encode("utf-8")))
    assert table.frame["price"].to_list() == ["3,57", "2"]


def test_diagnose_finds_nothing_in_a_clean_file() -> None:
    from pricelookup.sheets.csvfile import diagnose

    assert diagnose(FRENCH.encode("utf-8")) is None
    one = diagnose(b"a;b;c\n1;2;3\n4,5,6\n7;8;9\n")
    assert one == "the file is malformed: line 3 uses ',' where the rest of the file uses ';'"
