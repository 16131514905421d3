"""Icons for evidence files: a small picture of a photo, the file icon for anything else,
kept per attachment so that a list redraws without reading the files again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QStyle, QWidget

from desktop_app.services.attachments import AttachmentInfo


class Thumbnails:
    """``icon(attachment)``: decoded at about the icon's size (a JPEG is scaled while it
    is decoded, not after: a 12-megapixel photo costs a few milliseconds, not fifty),
    upright by its EXIF orientation."""

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
                image = self._read_small(self._copy(att))
            except OSError:
                image = QImage()
            if not image.isNull():
                icon = QIcon(
                    QPixmap.fromImage(image).scaled(
                        self._size,
                        self._size,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                self._icons[att.id] = icon
                return icon
        return self._widget.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def _read_small(self, path: Path) -> QImage:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        full = reader.size()
        if full.isValid() and max(full.width(), full.height()) > 2 * self._size:
            # twice the icon's size, for a smooth final scaling (and high-DPI screens)
            reader.setScaledSize(
                full.scaled(2 * self._size, 2 * self._size, Qt.AspectRatioMode.KeepAspectRatio)
            )
        return reader.read()
