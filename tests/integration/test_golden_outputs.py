"""The demo's bundles and documents are the bytes recorded before the redesign of issue
17 (tests/golden_outputs.py says how they are made and recorded): moving code changes
nothing a user or the bureau receives."""

from __future__ import annotations

import json

from tests.golden_outputs import RECORDED, font_digest, outputs


def test_the_demo_gives_the_recorded_bundles_and_documents(tmp_path):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert font_digest() == recorded["font"], (
        "the PDFs embed the Chinese font, and this machine's is not the one the digests "
        "were recorded with (fonts-wqy-microhei, as packaging/dev.sh installs it)"
    )
    made = outputs(tmp_path)
    assert sorted(made) == sorted(recorded["outputs"])
    changed = [name for name, digest in made.items() if recorded["outputs"][name] != digest]
    assert changed == []
