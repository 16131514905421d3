"""Thumbnails: decoded at the printed size, upright, cached by the photo's bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage

from desktop_app.documents.engine.thumbs import thumbnail_bytes


def photo(path: Path, size=(2400, 1600), orientation: int | None = None) -> Path:
    # a left half red and a right half blue, to see which way the picture was turned
    image = PILImage.new("RGB", size, (220, 20, 20))
    image.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    if orientation:
        exif = PILImage.Exif()
        exif[0x0112] = orientation
        image.save(path, format="JPEG", quality=90, exif=exif)
    else:
        image.save(path, format="JPEG", quality=90)
    return path


def decoded(data: bytes) -> PILImage.Image:
    return PILImage.open(io.BytesIO(data)).convert("RGB")


def test_a_big_jpeg_is_scaled_to_the_printed_size(tmp_path):
    made = thumbnail_bytes(photo(tmp_path / "p.jpg"), 144, 144, dpi=150, quality=80)
    assert made is not None
    (w, h), data = made
    assert (w, h) == pytest.approx((144, 96))
    picture = decoded(data)
    assert picture.size == (300, 200)  # 2 inches × 150 dpi
    left, right = picture.getpixel((20, 100)), picture.getpixel((280, 100))
    assert left[0] > 150 and right[2] > 150


def test_a_turned_jpeg_comes_out_upright(tmp_path):
    # orientation 6: the camera was turned; the picture is shown rotated a quarter clockwise
    made = thumbnail_bytes(photo(tmp_path / "p.jpg", orientation=6), 144, 144, dpi=150, quality=80)
    (w, h), data = made
    assert (w, h) == pytest.approx((96, 144))
    picture = decoded(data)
    assert picture.size == (200, 300)
    top, bottom = picture.getpixel((100, 20)), picture.getpixel((100, 280))
    assert top[0] > 150 and bottom[2] > 150  # red (the left) is now on top


def test_the_cache_is_used_and_keyed_by_size(tmp_path):
    store = tmp_path / "files"
    store.mkdir()
    source = photo(store / ("ab" * 32))  # named like a store file: by its sha256
    cache = tmp_path / "thumbs"
    first = thumbnail_bytes(source, 144, 144, dpi=150, quality=80, cache=cache)
    kept = [p for p in cache.rglob("*") if p.is_file()]
    assert len(kept) == 1 and kept[0].read_bytes() == first[1]
    kept[0].write_bytes(b"from the cache")
    again = thumbnail_bytes(source, 144, 144, dpi=150, quality=80, cache=cache)
    assert again == (first[0], b"from the cache")
    other = thumbnail_bytes(source, 72, 72, dpi=150, quality=80, cache=cache)
    assert other[1] != b"from the cache"
    assert len([p for p in cache.rglob("*") if p.is_file()]) == 2


def test_a_cache_that_cannot_be_written_does_not_matter(tmp_path):
    blocker = tmp_path / "thumbs"
    blocker.write_text("a file where the folder should be")
    made = thumbnail_bytes(photo(tmp_path / "p.jpg"), 144, 144, dpi=150, quality=80, cache=blocker)
    assert made is not None and decoded(made[1]).size == (300, 200)


def test_not_an_image_gives_none(tmp_path):
    bad = tmp_path / "p.jpg"
    bad.write_bytes(b"not a jpeg at all")
    assert thumbnail_bytes(bad, 100, 100, dpi=150, quality=80) is None
    assert thumbnail_bytes(tmp_path / "gone.jpg", 100, 100, dpi=150, quality=80) is None
