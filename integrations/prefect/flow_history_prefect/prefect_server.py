"""Prefect's own server with the history endpoints answered by flow_history.

    uvicorn --factory flow_history_prefect:prefect_app --host 0.0.0.0 --port 4200

builds Prefect's app (prefect.server.api.server.create_app) and places the
middleware on the mounted API app, innermost: Prefect's CORS and CSRF (outer
app), basic auth and GZip (API app) run before it, as for every other route.
The API-version check, a router dependency there, is made by the middleware.
"""
from typing import Callable, Optional

from .config import Config
from .endpoints import HistoryEndpoints
from .middleware import HistoryMiddleware, PoolLifespan


def install_into_prefect(app, config: Config):
    """Add the endpoints to an app built by Prefect's create_app(); returns the
    ASGI app to serve (the same app, with the pool opened around its lifespan)."""
    from starlette.middleware import Middleware  # Prefect's own dependency

    # Prefect's GZip, CSRF and CORS middleware already sit around it
    endpoints = HistoryEndpoints(config.but(gzip=False, csrf_enabled=False, cors_allowed_origins=None))
    api_app = app.api_app
    api_app.user_middleware.append(Middleware(HistoryMiddleware, endpoints=endpoints))
    api_app.middleware_stack = None     # rebuilt on the first request
    return PoolLifespan(app, endpoints.database)


def prefect_app(create_app: Optional[Callable] = None, config: Optional[Config] = None):
    if create_app is None:
        from prefect.server.api.server import create_app
    return install_into_prefect(create_app(), config or Config.from_prefect_settings())
