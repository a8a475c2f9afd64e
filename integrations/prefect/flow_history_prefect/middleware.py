"""flow_history_prefect.wrap(app): a plain ASGI middleware that answers the two
history endpoints itself and hands everything else to the wrapped app."""
import logging
from typing import Optional

from .config import Config
from .endpoints import HistoryEndpoints, history_route

logger = logging.getLogger("flow_history_prefect")


class PoolLifespan:
    """Forwards the lifespan protocol to the wrapped app and opens the database
    pool before it starts and closes it after it stopped.  Without a lifespan
    (or when the app does not speak it) the pool opens on first use."""

    def __init__(self, app, database):
        self.app = app
        self.database = database

    async def lifespan(self, scope, receive, send):
        async def receive_and_open():
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.database.open()
            return message

        async def send_and_close(message):
            if message["type"] in ("lifespan.shutdown.complete", "lifespan.shutdown.failed"):
                await self.database.close()
            await send(message)

        await self.app(scope, receive_and_open, send_and_close)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self.lifespan(scope, receive, send)
        else:
            await self.app(scope, receive, send)


class HistoryMiddleware(PoolLifespan):
    def __init__(self, app, endpoints: HistoryEndpoints):
        super().__init__(app, endpoints.database)
        self.endpoints = endpoints

    async def __call__(self, scope, receive, send):
        run_type = history_route(scope)
        # other methods on these paths are the wrapped app's (405, OPTIONS for CORS ...)
        if run_type is None or scope["method"] != "POST":
            await super().__call__(scope, receive, send)
        else:
            await self.endpoints.handle(scope, receive, send, run_type)


def default_config() -> Config:
    """Prefect's settings when Prefect is installed, else the environment."""
    try:
        import prefect.settings  # noqa: F401
    except ImportError:
        return Config.from_environment()
    return Config.from_prefect_settings()


def wrap(app, config: Optional[Config] = None) -> HistoryMiddleware:
    """Answer POST .../flow_runs/history and .../task_runs/history in front of `app`.

    Placed outside Prefect's own middleware, it applies Prefect's auth string,
    CSRF check and API-version check itself (config.auth_string, csrf_enabled,
    check_api_version) and gzips as Prefect's API app does."""
    return HistoryMiddleware(app, HistoryEndpoints(config or default_config()))
