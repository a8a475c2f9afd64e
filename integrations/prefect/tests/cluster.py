"""Throwaway PostgreSQL clusters for the integration tests: run as the
postgres user (initdb refuses root), on a random free loopback port and a
unix socket in their own temporary directory."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(args, **kwargs):
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)


class Cluster:
    def __init__(self, name: str):
        self.dir = tempfile.mkdtemp(prefix=f"flow_history_prefect_{name}.")
        os.chmod(self.dir, 0o755)
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = os.path.join(self.dir, "data")
        self.port = free_port()
        self.running = False

    def dsn(self, dbname="postgres", user="postgres", tcp=False) -> str:
        if tcp:
            return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"
        return f"postgresql://{user}@/{dbname}?host={self.dir}&port={self.port}"

    def initdb(self, settings=()):
        _as_owner([f"{PG_BIN}/initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
                   "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        self.configure(settings)

    def configure(self, settings):
        with open(os.path.join(self.data, "postgresql.auto.conf"), "a") as conf:
            for line in settings:
                conf.write(line + "\n")

    def start(self):
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=on")
        _as_owner([f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "server.log"),
                   "-w", "-o", options, "start"])
        self.running = True

    def basebackup_from(self, primary: "Cluster"):
        """A streaming-replication hot standby of `primary` (pg_basebackup -R)."""
        _as_owner([f"{PG_BIN}/pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port),
                   "-U", "postgres", "-D", self.data, "-R", "-X", "stream", "--no-sync",
                   "--checkpoint=fast"])

    def psql(self, sql: str, dbname="postgres") -> str:
        result = subprocess.run([f"{PG_BIN}/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                 "-h", self.dir, "-p", str(self.port), "-U", "postgres",
                                 "-d", dbname], input=sql, text=True, check=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return result.stdout.strip()

    def psql_file(self, path: str, dbname: str):
        opener = ["gunzip", "-c", path] if path.endswith(".gz") else ["cat", path]
        data = subprocess.run(opener, check=True, stdout=subprocess.PIPE).stdout
        subprocess.run([f"{PG_BIN}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.dir,
                        "-p", str(self.port), "-U", "postgres", "-d", dbname,
                        "-c", "SET client_min_messages = warning", "-f", "-"],
                       input=data, check=True, stdout=subprocess.DEVNULL)

    def crashed(self) -> bool:
        log = os.path.join(self.dir, "server.log")
        with open(log, errors="replace") as f:
            text = f.read()
        return "terminated by signal" in text

    def stop(self):
        if self.running:
            subprocess.run(["runuser", "-u", "postgres", "--"] * (os.getuid() == 0)
                           + [f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", "immediate", "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.running = False
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_for_port(port: int, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")
