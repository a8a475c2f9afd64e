"""Where the settings come from: Prefect's own settings object when the
integration runs inside Prefect's server, the environment when it runs alone."""
import os
from dataclasses import dataclass, replace
from typing import Optional

TRUE_WORDS = {"1", "true", "t", "yes", "y", "on"}


def asyncpg_dsn(url: str) -> str:
    """postgresql+asyncpg://... (SQLAlchemy's form, as Prefect writes it) -> postgresql://..."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError("a database URL looks like postgresql://user@host/dbname")
    driver_free = scheme.split("+", 1)[0]
    if driver_free not in ("postgresql", "postgres"):
        raise ValueError(f"flow_history needs PostgreSQL, not {driver_free}")
    return f"postgresql://{rest}"


def _secret(value):
    """Prefect 3 keeps URLs and the auth string as pydantic SecretStr."""
    if value is not None and hasattr(value, "get_secret_value"):
        value = value.get_secret_value()
    return value or None


@dataclass(frozen=True)
class Config:
    database_url: str
    replica_url: Optional[str] = None
    auth_string: Optional[str] = None     # PREFECT_SERVER_API_AUTH_STRING
    csrf_enabled: bool = False            # PREFECT_SERVER_CSRF_PROTECTION_ENABLED
    check_api_version: bool = True        # Prefect's X-Prefect-API-Version dependency
    gzip: bool = True                     # Prefect's GZipMiddleware on the API app
    cors_allowed_origins: Optional[str] = "*"   # PREFECT_SERVER_CORS_ALLOWED_ORIGINS; None: no CORS
    pool_max_size: int = 10

    def __post_init__(self):
        object.__setattr__(self, "database_url", asyncpg_dsn(self.database_url))
        if self.replica_url:
            object.__setattr__(self, "replica_url", asyncpg_dsn(self.replica_url))

    def but(self, **changes) -> "Config":
        return replace(self, **changes)

    @classmethod
    def from_environment(cls, environ=os.environ) -> "Config":
        url = environ.get("FLOW_HISTORY_DATABASE_URL")
        if not url:
            raise RuntimeError("set FLOW_HISTORY_DATABASE_URL=postgresql://... (Prefect's database)")
        return cls(
            database_url=url,
            replica_url=environ.get("FLOW_HISTORY_REPLICA_URL") or None,
            auth_string=environ.get("PREFECT_SERVER_API_AUTH_STRING") or None,
            csrf_enabled=environ.get("PREFECT_SERVER_CSRF_PROTECTION_ENABLED", "").lower() in TRUE_WORDS,
            cors_allowed_origins=environ.get("PREFECT_SERVER_CORS_ALLOWED_ORIGINS", "*"),
            pool_max_size=int(environ.get("FLOW_HISTORY_POOL_SIZE", "10")),
        )

    @classmethod
    def from_prefect_settings(cls, environ=os.environ) -> "Config":
        """Prefect's settings object: its environment, profiles and prefect.toml."""
        import prefect.settings as settings

        url = _secret(settings.PREFECT_API_DATABASE_CONNECTION_URL.value())
        if not url:
            raise RuntimeError("Prefect's PREFECT_API_DATABASE_CONNECTION_URL is not set")
        return cls(
            database_url=url,
            replica_url=environ.get("FLOW_HISTORY_REPLICA_URL") or None,
            auth_string=_secret(settings.PREFECT_SERVER_API_AUTH_STRING.value()),
            csrf_enabled=bool(settings.PREFECT_SERVER_CSRF_PROTECTION_ENABLED.value()),
            cors_allowed_origins=settings.PREFECT_SERVER_CORS_ALLOWED_ORIGINS.value(),
            pool_max_size=int(environ.get("FLOW_HISTORY_POOL_SIZE", "10")),
        )
