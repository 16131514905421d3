"""Accounts' roles and what each may do (issue 18): 主持人 (host), 秘书 (secretary), 查看
(viewer). The services check a use case's capability once, at its entry
(services/guard.py); the GUI asks the same ``can`` to hide or disable what a role cannot
do, and ``refusal`` says why in words. On a server, PostgreSQL's grants say the same
again (store/server_roles.py).

The account roles are not the roster's roles (domain.vocab.Role: host, mentor, member…):
a studio's host may keep the records through a secretary's account, and a viewer may be
someone from the bureau who is on no roster."""

from __future__ import annotations

import re
from enum import Enum

from desktop_app.domain import messages
from desktop_app.domain.problems import Problem, ValidationError
from desktop_app.domain.vocab import Role, Term, Vocab


class AccountRole(Vocab):
    HOST = Term("host", Role.HOST.value.zh)  # the studio's host signs in as its host
    SECRETARY = Term("secretary", "秘书")
    VIEWER = Term("viewer", "查看")


class Capability(Enum):
    """The groups of use cases a role is given (issue 18, item 3)."""

    # the host's
    PLANS = "plans"  # plans and their tasks, goals
    TICK_TASKS = "tick_tasks"  # a task done / not done
    SUMMARIES = "summaries"
    ASSESSMENTS = "assessments"
    CLOSE_PERIODS = "close_periods"
    BUDGETS = "budgets"  # budgets and ledger categories
    REVERSALS = "reversals"  # reversing a ledger entry
    SETTINGS = "settings"  # the studio, its rules and presets
    MEMBERSHIPS = "memberships"  # the roster: people, memberships, stages, imports
    RESTORE = "restore"
    EXPORT = "export"  # bundles, data exports (the roster's numbers in full)
    ACCOUNTS = "accounts"
    # the secretary's (and the host's)
    ACTIVITIES = "activities"
    ATTENDANCE = "attendance"
    LEDGER_ENTRIES = "ledger_entries"  # receipts and expenses
    GROWTH_RECORDS = "growth_records"
    TASK_EVIDENCE = "task_evidence"
    # everyone's
    READ = "read"
    REPORTS = "reports"  # the reports (PDF, workbook) and backups


_VIEWER = frozenset({Capability.READ, Capability.REPORTS})
_SECRETARY = _VIEWER | {
    Capability.ACTIVITIES,
    Capability.ATTENDANCE,
    Capability.LEDGER_ENTRIES,
    Capability.GROWTH_RECORDS,
    Capability.TASK_EVIDENCE,
}
GRANTS: dict[AccountRole, frozenset[Capability]] = {
    AccountRole.VIEWER: _VIEWER,
    AccountRole.SECRETARY: frozenset(_SECRETARY),
    AccountRole.HOST: frozenset(Capability),
}


def can(role: AccountRole | None, capability: Capability) -> bool:
    """Whether ``role`` may do ``capability``. None: accounts are off (one PC, as before
    issue 18), and everything is allowed."""
    return role is None or capability in GRANTS[role]


def least_role(capability: Capability) -> AccountRole:
    """The lowest role that may do ``capability`` (whom a refusal sends the user to)."""
    for role in (AccountRole.VIEWER, AccountRole.SECRETARY, AccountRole.HOST):
        if capability in GRANTS[role]:
            return role
    raise AssertionError(capability)


def role_name(role: AccountRole) -> str:
    return messages.text(f"account_role_{role.code}")


def action_name(capability: Capability) -> str:
    return messages.text(f"capability_{capability.value}")


def refusal(role: AccountRole, capability: Capability) -> str:
    """Why ``role`` may not do ``capability``, naming both and whom to ask: 秘书账号不能关闭
    期间，请主持人操作。"""
    code = (
        "refused_ask_host"
        if least_role(capability) is AccountRole.HOST
        else "refused_ask_secretary"
    )
    return messages.text(code, role=role_name(role), action=action_name(capability))


class Refused(ValidationError):
    """A use case the signed-in account's role may not do (or, with ``role`` None, one
    tried before anyone signed in). Nothing was written. A ValidationError, so that the
    GUI and the CLI show it in words as they show any."""

    def __init__(self, role: AccountRole | None, capability: Capability | None, message: str):
        self.role = role
        self.capability = capability
        super().__init__([Problem("", message)])

    @classmethod
    def for_role(cls, role: AccountRole, capability: Capability) -> Refused:
        return cls(role, capability, refusal(role, capability))

    @classmethod
    def not_signed_in(cls) -> Refused:
        return cls(None, None, messages.text("sign_in_first"))


# A login: what is typed to sign in, and (on a server) part of the PostgreSQL role's name
# (store/server_roles.py), hence letters, digits, _ and -, starting with a letter; kept in
# lower case, so that Zhang and zhang are one login.
LOGIN_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,31}")
MIN_PASSWORD = 8


def normal_login(text: str) -> str:
    return text.strip().lower()


def login_problem(text: str) -> Problem | None:
    if LOGIN_PATTERN.fullmatch(normal_login(text)):
        return None
    return Problem("login", messages.text("login_invalid", value=text.strip()))


def password_problem(password: str) -> Problem | None:
    if len(password) >= MIN_PASSWORD:
        return None
    return Problem("password", messages.text("password_too_short", count=MIN_PASSWORD))
