"""Message boxes that never block the event loop.

Every box is shown with ``open()`` (window-modal, asynchronous) instead of
``exec()``: the engine keeps reporting while a question is on screen, and
tests can find the box and press its buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from pricelookup.gui.messages import UserMessage

Answer = Callable[[QMessageBox.StandardButton | QMessageBox.ButtonRole | object], None]


def show_error(parent: QWidget | None, message: UserMessage) -> QMessageBox:
    """Show what went wrong and what to do next; returns the (open) box."""
    box = QMessageBox(QMessageBox.Icon.Warning, message.title, message.text,
                      QMessageBox.StandardButton.Ok, parent)
    if message.next_step:
        box.setInformativeText(message.next_step)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("error_box")
    box.open()
    return box


def show_info(parent: QWidget | None, title: str, text: str, informative: str | None = None) -> QMessageBox:
    """A non-blocking information box."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    if informative:
        box.setInformativeText(informative)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(parent: QWidget | None, title: str, text: str, choices: list[tuple[str, QMessageBox.ButtonRole]],
        on_answer: Callable[[int], None], *, informative: str | None = None, default: int = 0,
        object_name: str = "question_box") -> QMessageBox:
    """Ask a question with custom buttons; ``on_answer(i)`` gets the index of the chosen button.

    Closing the box with Esc or the title bar counts as the button with the
    RejectRole (or the last one).
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(object_name)
    if informative:
        box.setInformativeText(informative)
    buttons = [box.addButton(label, role) for label, role in choices]
    box.setDefaultButton(buttons[default])
    reject = next((b for b, (_l, role) in zip(buttons, choices, strict=True)
                   if role == QMessageBox.ButtonRole.RejectRole), buttons[-1])
    box.setEscapeButton(reject)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        clicked = box.clickedButton()
        on_answer(buttons.index(clicked) if clicked in buttons else buttons.index(reject))

    box.finished.connect(finished)
    box.open()
    return box
