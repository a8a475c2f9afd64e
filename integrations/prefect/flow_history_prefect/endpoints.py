"""The two endpoints over plain ASGI, answering as Prefect's server does:
its auth string and API-version checks, its body decoding, its 422/503
shapes, gzip when asked.  Shared by wrap() and standalone_app()."""
import base64
import email.message
import gzip
import json
from typing import Optional

from .config import Config
from .database import Answer, HistoryDatabase, InvalidBody, UndecodableJson

ROUTES = {"/flow_runs/history": "flow_run", "/task_runs/history": "task_run"}
REQUIRED_KEYS = ("history_start", "history_end", "history_interval_seconds")
MINIMUM_API_VERSION = (0, 8, 0)
GZIP_MINIMUM_SIZE = 500        # Starlette's GZipMiddleware default, which Prefect uses
INTERVAL_TOO_SHORT = "history_interval_too_short"


def history_route(scope) -> Optional[str]:
    """'flow_run' or 'task_run' for the two history paths (any prefix), else None."""
    if scope["type"] != "http":
        return None
    path = scope.get("path", "")
    for suffix, run_type in ROUTES.items():
        if path.endswith(suffix):
            return run_type
    return None


def _header(scope, name: bytes) -> Optional[str]:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _json_bytes(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _is_json_content_type(content_type: Optional[str]) -> bool:
    """FastAPI reads a body as JSON only for application/json and application/*+json."""
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    if message.get_content_maintype() != "application":
        return False
    subtype = message.get_content_subtype()
    return subtype == "json" or subtype.endswith("+json")


def _missing(keys):
    return [{"type": "missing", "loc": ["body", key], "msg": "Field required", "input": None}
            for key in keys]


class HistoryEndpoints:
    def __init__(self, config: Config, database: Optional[HistoryDatabase] = None):
        self.config = config
        self.database = database or HistoryDatabase(config.database_url, config.replica_url,
                                                    config.pool_max_size)

    async def respond(self, scope, send, status: int, body: bytes, headers=(), compress=True):
        response_headers = [(b"content-type", b"application/json")]
        accepts = (_header(scope, b"accept-encoding") or "").lower()
        if compress and self.config.gzip and "gzip" in accepts and len(body) >= GZIP_MINIMUM_SIZE:
            body = gzip.compress(body, compresslevel=6)
            response_headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
        response_headers.append((b"content-length", str(len(body)).encode()))
        response_headers += list(headers) + self._cors_headers(scope)
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": body})

    def _cors_headers(self, scope):
        """What Prefect's CORSMiddleware adds to a simple (non-preflight) response."""
        origin = _header(scope, b"origin")
        if origin is None or self.config.cors_allowed_origins is None:
            return []
        allowed = [o.strip() for o in self.config.cors_allowed_origins.split(",")]
        if "*" in allowed:
            return [(b"access-control-allow-origin", b"*")]
        if origin in allowed:
            return [(b"access-control-allow-origin", origin.encode("latin-1")), (b"vary", b"Origin")]
        return []

    # -- the checks Prefect's middleware and dependencies make, in its order --

    async def _csrf_refusal(self, scope):
        """Prefect's CsrfMiddleware (outer app), when enabled."""
        if not self.config.csrf_enabled:
            return None
        token = _header(scope, b"prefect-csrf-token")
        client = _header(scope, b"prefect-csrf-client")
        if token is None:
            return 403, {"detail": "Missing CSRF token."}, ()
        if client is None:
            return 403, {"detail": "Missing client identifier."}, ()
        if not await self.database.csrf_token_matches(client, token):
            return (403, {"detail": "Invalid CSRF token or client identifier."},
                    [(b"access-control-allow-origin", b"*")])
        return None

    def _auth_refusal(self, scope):
        """Prefect's basic auth middleware (PREFECT_SERVER_API_AUTH_STRING)."""
        if self.config.auth_string is None:
            return None
        refusal = (401, {"exception_message": "Unauthorized"}, ())
        header = _header(scope, b"authorization")
        if header is None:
            return refusal
        try:
            scheme, credentials = header.split()
            if scheme != "Basic":
                return refusal
            decoded = base64.b64decode(credentials).decode("utf-8")
        except Exception:
            return refusal
        return None if decoded == self.config.auth_string else refusal

    def _version_refusal(self, scope):
        """Prefect's EnforceMinimumAPIVersion dependency on every API route."""
        if not self.config.check_api_version:
            return None
        version = _header(scope, b"x-prefect-api-version")
        if not version:
            return None
        try:
            major, minor, patch = [int(part) for part in version.split(".")]
        except ValueError:
            return 400, {"detail": "Invalid X-PREFECT-API-VERSION header format."
                                   f"Expected header in format 'x.y.z' but received {version}"}, ()
        if (major, minor, patch) < MINIMUM_API_VERSION:
            return 400, {"detail": f"The request specified API version {version} but this "
                                   "server requires version 0.8.0 or higher."}, ()
        return None

    async def handle(self, scope, receive, send, run_type: str):
        if scope["method"] != "POST":
            await self.respond(scope, send, 405, _json_bytes({"detail": "Method Not Allowed"}),
                               [(b"allow", b"POST")])
            return
        try:
            refusal = await self._csrf_refusal(scope) or self._auth_refusal(scope)
        except Exception:
            refusal = 503, {"exception_message": "Service Unavailable"}, ()
        if refusal is not None:
            status, content, headers = refusal
            await self.respond(scope, send, status, _json_bytes(content), headers, compress=False)
            return
        refusal = self._version_refusal(scope)
        if refusal is not None:
            status, content, headers = refusal
            await self.respond(scope, send, status, _json_bytes(content), headers)
            return

        body = await self._read_body(receive)
        status, content = await self._answer(scope, run_type, body)
        await self.respond(scope, send, status, content)

    @staticmethod
    async def _read_body(receive) -> bytes:
        chunks = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _answer(self, scope, run_type, body: bytes):
        if not body:
            return 422, self._invalid(_missing(REQUIRED_KEYS), None)
        if not _is_json_content_type(_header(scope, b"content-type")):
            # FastAPI leaves the body as bytes: it finds none of the keys
            return 422, self._invalid(_missing(REQUIRED_KEYS), body.decode("utf-8", "replace"))
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return 400, _json_bytes({"detail": "There was an error parsing the body"})

        outcome = await self.database.history(run_type, text)
        if isinstance(outcome, Answer):
            return 200, outcome.body.encode("utf-8")
        if isinstance(outcome, InvalidBody):
            for item in outcome.errors:
                if item["type"] == INTERVAL_TOO_SHORT:
                    return 422, _json_bytes({"detail": item["msg"]})
            return 422, self._invalid(outcome.errors, json.loads(text))
        if isinstance(outcome, UndecodableJson):
            try:
                json.loads(text)
            except json.JSONDecodeError as error:
                item = {"type": "json_invalid", "loc": ["body", error.pos], "msg": "JSON decode error",
                        "input": {}, "ctx": {"error": error.msg}}
                return 422, self._invalid([item], error.doc)
            # JSON Python reads and PostgreSQL cannot hold (NaN, \u0000): README, limits
        return 503, _json_bytes({"exception_message": "Service Unavailable"})

    @staticmethod
    def _invalid(items, request_body) -> bytes:
        return _json_bytes({"exception_message": "Invalid request received.",
                            "exception_detail": items, "request_body": request_body})
