"""Running a push request in the test's own task, without a broker."""

from models import PushRequest
from push.course_push import push_course
from push.requests import begin_push


async def run_inline(request: PushRequest) -> PushRequest:
    """Start the request and push each of its courses, as the workers would."""
    for course_id in await begin_push(request.id):
        await push_course(request.id, course_id)
    return await PushRequest.get(id=request.id)
