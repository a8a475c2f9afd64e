"""TEST STAND-IN for Prefect (see ../README.md); never installed."""
