"""The database side: one asyncpg pool on the primary, optionally one on a
hot standby for the history reads, and what a failed call means to Prefect.

The body goes to PostgreSQL as one jsonb parameter and the answer comes back
as text (the extension's *_json_text functions): Python never parses it.
Only when a call fails is flow_history_request_errors() asked whether the body
was invalid (Prefect's 422) or not (any other database error: Prefect's 503).
"""
import json
import logging
from dataclasses import dataclass, field
from typing import Optional

import asyncpg

logger = logging.getLogger("flow_history_prefect")

APPLICATION_NAME = "flow_history_prefect"

# The standby cancelled the statement or ended the session for a conflict
# with recovery (serialization_failure; deadlock with a buffer pin; the
# database dropped).  Any read on the primary may succeed.
RECOVERY_CONFLICT_SQLSTATES = {"40001", "40P01", "57P04"}


@dataclass
class Answer:
    body: str


@dataclass
class InvalidBody:
    """flow_history_request_errors() items"""
    errors: list


@dataclass
class UndecodableJson:
    """PostgreSQL could not read the body as JSON"""


@dataclass
class Unavailable:
    """Any other database error, or no database: Prefect's 503"""
    reason: str


@dataclass
class Counters:
    replica_reads: int = 0
    primary_reads: int = 0
    conflict_retries: int = 0


def _is_json_input_error(error) -> bool:
    # raised while binding the parameter, before any function runs
    return isinstance(error, asyncpg.PostgresError) and (
        (error.sqlstate == "22P02" and "type json" in str(error))
        or error.sqlstate in ("22P05", "22021"))


def _is_connection_failure(error) -> bool:
    """The session ended (a standby ends it for a conflict inside a subtransaction), or none could be made."""
    return isinstance(error, (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, OSError))


def _is_recovery_conflict(error) -> bool:
    if _is_connection_failure(error):
        return True
    return isinstance(error, asyncpg.PostgresError) and error.sqlstate in RECOVERY_CONFLICT_SQLSTATES


class HistoryDatabase:
    def __init__(self, primary_dsn: str, replica_dsn: Optional[str] = None, max_size: int = 10):
        self.primary_dsn = primary_dsn
        self.replica_dsn = replica_dsn
        self.max_size = max_size
        self.primary: Optional[asyncpg.Pool] = None
        self.replica: Optional[asyncpg.Pool] = None
        self.counters = Counters()
        self._statements = None

    async def open(self):
        """Create the pools; connections are made on first use, so an unreachable
        database gives 503 answers, not a server that cannot start."""
        if self.primary is None:
            self.primary = await self._pool(self.primary_dsn)
        if self.replica_dsn and self.replica is None:
            self.replica = await self._pool(self.replica_dsn)

    async def _pool(self, dsn):
        return await asyncpg.create_pool(dsn, min_size=0, max_size=self.max_size,
                                         max_inactive_connection_lifetime=300,
                                         server_settings={"application_name": APPLICATION_NAME})

    async def close(self):
        for pool in (self.replica, self.primary):
            if pool is not None:
                await pool.close()
        self.primary = self.replica = None

    async def _statement_names(self, connection):
        """The extension's functions, qualified with its schema (wherever it was installed)."""
        if self._statements is None:
            schema = await connection.fetchval(
                "SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_extension e"
                " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
                " WHERE e.extname OPERATOR(pg_catalog.=) 'flow_history'")
            if schema is None:
                raise asyncpg.UndefinedObjectError("extension flow_history is not installed")
            self._statements = {
                "flow_run": f"SELECT {schema}.flow_run_history_json_text($1::pg_catalog.jsonb)",
                "task_run": f"SELECT {schema}.task_run_history_json_text($1::pg_catalog.jsonb)",
                "errors": f"SELECT {schema}.flow_history_request_errors($1::pg_catalog.jsonb,"
                          f" $2::pg_catalog.text)",
            }
        return self._statements

    async def _fetch(self, pool, statement, *args):
        async with pool.acquire() as connection:
            statements = await self._statement_names(connection)
            return await connection.fetchval(statements[statement], *args)

    async def history(self, run_type: str, body: str):
        await self.open()
        pool = self.replica or self.primary
        try:
            answer = await self._read(pool, run_type, body)
        except Exception as error:
            if pool is self.replica and _is_recovery_conflict(error) and not _is_json_input_error(error):
                logger.info("standby read failed (%s); retrying on the primary", error)
                self.counters.conflict_retries += 1
                pool = self.primary
                try:
                    answer = await self._read(pool, run_type, body)
                except Exception as retry_error:
                    return await self._explain_failure(pool, run_type, body, retry_error)
            else:
                return await self._explain_failure(pool, run_type, body, error)
        return Answer(answer)

    async def _read(self, pool, run_type, body):
        if pool is self.replica:
            self.counters.replica_reads += 1
        else:
            self.counters.primary_reads += 1
        return await self._fetch(pool, run_type, body)

    async def _explain_failure(self, pool, run_type, body, error):
        if _is_json_input_error(error):
            return UndecodableJson()
        if _is_connection_failure(error) or not isinstance(error, asyncpg.PostgresError):
            logger.warning("database unavailable: %r", error)
            return Unavailable(repr(error))
        try:
            errors = await self._fetch(pool, "errors", body, run_type)
        except Exception as second:
            logger.warning("history call failed: %r (validation: %r)", error, second)
            return Unavailable(repr(error))
        items = json.loads(errors)
        if items:
            return InvalidBody(items)
        logger.warning("history call failed: %r", error)
        return Unavailable(repr(error))

    async def csrf_token_matches(self, client: str, token: str) -> bool:
        """Prefect's CsrfMiddleware check, on the primary (tokens are written there)."""
        await self.open()
        async with self.primary.acquire() as connection:
            stored = await connection.fetchval(
                "SELECT token FROM csrf_token WHERE client OPERATOR(pg_catalog.=) $1::pg_catalog.text"
                " AND expiration OPERATOR(pg_catalog.>) pg_catalog.now()", client)
        return stored is not None and stored == token
