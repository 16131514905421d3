"""The one check of a use case's capability, at its entry (issue 18): ``@requires(C)`` on
a service method, or ``permit(db, C)`` at the top of a use case that is not one. It asks
who is signed in on the database (Database.role, set by AppServices' sign-in) and refuses
with words naming the role and the action (domain/roles.py). With accounts off (one PC,
Database.accounts_required False) nothing is checked: the program is as before."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from desktop_app.domain.roles import Capability, Refused, can
from desktop_app.store.db import Database

F = TypeVar("F", bound=Callable[..., Any])


def permit(db: Database, capability: Capability) -> None:
    """Refused unless the account signed in on ``db`` may do ``capability``."""
    if not db.accounts_required:
        return
    if db.role is None:
        raise Refused.not_signed_in()
    if not can(db.role, capability):
        raise Refused.for_role(db.role, capability)


def requires(capability: Capability) -> Callable[[F], F]:
    """A service method (of a service with ``self.db``) that only a role with
    ``capability`` may call: checked before it reads or writes anything."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def checked(self, *args, **kwargs):
            permit(self.db, capability)
            return method(self, *args, **kwargs)

        checked.capability = capability  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return decorate
