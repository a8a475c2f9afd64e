"""TEST STAND-IN for prefect.server.api.server.create_app: the same middleware
layout as Prefect's (CORS and CSRF outside, GZip and basic auth on the mounted
API app, the API-version check as a router dependency)."""
import base64
import hashlib
import os

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.middleware.base import BaseHTTPMiddleware

from prefect import settings

# the stand-in's CSRF tokens: client -> token
CSRF_TOKENS = {"test-client": "test-token"}
LIFESPAN_EVENTS = []


async def enforce_minimum_version(x_prefect_api_version: str = Header(None)):
    if not x_prefect_api_version:
        return
    try:
        version = tuple(int(v) for v in x_prefect_api_version.split("."))
        if len(version) != 3:
            raise ValueError
    except ValueError:
        raise HTTPException(400, "Invalid X-PREFECT-API-VERSION header format.")
    if version < (0, 8, 0):
        raise HTTPException(400, "The request specified an old API version.")


class CsrfMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
            token = request.headers.get("Prefect-Csrf-Token")
            client = request.headers.get("Prefect-Csrf-Client")
            if token is None:
                return JSONResponse({"detail": "Missing CSRF token."}, status_code=403)
            if client is None:
                return JSONResponse({"detail": "Missing client identifier."}, status_code=403)
            if CSRF_TOKENS.get(client) != token:
                return JSONResponse({"detail": "Invalid CSRF token or client identifier."},
                                    status_code=403)
        return await call_next(request)


def create_api_app():
    api_app = FastAPI()
    api_app.add_middleware(GZipMiddleware)
    router = APIRouter()

    @router.post("/flow_runs/history")
    @router.post("/task_runs/history")
    async def history():
        return {"answered_by": "stand-in"}

    @router.get("/health")
    async def health():
        return True

    @router.get("/lifespan")
    async def lifespan_events():
        return LIFESPAN_EVENTS

    @router.post("/upload")
    async def upload(request: Request):
        digest, size = hashlib.sha256(), 0
        async for chunk in request.stream():
            digest.update(chunk)
            size += len(chunk)
        return {"sha256": digest.hexdigest(), "size": size}

    @router.get("/stream")
    async def stream():
        async def numbers():
            for i in range(1000):
                yield f"{i}\n".encode()
        return StreamingResponse(numbers(), media_type="text/plain")

    api_app.include_router(router, dependencies=[Depends(enforce_minimum_version)])

    auth_string = settings.PREFECT_SERVER_API_AUTH_STRING.value()
    if auth_string is not None:
        auth_string = auth_string.get_secret_value()

        @api_app.middleware("http")
        async def token_validation(request: Request, call_next):
            header = request.headers.get("Authorization")
            unauthorized = JSONResponse(status_code=401, content={"exception_message": "Unauthorized"})
            if header is None:
                return unauthorized
            try:
                scheme, creds = header.split()
                assert scheme == "Basic"
                decoded = base64.b64decode(creds).decode("utf-8")
            except Exception:
                return unauthorized
            if decoded != auth_string:
                return unauthorized
            return await call_next(request)

    return api_app


def create_app():
    # Prefect passes lifespan=; Debian's FastAPI 0.92 has the older hooks, same protocol
    async def startup():
        LIFESPAN_EVENTS.append("startup")

    async def shutdown():
        LIFESPAN_EVENTS.append("shutdown")
        marker = os.environ.get("STANDIN_SHUTDOWN_MARKER")
        if marker:
            with open(marker, "w") as f:
                f.write("shutdown")

    app = FastAPI(on_startup=[startup], on_shutdown=[shutdown])
    api_app = create_api_app()
    origins = (settings.PREFECT_SERVER_CORS_ALLOWED_ORIGINS.value() or "*").split(",")
    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["*"], allow_headers=["*"])
    if settings.PREFECT_SERVER_CSRF_PROTECTION_ENABLED.value():
        app.add_middleware(CsrfMiddleware)
    app.api_app = api_app
    app.mount("/api", app=api_app, name="api")
    return app
