"""The demo's bundles and documents are the bytes recorded before the redesign of issue
17 (tests/golden_outputs.py says how they are made and recorded): moving code changes
nothing a user or the bureau receives. On a school server (PostgreSQL, issue 18) the same
records give the same bytes: the same recorded digests, on both backends."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text

from desktop_app.bundle.verify import verify
from tests.conftest import BOTH
from tests.golden_outputs import RECORDED, font_digest, outputs

BACKENDS = BOTH


def test_the_demo_gives_the_recorded_bundles_and_documents(tmp_path, backend, request):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert font_digest() == recorded["font"], (
        "the PDFs embed the Chinese font, and this machine's is not the one the digests "
        "were recorded with (fonts-wqy-microhei, as packaging/dev.sh installs it)"
    )
    address = None
    if backend == "postgresql":  # an empty database: the demo builder gives its schema
        cluster = request.getfixturevalue("postgres_cluster")
        # sorting text as a Chinese school's server would (pinyin), not by bytes as
        # SQLite does: an ORDER BY on text would show here
        cluster.execute(
            "CREATE DATABASE golden TEMPLATE template0 ENCODING 'UTF8' "
            "LOCALE_PROVIDER icu ICU_LOCALE 'zh-u-co-pinyin' LOCALE 'C.UTF-8'"
        )
        address = cluster.url("golden")
        engine = create_engine(address)
        with engine.connect() as connection:  # 李 (lǐ) before 张 (zhāng); by bytes after
            assert connection.scalar(text("SELECT '李' < '张'"))
        engine.dispose()
    try:
        made = outputs(tmp_path, address)
    finally:
        if address is not None:
            cluster.drop_database(address)
    assert sorted(made) == sorted(recorded["outputs"])
    changed = [name for name, digest in made.items() if recorded["outputs"][name] != digest]
    assert changed == []
    bundles = sorted((tmp_path / "inbox").glob("bundle-*.zip"))
    assert len(bundles) == sum(1 for name in made if name.startswith("bundle-")) > 0
    assert [b.name for b in bundles if not verify(b).valid] == []
