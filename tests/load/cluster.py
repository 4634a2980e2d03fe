"""A throwaway PostgreSQL cluster of its own: the load tests' (``tests/load/conftest.py``)
and ``make bench-applications DB=postgres``'s (``bench/applications.py``)."""

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import psycopg

DB_USER = "opi"


def postgres_bin():
    """The newest installed PostgreSQL's bin directory, or None."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    for directory in reversed(candidates):
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def log_tail(path, characters=3000):
    try:
        return Path(path).read_text(errors="replace")[-characters:]
    except OSError:
        return ""


class Cluster:
    """A PostgreSQL cluster of its own in a temporary directory: loopback only, on
    ``port``, fsync off. Run as user postgres when run as root (initdb and the server
    refuse root)."""

    def __init__(self, bin_dir, directory, port):
        self.bin_dir = bin_dir
        self.directory = directory
        self.data = directory / "data"
        self.log = directory / "server.log"
        self.port = port

    def run(self, *command, timeout=60):
        argv = [str(self.bin_dir / command[0]), *command[1:]]
        if os.geteuid() == 0:
            argv = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(argv)]
        finished = subprocess.run(
            argv, capture_output=True, text=True, timeout=timeout, check=False
        )
        if finished.returncode != 0:
            raise RuntimeError(
                f"{command[0]} failed: {finished.stderr}\n{log_tail(self.log)}"
            )

    def init(self):
        if os.geteuid() == 0:
            shutil.chown(self.directory, user="postgres")
        self.run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self.start()
        self.execute(f"CREATE ROLE {DB_USER} LOGIN CREATEDB PASSWORD '{DB_USER}'")

    def start(self):
        options = (
            f"-k {self.directory} -p {self.port} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30",
            "-o", options, "start",
        )  # fmt: skip

    def stop(self, mode="fast"):
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def is_running(self):
        return (self.data / "postmaster.pid").exists()

    def url(self, database):
        return f"postgres://{DB_USER}:{DB_USER}@127.0.0.1:{self.port}/{database}"

    def connect(self, database="postgres", user="postgres"):
        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=user,
            password=user if user == DB_USER else None,
            dbname=database,
            autocommit=True,
            connect_timeout=10,
        )

    def execute(self, sql, database="postgres"):
        with self.connect(database) as connection:
            connection.execute(sql)

    def copy_database(self, template, name):
        self.execute(f"CREATE DATABASE {name} TEMPLATE {template} OWNER {DB_USER}")
