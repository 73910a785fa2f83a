"""A page whose content (and the modules behind it) is made when it is first needed.

The window's first paint then imports only what Today needs; the Journal and Alerts pages are
built the first time they are shown, or when an action asks for their content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

Content = TypeVar("Content", bound=QWidget)


class LazyPage(QWidget, Generic[Content]):
    def __init__(self, name: str, make: Callable[[], Content], parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self._make = make
        self._content: Content | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def made(self) -> bool:
        return self._content is not None

    def content(self) -> Content:
        """The page's content, made now if it was not yet."""
        if self._content is None:
            self._content = self._make()
            self._layout.addWidget(self._content)
            self.setFocusProxy(self._content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self.content()
        super().showEvent(event)
