"""Applying a district grading policy file to the courses it selects.

The file is read and checked, then every name it uses is resolved in each
selected course's calendar, and only then is anything written: in one
transaction. A course whose setup already matches is not written at all, so
re-applying an unchanged policy changes nothing. See docs/policy.md.
"""

import logging
from pathlib import Path

from tortoise.transactions import in_transaction

from importers.common import ImportSummary
from importers.policy_current import load_current
from importers.policy_diff import PolicySummary, plan_writes
from importers.policy_file import load_policy
from importers.policy_rules import Policy
from importers.policy_targets import policy_targets
from importers.policy_writer import write_setup
from models import User

logger = logging.getLogger(__name__)

__all__ = ["apply_policy", "import_policy_file", "load_policy"]


async def import_policy_file(
    path: Path, *, changed_by: User | None = None
) -> ImportSummary:
    """Read, check and apply a policy file; ``ImportFileError`` leaves no trace."""
    return await apply_policy(load_policy(path), changed_by=changed_by)


async def apply_policy(policy: Policy, *, changed_by: User | None) -> ImportSummary:
    """Give every selected course the setup the policy's rules give it."""
    summary = PolicySummary(source=f"policy {policy.path}")
    targets = await policy_targets(policy, summary.warnings)

    async with in_transaction():
        current = await load_current(sorted(targets))
        writes = plan_writes(targets, current, summary)
        await write_setup(writes, changed_by=changed_by, source_label=policy.path.name)

    logger.info(
        "applied policy %s: %s courses changed, %s unchanged",
        policy.path,
        summary.updated["course setup"],
        summary.unchanged["course setup"],
    )
    return summary
