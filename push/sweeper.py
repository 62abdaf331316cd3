"""Finding active push requests whose worker vanished, so they can be resumed."""

import datetime

from tortoise.expressions import Q

from models import PushRequest
from models.push_request import ACTIVE_STATUSES
from push import clock


async def claim_stalled_requests(stale_after: datetime.timedelta) -> list[int]:
    """Active requests without a heartbeat for ``stale_after``, claimed for resuming.

    Claiming bumps their heartbeat, so several server processes sweeping at
    once resend each stalled request about once per period, not once each.
    """
    cutoff = clock.now() - stale_after
    stalled = PushRequest.filter(status__in=ACTIVE_STATUSES).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    )
    ids = [row["id"] for row in await stalled.values("id")]
    claimed = []
    for request_id in ids:
        if (
            await PushRequest.filter(id=request_id)
            .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True))
            .update(heartbeat_at=clock.now())
        ):
            claimed.append(request_id)
    return claimed
