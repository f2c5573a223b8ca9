"""A throw-away PostgreSQL server for the test run (and the benchmark).

Debian keeps the server programs in /usr/lib/postgresql/<major>/bin. ``pg_ctl`` refuses to
run as root, so as root the cluster belongs to the ``postgres`` user and every server
command runs through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    if candidates:
        return Path(candidates[-1])
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL server programs not found; run `make test` (it installs Debian's "
        "postgresql package) or `apt-get install postgresql`."
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    root: Path
    port: int
    bin_dir: Path
    as_postgres_user: bool

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_postgres_user:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def stop_for_now(self) -> None:
        """What a server restart looks like to its clients: every connection dropped, the port
        refusing, the data kept (:meth:`start_again` brings it back)."""
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")

    def start_again(self) -> None:
        sockets = self.root / "sockets"
        self._run("pg_ctl", "-D", str(self.root / "data"), "-o", _options(self.port, sockets),
                  "-l", str(sockets / "log"), "-w", "-t", "30", "start")

    def stop(self) -> None:
        """Stop the server and remove its files. A run leaves hundreds of databases (gigabytes
        of small files) that took half a minute to delete while every test worker waited; the
        deleting goes on in a process of its own, which outlives the test run."""
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop")
        finally:
            # The shell starts rm in the background and ends at once: nothing left to wait for.
            subprocess.run(["sh", "-c", 'rm -rf -- "$1" &', "sh", str(self.root)], check=False,
                           start_new_session=True, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _options(port: int, sockets: Path) -> str:
    return (f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
            "-c max_connections=200")


def start_server() -> PostgresServer:
    bin_dir = _bin_dir()
    as_root = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    server = PostgresServer(root=root, port=_free_port(), bin_dir=bin_dir, as_postgres_user=as_root)
    if as_root:
        os.chmod(root, 0o755)
        shutil.chown(sockets, "postgres", "postgres")
        data.mkdir()
        shutil.chown(data, "postgres", "postgres")
    try:
        server._run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync",
                    "-E", "UTF8", "--locale=C")
        server._run("pg_ctl", "-D", str(data), "-o", _options(server.port, sockets),
                    "-l", str(sockets / "log"), "-w", "-t", "30", "start")
    except subprocess.CalledProcessError as error:
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"could not start PostgreSQL: {error.stderr or error}") from error
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.stop()
    raise PostgresUnavailable("PostgreSQL started but does not accept connections")
