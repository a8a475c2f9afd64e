"""A plain ASGI app (no framework) wrapped by flow_history_prefect.wrap(), the
middleware outermost: it must apply auth, CSRF and the version check itself.
Every request it receives is answered {"answered_by": "plain", ...}."""
import hashlib
import json

from flow_history_prefect import Config, wrap

LIFESPAN_EVENTS = []


async def plain(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                LIFESPAN_EVENTS.append("startup")
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    digest, size = hashlib.sha256(), 0
    while True:
        message = await receive()
        digest.update(message.get("body", b""))
        size += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    body = json.dumps({"answered_by": "plain", "method": scope["method"], "path": scope["path"],
                       "sha256": digest.hexdigest(), "size": size,
                       "lifespan": LIFESPAN_EVENTS}).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def wrapped():
    return wrap(plain, Config.from_environment())
