"""Test-wide settings: headless Qt, and no test ever touches the user's real folders.

Every path the app derives from platformdirs (journal, logs, QSettings) is
pointed at a throw-away folder for the session, so a test run can neither read
nor damage an analyst's journal or settings.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="pricelookup-tests-"))
for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                 ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
    os.environ[var] = str(_SESSION_HOME / sub)
os.environ["PRICELOOKUP_DATA_DIR"] = str(_SESSION_HOME / "journal")
# Keys must never come from the developer's environment during tests.
for var in ("PRICELOOKUP_PRICEAPI_TOKEN", "PRICELOOKUP_OFFICISCAN_KEY",
            "PRICELOOKUP_MONITORIZE_KEY", "PRICELOOKUP_SNIPCART_KEY"):
    os.environ.pop(var, None)
