"""Photo thumbnails for the documents.

A photo is decoded at the size it will be printed, not at its full size (JPEG's draft
mode decodes at 1/2, 1/4 or 1/8 scale straight from the compressed data: a 12-megapixel
photo printed 4 cm wide is read about 30 times faster), turned upright by its EXIF
orientation, scaled to fit with its aspect kept, and encoded small. With a cache folder
the result is kept there, named by the photo's bytes and everything that shapes the
thumbnail, so each photo of the store is scaled once, not at every export.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

from desktop_app import file_modes, leftovers
from desktop_app.leftovers import INCOMING

# EXIF orientations that turn the picture a quarter: its width and height swap
_QUARTER_TURNS = (5, 6, 7, 8)
_ORIENTATION_TAG = 0x0112
CACHE_FORMAT = "1"  # change when the way thumbnails are made changes


def _cache_name(path: Path, target: tuple[int, int], quality: int) -> str:
    from PIL import __version__ as pil_version

    stat = path.stat()
    # a store file is named by its sha256; any other file by its path, size and time
    source = (
        path.name if len(path.name) == 64 else f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    )
    key = f"{CACHE_FORMAT}|{pil_version}|{source}|{target[0]}x{target[1]}|{quality}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _read_cache(folder: Path, name: str) -> bytes | None:
    try:
        return (folder / name[:2] / name).read_bytes()
    except OSError:
        return None


def _write_cache(folder: Path, name: str, data: bytes) -> None:
    """Written to a temporary name and renamed; a cache that cannot be written (a
    read-only database folder) is simply not kept."""
    target = folder / name[:2] / name
    try:
        file_modes.private_folder(target.parent)  # in the store: the user's alone
        handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=leftovers.tagged(INCOMING))
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        finally:
            leftovers.remove(Path(tmp))
    except OSError:
        pass


def thumbnail_bytes(
    path: Path,
    max_w: float,
    max_h: float,
    *,
    dpi: int,
    quality: int,
    cache: Path | None = None,
) -> tuple[tuple[float, float], bytes] | None:
    """((width, height) in points, JPEG or PNG bytes) of the picture at ``path`` scaled to
    fit ``max_w`` × ``max_h`` points at ``dpi``; None when it is missing or not a readable
    image."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    path = Path(path)
    try:
        with PILImage.open(path) as source:
            width_px, height_px = source.size
            orientation = source.getexif().get(_ORIENTATION_TAG, 1)
            if orientation in _QUARTER_TURNS:
                width_px, height_px = height_px, width_px
            if not width_px or not height_px:
                return None
            scale = min(max_w / width_px, max_h / height_px)
            draw = (width_px * scale, height_px * scale)
            target = (
                max(1, round(draw[0] / 72 * dpi)),
                max(1, round(draw[1] / 72 * dpi)),
            )
            name = _cache_name(path, target, quality) if cache is not None else ""
            if cache is not None:
                kept = _read_cache(cache, name)
                if kept is not None:
                    return draw, kept
            if source.format == "JPEG" and target[0] < width_px:
                box = (target[1], target[0]) if orientation in _QUARTER_TURNS else target
                source.draft("RGB", box)  # decode at the smallest scale still >= box
            picture = ImageOps.exif_transpose(source)
            picture.load()
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        return None
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or (
        picture.mode == "P" and "transparency" in picture.info
    )
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    if target[0] < picture.size[0]:
        picture = picture.resize(target, PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    if has_alpha:
        picture.save(out, format="PNG", optimize=False)
    else:
        picture.save(out, format="JPEG", quality=quality)
    data = out.getvalue()
    if cache is not None:
        _write_cache(cache, name, data)
    return draw, data
