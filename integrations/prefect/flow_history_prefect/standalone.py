"""flow_history_prefect:standalone_app: only the two history endpoints, for a
reverse proxy in front of an unchanged `prefect server start`."""
import json
import logging
from typing import Optional

from .config import Config
from .endpoints import HistoryEndpoints, history_route

logger = logging.getLogger("flow_history_prefect")

NOT_FOUND = json.dumps({"detail": "Not Found"}).encode()


class StandaloneApp:
    def __init__(self, config: Config):
        self.endpoints = HistoryEndpoints(config)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            await send({"type": "websocket.close", "code": 1000})
            return
        run_type = history_route(scope)
        if run_type is None:
            await self.endpoints.respond(scope, send, 404, NOT_FOUND)
        else:
            await self.endpoints.handle(scope, receive, send, run_type)

    async def _lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.endpoints.database.open()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.endpoints.database.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


def standalone_app(config: Optional[Config] = None) -> StandaloneApp:
    """uvicorn --factory flow_history_prefect:standalone_app (FLOW_HISTORY_DATABASE_URL=...)"""
    return StandaloneApp(config or Config.from_environment())
