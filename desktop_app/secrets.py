"""The passwords of school-server accounts (issue 18), kept only in the system's keyring
(Windows Credential Manager, macOS Keychain, the Secret Service of a Linux desktop)
through the ``keyring`` package — never in the app settings nor any file of ours. Where
no keyring is usable (a fresh Linux machine without a desktop's secret service), nothing
is kept: the password is asked at each start (the GUI says why, gui/sign_in.py)."""

from __future__ import annotations

import logging

LOG = logging.getLogger("studiodesk")
SERVICE = "StudioDesk"  # the keyring entries' service name


def _entry(server: str, login: str) -> str:
    """The keyring's user name of an entry: the server's address (without a password)
    and the login, so that two servers' accounts of one login stay apart."""
    return f"{login}@{server}"


def keyring_usable() -> bool:
    """Whether a keyring can keep passwords here (keyring's "fail" backend, or one of
    priority 0 and below, is what it chooses when there is none)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as error:  # a broken installation of a backend: no keyring
        LOG.warning("no keyring: %s", error)
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0


def saved_password(server: str, login: str) -> str | None:
    """The password kept for ``login`` on ``server``, or None (none kept, no keyring)."""
    if not keyring_usable():
        return None
    import keyring

    try:
        return keyring.get_password(SERVICE, _entry(server, login))
    except Exception as error:  # keyring.errors.KeyringError, a locked keyring
        LOG.warning("cannot read the keyring: %s", error)
        return None


def keep_password(server: str, login: str, password: str) -> bool:
    """Keep the password in the keyring; False when it could not be kept (said in the
    log: the user is asked again at the next start, nothing else fails)."""
    if not keyring_usable():
        return False
    import keyring

    try:
        keyring.set_password(SERVICE, _entry(server, login), password)
    except Exception as error:
        LOG.warning("cannot write to the keyring: %s", error)
        return False
    return True


def forget_password(server: str, login: str) -> None:
    """Remove a kept password (the box unticked, a wrong one kept, the password changed)."""
    if not keyring_usable():
        return
    import keyring
    from keyring.errors import PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, _entry(server, login))
    except PasswordDeleteError:
        pass  # none was kept
    except Exception as error:
        LOG.warning("cannot remove from the keyring: %s", error)
