"""The README's "A school server" section, followed on a throwaway cluster: its Debian
commands that make the owner and the database, its ``server-init`` line and its ``--db
URL`` line are read from README.md and run (the server's address, the cluster's
superuser and the passwords filled in), so that the README cannot drift from the
programs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.postgres import SUPERUSER, _bin

ROOT = Path(__file__).resolve().parents[2]
OWNER_PASSWORD = "owner-pass-0"
HOST_PASSWORD = "host-pass-1"


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## A school server")
    return text[start : text.index("\n## ", start + 1)]


def commands(text: str) -> list[list[str]]:
    """Every command the section shows: the lines of its code blocks, and its inline code
    that starts with a program's name."""
    lines = []
    for block in re.findall(r"```\n(.*?)```", text, re.S):
        lines.extend(line.strip() for line in block.splitlines() if line.strip())
    lines.extend(re.findall(r"`((?:studiodesk|sudo) [^`]+)`", text))
    return [shlex.split(line) for line in lines]


def the(found: list[list[str]], *start: str) -> list[str]:
    matching = [c for c in found if c[: len(start)] == list(start)]
    assert matching, f"README's server section shows no `{' '.join(start)} …`"
    return matching[0]


def run(argv: list[str], stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        argv,
        cwd=ROOT,
        env={**os.environ, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        start_new_session=True,  # no terminal: a password prompt reads stdin
    )
    assert done.returncode == 0, (argv, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture
def cluster(postgres_cluster):
    yield postgres_cluster
    postgres_cluster.execute("DROP DATABASE IF EXISTS studiodesk WITH (FORCE)")
    postgres_cluster.execute(
        "DO $$ DECLARE r record; BEGIN FOR r IN SELECT rolname FROM pg_roles "
        "WHERE rolname LIKE 'studiodesk.%' OR rolname LIKE 'studiodesk/%' LOOP "
        "EXECUTE format('DROP ROLE %I', r.rolname); END LOOP; END $$"
    )
    postgres_cluster.execute("DROP ROLE IF EXISTS studiodesk_owner")


def test_the_readmes_server_commands_work(cluster):
    found = commands(section())
    server = f"127.0.0.1:{cluster.port}"
    connect = ["-h", "127.0.0.1", "-p", str(cluster.port), "-U", SUPERUSER]

    def as_superuser(argv: list[str]) -> list[str]:
        # `sudo -u postgres createuser …` → createuser -h … -U <the cluster's superuser> …
        assert argv[:3] == ["sudo", "-u", "postgres"], argv
        return [_bin(argv[3]), *connect, *argv[4:]]

    # 2. the owner role (its password typed twice) and its empty database
    run(as_superuser(the(found, "sudo", "-u", "postgres", "createuser")),
        stdin=f"{OWNER_PASSWORD}\n{OWNER_PASSWORD}\n")  # fmt: skip
    run(as_superuser(the(found, "sudo", "-u", "postgres", "createdb")))

    # 4. server-init as the owner (its password from PGPASSWORD, as the README says);
    # the first host's password asked for, here from the environment
    init = the(found, "studiodesk", "server-init")
    init = [word.replace("SERVER", server) for word in init]
    init = [w.replace("LOGIN", "chen").replace("NAME", "陈静") for w in init]
    said = run(
        [sys.executable, "-m", "desktop_app", *init[1:]],
        PGPASSWORD=OWNER_PASSWORD,
        STUDIODESK_PASSWORD=HOST_PASSWORD,
    ).stdout
    assert "第一个主持人：chen" in said

    # 5. a PC's command on the server, signed in as the host; a studio made first with
    # the section's `studiodesk init --db URL …`
    ledger = the(found, "studiodesk", "ledger")
    ledger = [w.replace("SERVER", server).replace("LOGIN", "chen") for w in ledger]
    url = ledger[ledger.index("--db") + 1]
    the(found, "studiodesk", "init", "--db", "URL")
    user = ledger[ledger.index("--user") :][:2] if "--user" in ledger else []
    run(
        [sys.executable, "-m", "desktop_app", "init", "--db", url, *user,
         "--name", "实验学校名班主任工作室", "--preset", "jiangyin", "--cycle", "2024-2027"],
        STUDIODESK_PASSWORD=HOST_PASSWORD,
    )  # fmt: skip
    shown = run(
        [sys.executable, "-m", "desktop_app", *ledger[1:], "--json"],
        STUDIODESK_PASSWORD=HOST_PASSWORD,
    )
    assert shown.stderr == ""
    # the host adds a secretary as the section says (the PC's --db and --user as above)
    add = the(found, "studiodesk", "accounts", "add")
    add = [w.replace("LOGIN", "li").replace("NAME", "李秘书") for w in add]
    run(
        [sys.executable, "-m", "desktop_app", *add[1:], "--db", url, "--user", "chen"],
        STUDIODESK_PASSWORD=HOST_PASSWORD,
        STUDIODESK_NEW_PASSWORD="secretary-pass-2",
    )
    listing = run(
        [sys.executable, "-m", "desktop_app", "accounts", "list", "--db", url, "--user", "chen"],
        STUDIODESK_PASSWORD=HOST_PASSWORD,
    ).stdout
    assert ["li", "李秘书", "秘书", "是"] in [line.split() for line in listing.splitlines()]


def test_an_owner_that_may_not_create_roles_is_told_what_to_do(cluster):
    """createuser without --createrole (its default): server-init says so in words, and
    makes none of the studio's roles; given the right, the same command then works."""
    cluster.execute(f"CREATE ROLE studiodesk_owner LOGIN PASSWORD '{OWNER_PASSWORD}'")
    cluster.execute("CREATE DATABASE studiodesk OWNER studiodesk_owner")
    url = f"postgresql+psycopg://studiodesk_owner@127.0.0.1:{cluster.port}/studiodesk"
    argv = [
        sys.executable,
        "-m",
        "desktop_app",
        "server-init",
        url,
        "--login",
        "chen",
        "--name",
        "陈静",
    ]
    env = {**os.environ, "PGPASSWORD": OWNER_PASSWORD, "STUDIODESK_PASSWORD": HOST_PASSWORD}
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "studiodesk_owner 没有创建角色的权限" in done.stderr
    assert "ALTER ROLE studiodesk_owner CREATEROLE" in done.stderr
    with psycopg.connect(
        host="127.0.0.1", port=cluster.port, user=SUPERUSER, dbname="postgres"
    ) as connection:
        made = connection.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'studiodesk/%'"
        ).fetchone()
    assert made == (0,)
    cluster.execute("ALTER ROLE studiodesk_owner CREATEROLE")
    run(argv, PGPASSWORD=OWNER_PASSWORD, STUDIODESK_PASSWORD=HOST_PASSWORD)
