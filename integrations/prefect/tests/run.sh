#!/usr/bin/env bash
# The integration's tests (test_prefect.py): installs its Debian packages,
# then starts its own primary and hot standby from $PG_BIN (default: Debian's
# PostgreSQL 15), into which flow_history must already be installed (as
# scripts/test.sh does before calling this).  Ends with
# "prefect: N passed, N failed"; exit status 0 only if nothing failed.
#
#   sudo integrations/prefect/tests/run.sh
#   PG_BIN=/path/to/private/usr/lib/postgresql/15/bin integrations/prefect/tests/run.sh
CALLER_PG_BIN=${PG_BIN:-}
source "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/common.sh"
PG_BIN=${CALLER_PG_BIN:-$PG_BIN}

# python3-fastapi only for the test stand-in of Prefect's app; the package needs
# python3-asyncpg, and python3-uvicorn to serve it
install_dependencies python3-asyncpg python3-uvicorn python3-fastapi
PG_BIN=$PG_BIN exec "$PYTHON" "$REPO/integrations/prefect/tests/test_prefect.py"
