"""Settings: API keys (OS keyring only), a "Test connection" per service, language, data folder.

Keys go through :mod:`pricelookup.secrets` on the engine's thread pool (a
keyring call can hang on an unlock prompt) and are never read back into the
window: the field shows whether a key is stored, and typing replaces it. Other
settings persist with QSettings, which never sees a key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pricelookup.gui.bridge import EngineBridge
from pricelookup.gui.dialogs import show_error
from pricelookup.gui.messages import describe_error
from pricelookup.settings import SERVICE_NAMES, SERVICES

if TYPE_CHECKING:
    from pricelookup.secrets import KeyStatus

#: QSettings keys shared with the main window and app start-up
KEY_LANGUAGE = "ui/language"
KEY_DATA_DIR = "run/data_dir"


class SettingsDialog(QDialog):
    """Keys and general settings. ``open()`` it; it saves on OK."""

    def __init__(self, bridge: EngineBridge, settings: QSettings, *, sandbox: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._bridge = bridge
        self._settings = settings
        self._sandbox = sandbox
        self._stored: dict[str, bool] = {}
        self._pending_clear: set[str] = set()
        self.key_edits: dict[str, QLineEdit] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self.status_labels: dict[str, QLabel] = {}

        tabs = QTabWidget()
        tabs.addTab(self._keys_tab(), self.tr("Keys"))
        tabs.addTab(self._general_tab(), self.tr("General"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(640, 360)
        self._bridge.key_statuses(on_done=self._show_stored, on_error=self._keyring_problem)

    # --- keys -------------------------------------------------------------------------------

    def _keys_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        intro = QLabel(self.tr("Keys are kept in your system's keyring, never in a file. "
                               "Leave a field empty to keep the stored key."))
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 4)
        if self._sandbox:
            note = QLabel(self.tr("Sandbox mode is on: “Test connection” checks against the simulated services."))
            note.setWordWrap(True)
            grid.addWidget(note, 1, 0, 1, 4)
        for row, service in enumerate(SERVICES, start=2):
            label = QLabel(SERVICE_NAMES[service] + ":")
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self.tr("checking…"))
            edit.setToolTip(self.tr("Paste the {service} key here").format(service=SERVICE_NAMES[service]))
            label.setBuddy(edit)
            test = QPushButton(self.tr("Test connection"))
            test.setToolTip(self.tr("Make one small call to {service} with this key").format(service=SERVICE_NAMES[service]))
            clear = QPushButton(self.tr("Forget"))
            clear.setToolTip(self.tr("Remove the stored {service} key from the keyring").format(service=SERVICE_NAMES[service]))
            status = QLabel()
            status.setWordWrap(True)
            status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(edit, row * 2, 1)
            grid.addWidget(test, row * 2, 2)
            grid.addWidget(clear, row * 2, 3)
            grid.addWidget(status, row * 2 + 1, 1, 1, 3)
            test.clicked.connect(lambda _=False, s=service: self.test_connection(s))
            clear.clicked.connect(lambda _=False, s=service: self._forget(s))
            self.key_edits[service] = edit
            self.test_buttons[service] = test
            self.status_labels[service] = status
        grid.setColumnStretch(1, 1)
        return page

    def _show_stored(self, statuses: dict[str, KeyStatus]) -> None:
        # per service: is there a key, and where it comes from in words (never the key)
        stored = {service: (status.source != "missing", status.source) for service, status in statuses.items()}
        self._stored = {service: present for service, (present, _source) in stored.items()}
        for service, edit in self.key_edits.items():
            present, source = stored.get(service, (False, "missing"))
            if source == "environment":
                text = self.tr("set by an environment variable")
            elif present:
                text = self.tr("stored in the keyring")
            else:
                text = self.tr("not set")
            edit.setPlaceholderText(text)

    def _keyring_problem(self, exc: BaseException) -> None:
        message = describe_error(exc)
        for edit in self.key_edits.values():
            edit.setPlaceholderText(self.tr("keyring not available"))
        self.status_labels[SERVICES[0]].setText(message.full_text())

    def _forget(self, service: str) -> None:
        self._pending_clear.add(service)
        self.key_edits[service].clear()
        self.key_edits[service].setPlaceholderText(self.tr("will be removed when you press OK"))

    def test_connection(self, service: str) -> None:
        """Check the typed key (or the stored one) with one call on the engine thread."""
        typed = self.key_edits[service].text().strip() or None
        label = self.status_labels[service]
        if typed is None and not self._stored.get(service) and not self._sandbox:
            label.setText(self.tr("No key yet: paste the {service} key in the field first.").format(
                service=SERVICE_NAMES[service]))
            return
        key = typed or ("sandbox" if self._sandbox and not self._stored.get(service) else None)
        label.setText(self.tr("Testing…"))
        self.test_buttons[service].setEnabled(False)

        def done(text: Any) -> None:
            self.test_buttons[service].setEnabled(True)
            label.setText("✔ " + self.tr("Connected: the key works."))
            label.setToolTip(str(text))  # the service's own details (in English)

        def failed(exc: BaseException) -> None:
            self.test_buttons[service].setEnabled(True)
            label.setText("✘ " + describe_error(exc).full_text())

        self._bridge.test_connection(service, key, sandbox=self._sandbox, on_done=done, on_error=failed)

    # --- general ------------------------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("Français", "fr")
        self.language.setCurrentIndex(max(0, self.language.findData(self._settings.value(KEY_LANGUAGE, "system"))))
        language_note = QLabel(self.tr("A new language applies the next time Price Lookup starts."))
        language_note.setWordWrap(True)
        self.data_dir = QLineEdit(str(self._settings.value(KEY_DATA_DIR, "") or ""))
        self.data_dir.setPlaceholderText(self.tr("default folder"))
        self.data_dir.setToolTip(self.tr("Where the run journal is kept (lets runs resume and avoids paying twice)"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_data_dir)
        row = QHBoxLayout()
        row.addWidget(self.data_dir, 1)
        row.addWidget(browse)
        self.remember_files = QCheckBox(self.tr("Remember recently opened files"))
        self.remember_files.setChecked(bool(self._settings.value("ui/remember_recent", True, type=bool)))
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", language_note)
        form.addRow(self.tr("Journal folder:"), row)
        form.addRow(self.remember_files)
        return page

    def _choose_data_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Journal folder"), self.data_dir.text())
        if folder:
            self.data_dir.setText(folder)

    # --- save ----------------------------------------------------------------------------------

    def _save(self) -> None:
        self._settings.setValue(KEY_LANGUAGE, self.language.currentData())
        self._settings.setValue(KEY_DATA_DIR, self.data_dir.text().strip())
        self._settings.setValue("ui/remember_recent", self.remember_files.isChecked())
        if not self.remember_files.isChecked():
            self._settings.remove("ui/recent_files")
        changes: dict[str, str | None] = {service: None for service in self._pending_clear}
        for service, edit in self.key_edits.items():
            if edit.text().strip():
                changes[service] = edit.text().strip()
        if changes:
            parent = self.parentWidget()
            action = self.tr("Saving the keys")

            def failed(exc: BaseException) -> None:
                show_error(parent, describe_error(exc, action=action))

            self._bridge.save_keys(changes, on_done=lambda _r: None, on_error=failed)
        self.accept()
