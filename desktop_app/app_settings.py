"""Settings of this installation rather than of a studio: language, data folder, the name
of the person who works here (recorded as 登记人 and in the audit log), the folder each
kind of file dialog used last, and where the windows were left (gui/window_geometry).

Kept in a small JSON file in the user's config folder, written to a temporary name and
renamed so that a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop_app import leftovers
from desktop_app.paths import app_config_dir, default_data_dir, demo_db_path

SAVING = ".settings-"  # the settings file being written, renamed when done

LANGUAGES = ("zh_CN", "en")
USER_NAME_MAX = 100  # the audit log's and the ledger's user columns hold 100 characters


@dataclass
class AppSettings:
    language: str = "zh_CN"
    data_dir: str = ""  # empty: the platform's user data folder
    font_warning_shown: bool = False  # "no Chinese font" is said once, not at every start
    windows: dict[str, dict] = field(default_factory=dict)  # place and size, by window
    user_name: str = ""  # 我的姓名; empty: records carry the computer's login name
    last_folders: dict[str, str] = field(default_factory=dict)  # file-dialog kind → folder
    # A school server's database this computer works on (issue 18): its URL without user
    # or password (postgresql+psycopg://host:port/name); empty: the file in the data
    # folder. The password is in the system keyring or asked (desktop_app/secrets.py).
    server: str = ""
    login: str = ""  # the account signed in last: offered at the next sign-in


def _file() -> Path:
    return app_config_dir() / "settings.json"


def load_app_settings() -> AppSettings:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppSettings()
    settings = AppSettings()
    if data.get("language") in LANGUAGES:
        settings.language = data["language"]
    if isinstance(data.get("data_dir"), str):
        settings.data_dir = data["data_dir"]
    settings.font_warning_shown = bool(data.get("font_warning_shown", False))
    windows = data.get("windows")
    if isinstance(windows, dict):
        settings.windows = {k: v for k, v in windows.items() if isinstance(v, dict)}
    if isinstance(data.get("user_name"), str):
        settings.user_name = data["user_name"].strip()
    for key in ("server", "login"):
        if isinstance(data.get(key), str):
            setattr(settings, key, data[key].strip())
    if settings.server:
        settings.server = without_credentials(settings.server)  # never kept, if ever written
    folders = data.get("last_folders")
    if isinstance(folders, dict):
        settings.last_folders = {str(k): v for k, v in folders.items() if isinstance(v, str) and v}
    return settings


def save_app_settings(settings: AppSettings) -> None:
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    leftovers.sweep(path.parent, SAVING)  # what a save killed half-way left
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=leftovers.tagged(SAVING))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(settings), handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        leftovers.remove(Path(tmp))


def without_credentials(url: str) -> str:
    """A server's URL with no user name nor password in it: what the settings keep."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # not a URL: kept as typed, refused when opened
        return url
    return parsed._replace(username=None, password=None).render_as_string(hide_password=False)


def server_url(host: str, port: int, database: str) -> str:
    """The URL of a PostgreSQL database without credentials (what the settings keep)."""
    from sqlalchemy.engine import URL

    url = URL.create("postgresql+psycopg", host=host.strip(), port=port, database=database.strip())
    return url.render_as_string(hide_password=False)


def with_credentials(server: str, login: str, password: str) -> str:
    """``server``'s URL with the account's login and password: given to the driver only,
    never written anywhere."""
    from sqlalchemy.engine import make_url

    url = make_url(server).set(username=login, password=password)
    return url.render_as_string(hide_password=False)


def save_user_name(name: str) -> None:
    """我的姓名: the name the records of this computer's user are signed with."""
    settings = load_app_settings()
    settings.user_name = name.strip()[:USER_NAME_MAX]
    save_app_settings(settings)


def is_data_folder(folder: Path) -> bool:
    """True for the program's own data folder — the platform's (or STUDIODESK_DATA_DIR),
    or the one chosen in the settings — and the demo's folder inside it. (A folder a
    database was merely opened from, with --db, is the user's and is left as it is.)"""
    chosen = load_app_settings().data_dir
    folders = {default_data_dir()} | ({Path(chosen)} if chosen else set())
    own = {f.expanduser().resolve() for f in folders}
    own |= {demo_db_path(f).parent for f in own}
    return Path(folder).expanduser().resolve() in own
