"""A bundle's documents are kept between exports while the records stay the same: the
second export of a period typesets nothing, gives the same bytes, and anything that could
make a kept document wrong (a changed record, the other masking, a damaged file) makes it
again. The cache is in the database: on SQLite and on a server alike."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.bundle.verify import verify
from desktop_app.documents.bundle import cache as document_cache
from desktop_app.documents.bundle import export as bundle_export
from desktop_app.documents.bundle.export import BundleExport
from desktop_app.services.app import AppServices
from desktop_app.services.growth import RecordInput
from desktop_app.store import files
from tests.conftest import BOTH, TODAY
from tests.integration.test_bundle_export import activity, member

BACKENDS = BOTH


def rows(services, sql: str, **params) -> list:
    with services.db.engine.connect() as connection:
        return connection.execute(text(sql), params).all()


def execute(services, sql: str, **params) -> None:
    with services.db.engine.begin() as connection:
        connection.execute(text(sql), params)


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """Every document made (typeset or written), by its path in the bag."""
    made: list[str] = []

    def counting(part: bundle_export.Part) -> bundle_export.Part:
        def files(ctx):
            out = []
            for f in part.files(ctx):

                def make(target, f=f):
                    made.append(f.path)
                    return f.make(target)

                out.append(bundle_export.PartFile(f.path, f.description, make))
            return out

        return bundle_export.Part(part.name, files)

    monkeypatch.setattr(bundle_export, "PARTS", [counting(p) for p in bundle_export.PARTS])
    return made


@pytest.fixture
def studio(services):
    member(services, "王芳")
    activity(services)
    return services


def test_the_second_export_typesets_nothing_and_gives_the_same_bytes(studio, counted, tmp_path):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    bundle.export(period, tmp_path / "1.zip")
    first = list(counted)
    assert any(name.endswith(".pdf") for name in first)
    counted.clear()
    bundle.export(period, tmp_path / "2.zip")
    assert counted == []
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()
    assert verify(tmp_path / "2.zip").valid


def test_a_changed_record_makes_the_documents_again(studio, counted, tmp_path):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    one = bundle.export(period, tmp_path / "1.zip")
    studio.growth.add_record(
        studio.members.roster()[0].membership_id,
        RecordInput(kind="paper", date=dt.date(2026, 10, 1), title="浅谈班级公约"),
    )
    counted.clear()
    two = bundle.export(period, tmp_path / "2.zip")
    assert counted and two.sha256 != one.sha256
    assert verify(tmp_path / "2.zip").valid


def test_the_unmasked_export_never_reuses_the_masked_documents(studio, counted, tmp_path):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    bundle.export(period, tmp_path / "masked.zip")
    counted.clear()
    bundle.export(period, tmp_path / "full.zip", unmasked=True)
    assert counted  # made again, not taken from the masked export
    assert b"13812345678" in roster_text(tmp_path / "full.zip")
    assert b"13812345678" not in roster_text(tmp_path / "masked.zip")


def roster_text(bundle: Path) -> bytes:
    """The XML of the roster workbook inside a bundle."""
    import io

    with zipfile.ZipFile(bundle) as archive:
        name = next(n for n in archive.namelist() if n.endswith("成员名册.xlsx"))
        with zipfile.ZipFile(io.BytesIO(archive.read(name))) as workbook:
            return b"".join(workbook.read(n) for n in workbook.namelist() if n.endswith(".xml"))


def test_a_damaged_kept_document_is_made_again(studio, counted, tmp_path):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    bundle.export(period, tmp_path / "1.zip")
    kept = rows(studio, "SELECT name FROM cached_document WHERE relative LIKE '%.pdf'")
    assert kept
    execute(
        studio,
        "UPDATE cached_document_chunk SET data = :d WHERE name = :n AND n = 0",
        d=b"%PDF-1.4 damaged",
        n=kept[0][0],
    )
    counted.clear()
    bundle.export(period, tmp_path / "2.zip")
    assert len(counted) == 1
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()


def test_a_cache_that_cannot_be_written_does_not_stop_the_export(studio, tmp_path):
    execute(studio, "DROP TABLE cached_document_chunk")
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    bundle.export(period, tmp_path / "1.zip")
    assert verify(tmp_path / "1.zip").valid


def test_a_read_only_database_exports_and_keeps_nothing(tmp_path, monkeypatch):
    """SQLite only: a file that cannot be written (a server database is never opened so)."""
    from desktop_app.store import faults
    from tests.conftest import jiangyin_studio

    path = tmp_path / "db.sqlite3"
    services = AppServices.open(path, today=lambda: TODAY)
    services.studio.create(jiangyin_studio())
    member(services, "王芳")
    activity(services)
    services.bundle.fingerprint()  # the key is made while the database can be written
    services.close()
    # (as the tests of a read-only file do: the reason the program finds, then SQLite
    # itself refuses every write, mode=ro)
    monkeypatch.setattr(faults, "read_only_reason", lambda _path: "所在文件夹不可写")
    services = AppServices.open(path, today=lambda: TODAY)
    try:
        assert services.db.read_only is not None
        period = services.bundle.parse_period("2026-2027")
        BundleExport(services).export(period, tmp_path / "1.zip")
        assert verify(tmp_path / "1.zip").valid
        assert rows(services, "SELECT count(*) FROM cached_state") == [(0,)]
    finally:
        services.close()


def test_only_the_newest_states_are_kept(studio, tmp_path):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    for n in range(document_cache.KEEP + 3):
        member(studio, f"成员{n}", phone=f"1381234{n:04d}")
        bundle.export(period, tmp_path / f"{n}.zip")
    assert rows(studio, "SELECT count(*) FROM cached_state") == [(document_cache.KEEP,)]
    # the documents of the states dropped went with them
    assert rows(
        studio,
        "SELECT count(*) FROM cached_document_chunk WHERE state_key NOT IN "
        "(SELECT key FROM cached_state)",
    ) == [(0,)]


def test_the_same_state_again_is_not_even_planned(studio, tmp_path, monkeypatch):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    bundle.export(period, tmp_path / "1.zip")

    def unplanned(ctx):
        raise AssertionError("the parts were asked what they write")

    monkeypatch.setattr(bundle_export, "PARTS", [bundle_export.Part("any", unplanned)])
    bundle.export(period, tmp_path / "2.zip")
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()


def photo(folder: Path, name: str, fill: bytes) -> Path:
    path = folder / name
    path.write_bytes(b"\xff\xd8\xff\xe0" + fill * 1000)
    return path


def test_an_evidence_file_gone_from_the_store_is_noticed(services, tmp_path):
    member(services, "王芳")
    made = activity(
        services, files=[photo(tmp_path, "a.jpg", b"a"), photo(tmp_path, "b.jpg", b"b")]
    )
    bundle = BundleExport(services)
    period = services.bundle.parse_period("2026-2027")
    bundle.export(period, tmp_path / "1.zip")
    with zipfile.ZipFile(tmp_path / "1.zip") as archive:
        before = [n for n in archive.namelist() if "/data/attachments/" in n]
    assert len(before) == 2
    shas = [a.sha256 for a in services.activities.get(made).attachments]
    held = b"".join(services.db.files.stream(shas[0]))
    execute(services, "DELETE FROM evidence_file WHERE sha256 = :s", s=shas[0])
    bundle.export(period, tmp_path / "2.zip")
    with zipfile.ZipFile(tmp_path / "2.zip") as archive:
        after = [n for n in archive.namelist() if "/data/attachments/" in n]
    assert len(after) == 1 and verify(tmp_path / "2.zip").valid
    (tmp_path / "back").write_bytes(held)  # put back (a restore): the bundle holds it again
    with services.db.engine.begin() as connection:
        files.add(connection, tmp_path / "back")
    bundle.export(period, tmp_path / "3.zip")
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "3.zip").read_bytes()


def test_a_new_signing_key_is_a_new_state(studio, tmp_path):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    one = bundle.export(period, tmp_path / "1.zip")
    execute(studio, "DELETE FROM signing_key")  # a new key is made on the next export
    two = bundle.export(period, tmp_path / "2.zip")
    assert two.fingerprint != one.fingerprint
    assert verify(tmp_path / "2.zip").valid
    covers = []
    for name in ("1.zip", "2.zip"):
        with zipfile.ZipFile(tmp_path / name) as archive:
            report = next(n for n in archive.namelist() if n.endswith("年度报告.pdf"))
            covers.append(archive.read(report))
    assert covers[0] != covers[1]  # the cover carries the signer's fingerprint


# --- made ahead -----------------------------------------------------------------------


def test_a_bundle_made_ahead_is_exported_without_making_anything(studio, counted, tmp_path):
    bundle = BundleExport(studio)
    period = studio.bundle.parse_period("2026-2027")
    assert bundle.prepare(period) is True
    assert any(name.endswith(".pdf") for name in counted)
    assert not list(tmp_path.glob("*.zip"))  # nothing exported: only documents kept
    counted.clear()
    assert bundle.prepare(period) is False
    bundle.export(period, tmp_path / "1.zip")
    assert counted == []
    assert verify(tmp_path / "1.zip").valid
    studio.activities.delete(studio.activities.list()[0].id)
    bundle.export(period, tmp_path / "2.zip")
    assert counted  # the records changed: made again


def test_the_bundles_worth_making_ahead(studio, tmp_path):
    bundle = BundleExport(studio)
    labels = [(p.label, unmasked) for p, unmasked in bundle.periods_to_prepare(TODAY)]
    # the cycle's last school year, in the autumn: this year, the last one, the final
    assert labels == [("2026-2027", False), ("2025-2026", False), ("2024-2027终期", False)]
    spring = [p.label for p, _ in bundle.periods_to_prepare(dt.date(2026, 3, 1))]
    assert spring == ["2025-2026"]
    bundle.export(studio.bundle.parse_period("midterm"), tmp_path / "m.zip", unmasked=True)
    first = bundle.periods_to_prepare(dt.date(2026, 3, 1))[0]
    assert (first[0].label, first[1]) == ("2024-2027中期", True)  # exported lately: first


def test_cli_prepare(studio, counted, capsys, tmp_path):
    from desktop_app.cli import main

    db = str(studio.db.address)  # a file, or a server's URL
    assert main(["prepare", "--db", db, "--period", "2026-2027"]) == 0
    assert capsys.readouterr().out.strip() == "2026-2027: 已生成"
    assert main(["prepare", "--db", db, "--period", "2026-2027"]) == 0
    assert capsys.readouterr().out.strip() == "2026-2027: 已是最新"
    counted.clear()
    assert (
        main(["export", "--db", db, "--period", "2026-2027", "--out", str(tmp_path / "b.zip")]) == 0
    )
    assert counted == []


def test_data_json_written_in_pieces_is_the_encoded_bytes(studio, tmp_path):
    from desktop_app.documents.bundle import data as bundle_data

    data = {"名": "王芳", "b": [1, {"z": None, "a": "二"}], "a": True}
    bundle_data.write(data, tmp_path / "data.json")
    assert (tmp_path / "data.json").read_bytes() == bundle_data.encode(data)
