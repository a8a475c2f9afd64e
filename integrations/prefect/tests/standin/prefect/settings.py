"""TEST STAND-IN for prefect.settings: the settings the integration reads."""
import os


class SecretStr:
    def __init__(self, value):
        self._value = value

    def get_secret_value(self):
        return self._value


class Setting:
    def __init__(self, name, secret=False, boolean=False):
        self.name, self.secret, self.boolean = name, secret, boolean

    def value(self):
        raw = os.environ.get(self.name)
        if self.boolean:
            return (raw or "").lower() in ("1", "true", "yes", "on")
        if raw is None:
            return None
        return SecretStr(raw) if self.secret else raw


PREFECT_API_DATABASE_CONNECTION_URL = Setting("PREFECT_API_DATABASE_CONNECTION_URL", secret=True)
PREFECT_SERVER_API_AUTH_STRING = Setting("PREFECT_SERVER_API_AUTH_STRING", secret=True)
PREFECT_SERVER_CSRF_PROTECTION_ENABLED = Setting("PREFECT_SERVER_CSRF_PROTECTION_ENABLED", boolean=True)
PREFECT_SERVER_CORS_ALLOWED_ORIGINS = Setting("PREFECT_SERVER_CORS_ALLOWED_ORIGINS")
