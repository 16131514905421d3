"""Icons for evidence files: a small picture of a photo, the file icon for anything else,
kept per attachment so that a list redraws without reading the files again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

from desktop_app.services.attachments import AttachmentInfo


class Thumbnails:
    def __init__(self, readable_copy: Callable[[AttachmentInfo], Path], size: int, widget: QWidget):
        self._copy = readable_copy  # the service's attachment_path
        self._size = size
        self._widget = widget  # whose style gives the file icon
        self._icons: dict[int, QIcon] = {}

    def __contains__(self, attachment_id: int) -> bool:
        """True when the attachment shows as a picture of itself."""
        return attachment_id in self._icons

    def clear(self) -> None:
        self._icons.clear()

    def icon(self, att: AttachmentInfo) -> QIcon:
        if att.id in self._icons:
            return self._icons[att.id]
        if att.is_image:
            try:
                pixmap = QPixmap(str(self._copy(att)))
            except OSError:
                pixmap = QPixmap()
            if not pixmap.isNull():
                icon = QIcon(
                    pixmap.scaled(
                        self._size,
                        self._size,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                self._icons[att.id] = icon
                return icon
        return self._widget.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
