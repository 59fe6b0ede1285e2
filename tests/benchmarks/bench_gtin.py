"""GTIN normalisation + validation of 1M codes already in memory (issue: <= 0.5 s).

Side by side in group "gtin":
* ``pricelookup check_column 1M codes`` — the vectorised path, target median <= 0.5 s;
* ``python-stdnum loop 1M codes`` — what an analyst would script today
  (``stdnum.ean.is_valid`` in a Python loop; it only says valid or not, no
  repair, no reason, no GTIN-14 key), shown as the baseline.

The data is a realistic mix (fixed seed, cached as parquet in the work folder):
valid EAN-13, UPC-A, codes whose leading zeros a spreadsheet dropped,
hyphenated/spaced codes, wrong check digits, whole floats ("...0"), blanks,
scientific notation and junk (#N/A, NULL, letters).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import polars as pl
from harness import Size, case

MIX = (  # (share, kind)
    (0.55, "ean13"),
    (0.12, "upc"),
    (0.08, "dropped_zeros"),
    (0.05, "separated"),
    (0.07, "bad_check"),
    (0.02, "whole_float"),
    (0.05, "blank"),
    (0.03, "scientific"),
    (0.03, "junk"),
)


def _check_digit(body: str) -> str:
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def _one(rng: random.Random, kind: str) -> str | None:
    def digits(k: int) -> str:
        return "".join(rng.choices("0123456789", k=k))

    if kind == "ean13":
        body = rng.choice(["3400", "3401", "376", "400", "500", "590", "800"])
        body += digits(12 - len(body))
        return body + _check_digit(body)
    if kind == "upc":
        body = rng.choice("0136789") + digits(10)
        return body + _check_digit(body)
    if kind == "dropped_zeros":
        body = "00" + rng.choice("123456789") + digits(9)
        return (body + _check_digit(body)).lstrip("0")
    if kind == "separated":
        body = "3401" + digits(8)
        code = body + _check_digit(body)
        sep = rng.choice(["-", " ", "\u00a0"])
        return f"{code[0]}{sep}{code[1:7]}{sep}{code[7:]}"
    if kind == "bad_check":
        body = "3401" + digits(8)
        return body + str((int(_check_digit(body)) + rng.randint(1, 9)) % 10)
    if kind == "whole_float":
        body = "3401" + digits(8)
        return body + _check_digit(body) + ".0"
    if kind == "blank":
        return rng.choice([None, "", "  "])
    if kind == "scientific":
        return f"3,{rng.randint(10000, 99999)}E+12"
    return rng.choice(["#N/A", "NULL", "abc123", "12345", "#REF!", "3401-ABC"])


def make_codes(n: int, work: Path) -> pl.Series:
    """``n`` codes in the documented mix, generated once and cached in ``work``."""
    cache = work / f"gtin_codes_{n}.parquet"
    if cache.exists():
        return pl.read_parquet(cache).to_series()
    rng = random.Random(20240201)
    kinds = [k for _, k in MIX]
    weights = [w for w, _ in MIX]
    values = [_one(rng, kind) for kind in rng.choices(kinds, weights=weights, k=n)]
    series = pl.Series("code", values, dtype=pl.String)
    work.mkdir(parents=True, exist_ok=True)
    pl.DataFrame({"code": series}).write_parquet(cache)
    return series


@case(group="gtin", name="pricelookup check_column 1M codes", baseline="python-stdnum loop 1M codes",
      max_seconds=0.5, note="vectorised; target <= 0.5 s for 1M codes")
def check_column_1m(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.gtin import check_column

    codes = make_codes(size.pick(full=1_000_000, smoke=2_000), work)
    check_column(codes.head(100))  # warm-up: polars thread pool and regex compilation, not timed

    def run() -> dict[str, float]:
        out = check_column(codes)
        return {"usable_share": float(out.get_column("gtin14").is_not_null().mean() or 0.0)}

    return run


@case(group="gtin", name="python-stdnum loop 1M codes", repeats=3,
      note="baseline: stdnum.ean.is_valid per value (valid/invalid only)")
def stdnum_loop_1m(size: Size, work: Path) -> Callable[[], object]:
    from stdnum import ean

    values = make_codes(size.pick(full=1_000_000, smoke=2_000), work).to_list()

    def run() -> dict[str, float]:
        valid = sum(1 for v in values if v is not None and ean.is_valid(v))
        return {"usable_share": valid / len(values)}

    return run


@case(group="gtin", name="pricelookup validate_table 1M rows", repeats=3,
      note="check_column + duplicates by GTIN-14 + reasons, as `validate` and a run use it")
def validate_table_1m(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.sheets import SheetTable
    from pricelookup.validation import validate_table

    codes = make_codes(size.pick(full=1_000_000, smoke=2_000), work)
    n = codes.len()
    table = SheetTable(
        path=work / "codes.xlsx", sheet="Sheet1", header_row=1, frame=pl.DataFrame({"EAN": codes}),
        row_numbers=pl.Series("row", range(2, n + 2), dtype=pl.Int64), code_column="EAN",
        code_column_reason="benchmark", sha256="0" * 64, sheets=("Sheet1",),
    )
    validate_table(SheetTable(**{**table.__dict__, "frame": table.frame.head(100),
                                 "row_numbers": table.row_numbers.head(100)}))  # warm-up

    def run() -> dict[str, float]:
        summary = validate_table(table).summary()
        return {"duplicates": float(summary.duplicates)}

    return run
