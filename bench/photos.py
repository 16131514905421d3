"""Deterministic photo-like JPEGs: soft colour blobs under a fine grain, about 2 bits a
pixel at quality 85 (like a phone photo), so a 1 MB file is a 4-megapixel image."""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

from PIL import Image

BITS_PER_PIXEL = 1.94  # measured for GRAIN at QUALITY (Pillow 10–13)
GRAIN = 0.1
QUALITY = 85


def dimensions(target_bytes: int) -> tuple[int, int]:
    """A 4:3 image whose JPEG is about ``target_bytes``."""
    pixels = max(target_bytes * 8 / BITS_PER_PIXEL, 64 * 48)
    width = int(math.sqrt(pixels * 4 / 3)) // 16 * 16
    return width, width * 3 // 4


def make_jpeg(seed: int, target_bytes: int) -> bytes:
    """The same seed and size give the same bytes."""
    rng = random.Random(seed)
    width, height = dimensions(target_bytes)
    base = Image.frombytes("RGB", (8, 6), rng.randbytes(8 * 6 * 3))
    base = base.resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    out = io.BytesIO()
    Image.blend(base, grain, GRAIN).save(out, "JPEG", quality=QUALITY)
    return out.getvalue()


def file_sizes(count: int, total: int, seed: int) -> list[int]:
    """``count`` sizes of 70–130 % of the mean, adding up to about ``total``."""
    rng = random.Random(seed)
    weights = [rng.uniform(0.7, 1.3) for _ in range(count)]
    scale = total / sum(weights) if weights else 0
    return [int(w * scale) for w in weights]


def write_jpeg(job: tuple[int, int, str]) -> str:
    """(seed, size, target path) → the path written; run in a worker process."""
    seed, size, target = job
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_bytes(make_jpeg(seed, size))
    return target
