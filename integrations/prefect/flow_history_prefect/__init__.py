"""Prefect's run-history endpoints answered by the flow_history PostgreSQL extension.

- wrap(app): ASGI middleware around any app (Prefect's, or a stand-in);
- prefect_app: uvicorn factory for Prefect's own server with the middleware inside;
- standalone_app: uvicorn factory serving only the two endpoints.
"""
from .config import Config
from .database import HistoryDatabase
from .endpoints import HistoryEndpoints
from .middleware import HistoryMiddleware, wrap
from .prefect_server import install_into_prefect, prefect_app
from .standalone import standalone_app

__all__ = ["Config", "HistoryDatabase", "HistoryEndpoints", "HistoryMiddleware", "wrap",
           "install_into_prefect", "prefect_app", "standalone_app"]
