"""Where the journal lives: --data-dir > $PRICELOOKUP_DATA_DIR > the platform's user data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from pricelookup import paths


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRICELOOKUP_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert paths.data_dir(None) == tmp_path / "env"
    assert paths.journal_path(None) == tmp_path / "env" / "journal.sqlite3"
    assert paths.run_dir("r1", tmp_path / "flag") == tmp_path / "flag" / "runs" / "r1"
    monkeypatch.delenv("PRICELOOKUP_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    default = paths.data_dir(None)
    assert default.name == "pricelookup"
    assert not default.exists()  # resolving a path never creates it
    assert paths.log_dir().name in ("pricelookup", "log")
