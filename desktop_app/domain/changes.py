"""What a unit of work changed, named by subject: the words the window's pages subscribe to
(gui/bus.py broadcasts them, each page says which make it refresh).

A write is reported where it cannot be forgotten: the store names the subjects of the
tables each committed unit of work wrote (store/changes.py), so a use case returns its
plain result and the set of things it changed is never picked by hand. A reading
transaction, or one rolled back, changed nothing."""

from __future__ import annotations

Changes = frozenset[str]  # the subjects one unit of work changed; empty: nothing

MEMBERS = "members"  # people, memberships and their stages
GROWTH = "growth"  # growth records, their files, development goals
STUDIO = "studio"  # the studio itself and its preset's overrides
SETTINGS = "settings"  # the studio's settings
ACTIVITIES = "activities"  # activities and their files
ATTENDANCE = "attendance"  # marks saved: flags may have changed
LEDGER = "ledger"  # funding ledger entries, categories, budgets or closed periods
PLANS = "plans"  # build plan, annual plans, task-ledger items and their evidence, summaries
ASSESSMENTS = "assessments"  # assessment instances, scores, evidence decisions
DOCUMENTS = "documents"  # documents issued (the register of what was handed out)
ACCOUNTS = "accounts"  # accounts: who signs in, their roles (issue 18)

SUBJECTS: frozenset[str] = frozenset(
    {
        MEMBERS,
        GROWTH,
        STUDIO,
        SETTINGS,
        ACTIVITIES,
        ATTENDANCE,
        LEDGER,
        PLANS,
        ASSESSMENTS,
        DOCUMENTS,
        ACCOUNTS,
    }
)
NOTHING: Changes = frozenset()
