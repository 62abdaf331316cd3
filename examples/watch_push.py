"""Push a calendar and watch it run, the way a browser front end does.

    .venv/bin/python examples/watch_push.py --token gp_... [--calendar ID]

It opens one WebSocket (graphql-transport-ws, the token in connection_init),
subscribes to the caller's new notifications, submits `pushAllCourses` over
HTTP, follows `pushRequestUpdated` until the final status, and waits for the
notification that says how the push ended. Without --calendar it pushes the
first calendar the caller can see. Exit status 0 when the push completed.
"""

import argparse
import asyncio
import json
import os
import sys
import uuid
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

CALENDARS = "{ calendars(first: 1) { edges { node { id name } } } }"
PUSH = """
mutation Push($calendarId: ID!, $acknowledge: Boolean!, $key: String) {
  pushAllCourses(calendarId: $calendarId, acknowledgeInSession: $acknowledge,
                 idempotencyKey: $key) {
    pushRequest { id status }
    errors { code message field }
  }
}"""
PROGRESS = """
subscription Progress($id: ID!) {
  pushRequestUpdated(id: $id) {
    status progress coursesDone coursesTotal sectionsChanged
    sectionsUnchanged sectionsFailed sectionsSkipped categoriesRenamed
  }
}"""
NOTIFICATIONS = """
subscription { notificationAdded { kind title message pushRequest { id } } }"""
SUBPROTOCOL = Subprotocol("graphql-transport-ws")
# Long enough for a large calendar; a guard against a silent server only.
WAIT_SECONDS = 600


async def main(arguments: argparse.Namespace) -> int:
    async with httpx.AsyncClient(
        headers={"Authorization": f"Bearer {arguments.token}"}, timeout=30
    ) as http:
        calendar_id = arguments.calendar or await _first_calendar(http, arguments.url)
        async with connect(
            _websocket_url(arguments.url), subprotocols=[SUBPROTOCOL]
        ) as socket:
            await _initialise(socket, arguments.token)
            await _subscribe(socket, "notifications", NOTIFICATIONS, {})
            request_id = await _submit(http, arguments, calendar_id)
            if request_id is None:
                return 2

            await _subscribe(socket, "progress", PROGRESS, {"id": request_id})
            async with asyncio.timeout(WAIT_SECONDS):
                status = await _follow(socket, request_id)
    return 0 if status == "COMPLETED" else 1


async def _first_calendar(http: httpx.AsyncClient, url: str) -> str:
    data = await _query(http, url, CALENDARS, {})
    edges = data["calendars"]["edges"]
    if not edges:
        sys.exit("This token sees no calendar.")
    node = edges[0]["node"]
    print(f"calendar: {node['name']} ({node['id']})")
    return str(node["id"])


async def _submit(
    http: httpx.AsyncClient, arguments: argparse.Namespace, calendar_id: str
) -> str | None:
    variables = {
        "calendarId": calendar_id,
        "acknowledge": arguments.acknowledge_in_session,
        "key": str(uuid.uuid4()),
    }
    payload = (await _query(http, arguments.url, PUSH, variables))["pushAllCourses"]
    for error in payload["errors"]:
        print(f"refused: {error['code']}: {error['message']}", file=sys.stderr)
    if payload["pushRequest"] is None:
        return None
    request_id = str(payload["pushRequest"]["id"])
    print(f"push request {request_id} {payload['pushRequest']['status']}")
    return request_id


async def _follow(socket: ClientConnection, request_id: str) -> str | None:
    """Print progress until the final status and the requester's notification."""
    status: str | None = None
    notified = False
    while status is None or not notified:
        message = json.loads(await socket.recv())
        kind, operation = message["type"], message.get("id")
        if kind == "ping":
            await socket.send(json.dumps({"type": "pong"}))
        elif kind == "error":
            sys.exit(f"subscription {operation} refused: {message['payload']}")
        elif kind == "next" and operation == "progress":
            update = message["payload"]["data"]["pushRequestUpdated"]
            print(_progress_line(update))
            if update["status"] not in _ACTIVE:
                status = update["status"]
        elif kind == "next" and operation == "notifications":
            note = message["payload"]["data"]["notificationAdded"]
            mine = (note.get("pushRequest") or {}).get("id") == request_id
            if mine and note["kind"] == "PUSH_REQUEST_ENDED":
                print(f"notification: {note['title']}\n  {note['message']}")
                notified = True
    return status


_ACTIVE = {"QUEUED", "RUNNING"}


def _progress_line(update: dict[str, Any]) -> str:
    return (
        f"{update['status']:<22} {float(update['progress']):6.1%}"
        f"  courses {update['coursesDone']}/{update['coursesTotal']}"
        f"  sections changed {update['sectionsChanged']},"
        f" unchanged {update['sectionsUnchanged']}, failed {update['sectionsFailed']},"
        f" skipped {update['sectionsSkipped']}"
        f"  categories renamed {update['categoriesRenamed']}"
    )


async def _initialise(socket: ClientConnection, token: str) -> None:
    await socket.send(
        json.dumps({"type": "connection_init", "payload": {"authToken": token}})
    )
    reply = json.loads(await socket.recv())
    if reply["type"] != "connection_ack":
        sys.exit(f"WebSocket refused: {reply}")


async def _subscribe(
    socket: ClientConnection, name: str, query: str, variables: dict[str, Any]
) -> None:
    payload = {"query": query, "variables": variables}
    await socket.send(json.dumps({"type": "subscribe", "id": name, "payload": payload}))


async def _query(
    http: httpx.AsyncClient, url: str, query: str, variables: dict[str, Any]
) -> dict[str, Any]:
    response = await http.post(url, json={"query": query, "variables": variables})
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    if result.get("errors"):
        sys.exit(f"GraphQL error: {result['errors'][0]['message']}")
    data: dict[str, Any] = result["data"]
    return data


def _websocket_url(url: str) -> str:
    return "ws" + url.removeprefix("http")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument(
        "--token",
        default=os.environ.get("GRADEPUSH_TOKEN"),
        help="an administrator's token (default: $GRADEPUSH_TOKEN)",
    )
    parser.add_argument("--calendar", help="global id of the calendar to push")
    parser.add_argument(
        "--acknowledge-in-session",
        action="store_true",
        help="push even though the calendar is in session",
    )
    arguments = parser.parse_args()
    if not arguments.token:
        parser.error("give --token or set GRADEPUSH_TOKEN")
    return arguments


if __name__ == "__main__":
    sys.exit(asyncio.run(main(_arguments())))
