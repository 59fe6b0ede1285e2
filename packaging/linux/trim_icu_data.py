#!/usr/bin/env python3
"""Shrink the bundle's ICU data library (libicudata.so.NN, 32 MB) to what Qt Core uses, for en/fr.

    python3 packaging/linux/trim_icu_data.py dist/pricelookup/_internal/PySide6/Qt/lib/libicudata.so.73

Why: PySide6's Qt Core links ICU 73, whose libicudata.so.73 is nothing but one
32 MB blob, the "common data" package (the exported symbol icudt73_dat): every
locale's names, calendars, currencies, units, spell-out rules and collation
tailorings, ~190 legacy converters, the Chinese/Japanese/Thai/... break
dictionaries, transliterators. The bundle has to fit in 250 MB (issue #8). Qt Core
is the only binary in the bundle that links ICU, and its imports from ICU (`nm -D
libQt6Core.so.6 | grep _73`) are exactly:

* ucol_*   QCollator                        -> coll/ tree (root + the locale's tailoring) and ucadata.icu
* ucnv_*   QStringConverter by name         -> cnvalias.icu + the converters' *.cnv tables (UTF-*,
                                               ISO-8859-1 and US-ASCII are algorithmic: no table)
* ucal_*   QTimeZone display names          -> zone/ tree, the locale bundles, metaZones, zoneinfo64, ...
* u_strToUpper/Lower   QLocale::toUpper     -> built into libicuuc's code (no data item)

The app speaks English and French. So this keeps: the root/en*/fr* locale bundles
of the top level, coll/ and zone/; every non-locale item of those (supplemental
data, time zones, pool.res, res_index.res, ucadata.icu); the normalisation data
(nfkc*.nrm, uts46.nrm) and unames.icu (small, used inside ICU); cnvalias.icu and
the Western European single-byte converters (windows-1252, ISO-8859-15, IBM850/858/437,
macintosh). It drops the trees no Qt call reaches (brkitr: break iterators and
their CJK/Thai/... dictionaries, translit, rbnf, curr, lang, region, unit), every
other locale, every other converter, the StringPrep profiles (*.spp) and the
spoof-checker data (confusables.cfu). Locales that are gone fall back the usual ICU
way (parent, default locale, root): a German user's QCollator("de") sorts by the
root order, which is the German order anyway. res_index.res still lists every
locale (it only serves "which locales exist" enumerations, which Qt does not make).

How:
1. find the symbol icudtNN_dat in .dynsym, map its address to a file offset through
   the section headers, cut the blob out and check it is an ICU common-data package
   (magic 0xda27, little-endian, ASCII, format "CmnD");
2. `icupkg -r` removes the items (icu-devtools; Debian 12's is ICU 72 but the .dat
   package format is the same: without --ignore-deps it also refuses to drop an item a
   kept one depends on); every kept item is then extracted from both packages and
   compared byte for byte (icupkg must not have rewritten ICU 73 data);
3. a one-line assembler file (`.incbin`) and `gcc -shared -nostdlib` make a new
   libicudata.so.NN with the same SONAME exporting icudtNN_dat (libicuuc imports it
   unversioned; the original has no symbol versioning either); the blob is read back
   from the new library and compared with the trimmed package before it replaces the
   original.

Idempotent: on an already trimmed library it changes nothing. Needs python3, icupkg,
gcc (+ binutils). The frozen program's own check (pricelookup_packaging_check.py,
run by smoke.sh) then exercises collation, converters, time-zone names and case
mapping through Qt.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGS = ("root", "en", "fr")
# Trees kept: the top level ("") and the ones Qt's ICU calls read.
KEEP_TREES = ("", "coll", "zone")
# Legacy converters kept (their *.cnv tables); found with `uconv -l`:
KEEP_CONVERTERS = {
    "ibm-5348_P100-1997",  # windows-1252, cp1252
    "ibm-1252_P100-2000",  # ibm-1252 (IBM's windows-1252)
    "ibm-923_P100-1998",  # ISO-8859-15, Latin-9
    "ibm-850_P100-1995",  # IBM850, cp850 (DOS Western Europe: old French CSV exports)
    "ibm-858_P100-1997",  # IBM00858, cp858 (cp850 + euro)
    "ibm-437_P100-1995",  # IBM437, cp437
    "macos-0_2-10.2",  # macintosh, MacRoman
}
# Top-level data that no Qt call reaches: StringPrep profiles (usprep/IDNA2003), spoof checker.
DROP_SUFFIXES = (".spp", ".cfu")
LOCALE_RE = re.compile(r"^(?P<lang>[a-z]{2,3}|root)(_[A-Za-z0-9]*)*\.res$")


def say(msg: str) -> None:
    print(f"[trim_icu_data] {msg}", file=sys.stderr, flush=True)


def die(msg: str) -> None:
    print(f"[trim_icu_data] ERROR: {msg}", file=sys.stderr, flush=True)
    raise SystemExit(1)


# --------------------------------------------------------------------------- ELF
def elf_data_symbol(data: bytes) -> tuple[str, str, int, int]:
    """(soname, symbol name, file offset, size) of the exported icudtNN_dat in an ELF64 little-endian library."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        die("not a 64-bit little-endian ELF file")
    e_shoff, = struct.unpack_from("<Q", data, 0x28)
    e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(e_shnum):
        (_name, sh_type, _flags, sh_addr, sh_offset, sh_size, sh_link, _info, _align,
         sh_entsize) = struct.unpack_from("<IIQQQQIIQQ", data, e_shoff + i * e_shentsize)
        sections.append((sh_type, sh_addr, sh_offset, sh_size, sh_link, sh_entsize))
    SHT_DYNSYM, SHT_DYNAMIC, DT_SONAME = 11, 6, 14

    def cstr(strtab: int, off: int) -> str:
        start = sections[strtab][2] + off
        return data[start:data.index(b"\0", start)].decode()

    found = []
    soname = ""
    for sh_type, _addr, off, size, link, entsize in sections:
        if sh_type == SHT_DYNSYM:
            for j in range(size // entsize):
                st_name, _info, _other, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", data, off + j * entsize)
                name = cstr(link, st_name)
                if re.fullmatch(r"icudt\d+_dat", name) and st_shndx != 0:
                    sec = sections[st_shndx]
                    found.append((name, sec[2] + (st_value - sec[1]), st_size))
        elif sh_type == SHT_DYNAMIC:
            for j in range(size // 16):
                tag, val = struct.unpack_from("<qQ", data, off + j * 16)
                if tag == DT_SONAME:
                    soname = cstr(link, val)
    if len(found) != 1:
        die(f"expected one exported icudtNN_dat symbol, found {[f[0] for f in found]}")
    if not soname:
        die("no SONAME")
    name, offset, size = found[0]
    return soname, name, offset, size


def check_common_data(blob: bytes) -> None:
    """An ICU common-data package for little-endian ASCII machines (DataHeader + UDataInfo, format "CmnD")."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    is_big_endian, charset_family = blob[8], blob[9]
    fmt = blob[12:16]
    if (magic1, magic2) != (0xDA, 0x27) or fmt != b"CmnD" or is_big_endian or charset_family or header_size < 20:
        die(f"not an ICU little-endian common data package (magic {magic1:#x}{magic2:02x}, format {fmt!r})")


# --------------------------------------------------------------------------- selection
def keep_item(item: str) -> bool:
    tree, _, name = item.rpartition("/")
    if tree not in KEEP_TREES:
        return False
    m = LOCALE_RE.match(name)
    if m:
        return m.group("lang") in KEEP_LANGS
    if tree == "" and name.endswith(".cnv"):
        return name[:-4] in KEEP_CONVERTERS
    return not name.endswith(DROP_SUFFIXES)


def icupkg(*args: str) -> None:
    proc = subprocess.run(["icupkg", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        lines = proc.stdout.splitlines()
        more = f"\n... ({len(lines) - 40} more lines)" if len(lines) > 40 else ""
        die(f"icupkg {' '.join(args)} failed (exit {proc.returncode}):\n" + "\n".join(lines[:40]) + more)


def list_items(pkg: Path, work: Path) -> list[str]:
    out = work / f"{pkg.name}.list"
    icupkg("-l", "-o", str(out), str(pkg))
    return [line.strip() for line in out.read_text().splitlines() if line.strip()]


# --------------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("library", type=Path, help="libicudata.so.NN to shrink in place")
    ap.add_argument("--work", type=Path, help="work folder, emptied first and kept (default: a temporary one, removed)")
    args = ap.parse_args()
    lib: Path = args.library
    for tool in ("icupkg", "gcc"):
        if not shutil.which(tool):
            die(f"{tool} not found (Debian: apt-get install {'icu-devtools' if tool == 'icupkg' else 'gcc'})")

    raw = lib.read_bytes()
    soname, symbol, offset, size = elf_data_symbol(raw)
    blob = raw[offset:offset + size]
    check_common_data(blob)
    version = re.fullmatch(r"icudt(\d+)_dat", symbol).group(1)
    say(f"{lib.name}: SONAME {soname}, {symbol} {size / 1e6:.1f} MB at file offset {offset:#x}")

    work = args.work or Path(tempfile.mkdtemp(prefix="trim-icu."))
    if args.work:  # start clean: kept for inspection (remove.txt, keep.txt, the packages) until the next run
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    try:
        orig = work / f"icudt{version}l.dat"  # icupkg expects the package's own name (its items' prefix)
        orig.write_bytes(blob)
        items = list_items(orig, work)
        drop = [i for i in items if not keep_item(i)]
        kept = [i for i in items if keep_item(i)]
        if not drop:
            say(f"nothing to remove ({len(items)} items): already trimmed")
            return 0
        (work / "remove.txt").write_text("\n".join(drop) + "\n")
        trimmed_dir = work / "out"
        trimmed_dir.mkdir(exist_ok=True)
        trimmed = trimmed_dir / orig.name
        # -c: keep ICU's copyright notice in the package header, as the original has it.
        icupkg("-c", "-r", str(work / "remove.txt"), str(orig), str(trimmed))

        # Kept items must be byte-identical (icupkg 72 copies, never rewrites, same-platform ICU 73 items).
        if sorted(list_items(trimmed, work)) != sorted(kept):
            die("the trimmed package does not hold exactly the kept items")
        (work / "keep.txt").write_text("\n".join(kept) + "\n")
        for pkg, dest in ((orig, work / "x-orig"), (trimmed, work / "x-trim")):
            dest.mkdir(exist_ok=True)
            icupkg("-d", str(dest), "-x", str(work / "keep.txt"), str(pkg))
        differ = [i for i in kept if not filecmp.cmp(work / "x-orig" / i, work / "x-trim" / i, shallow=False)]
        if differ:
            die(f"icupkg changed kept items: {differ[:10]}")
        new_blob = trimmed.read_bytes()
        check_common_data(new_blob)

        # The new library: the package as read-only data under the same symbol and SONAME.
        asm = work / "icudata.S"
        asm.write_text(
            "/* ICU common data, trimmed by packaging/linux/trim_icu_data.py */\n"
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            "\t.balign 16\n"  # ICU wants its data 16-byte aligned
            f"{symbol}:\n"
            f"\t.incbin \"{trimmed}\"\n"
            f"\t.size {symbol}, . - {symbol}\n"
            "\t.section .note.GNU-stack,\"\",@progbits\n"
        )
        out = work / soname
        subprocess.run(["gcc", "-shared", "-nostdlib", "-o", str(out), str(asm), f"-Wl,-soname,{soname}",
                        "-Wl,-z,noexecstack", "-Wl,--build-id", "-s"], check=True)
        soname2, symbol2, offset2, size2 = elf_data_symbol(out.read_bytes())
        if (soname2, symbol2) != (soname, symbol) or out.read_bytes()[offset2:offset2 + size2] != new_blob:
            die(f"the new {out.name} does not export the trimmed package as {symbol}")

        mode = lib.stat().st_mode & 0o777
        tmp = lib.with_name(lib.name + ".trimmed")
        shutil.copyfile(out, tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, lib)
        say(f"{lib.name}: {len(raw) / 1e6:.1f} MB -> {lib.stat().st_size / 1e6:.1f} MB; "
            f"kept {len(kept)} of {len(items)} items ({len(new_blob) / 1e6:.1f} MB of data)")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
