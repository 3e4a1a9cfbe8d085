"""JupyterHub's configuration for one class on one machine (started by `python tools/hub.py start`, i.e. `make hub`).

Everything that varies is read from STATE (hub/classroom.py): the settings the teacher gave to
`tools/hub.py start` (address, port, teacher's name, limits), the secrets (generated there on first
start, mode 600), the database and the log. Nothing here is secret, so this file is in the repository.

- Log-in: NativeAuthenticator, with accounts the teacher creates (`tools/hub.py add-students N`): a
  password per student, no sign-up page, no identity provider. The teacher is the admin.
- Isolation: each student is a system user with a home of mode 700 (LocalProcessSpawner runs their
  server as that user), so one student cannot open another's files.
- Limits: memory and CPU per student through a cgroup when the machine lets the hub make one
  (cgroup v1 or v2, writable); without one, LocalProcessSpawner cannot enforce them and the log says so.
  At most 256 processes per student (RLIMIT_NPROC) in every case.
- Each student's copy of the class edition is made, or updated without overwriting their work, before
  their server starts (pre_spawn_hook).
- Idle servers are stopped after `idle_timeout` seconds by jupyterhub-idle-culler (work is on disk).
"""

import contextlib
import os
import resource
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import classroom  # noqa: E402
from jupyterhub.spawner import LocalProcessSpawner  # noqa: E402
from nativeauthenticator import NativeAuthenticator  # noqa: E402
from nativeauthenticator.handlers import LoginHandler as NativeLoginHandler  # noqa: E402

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - JupyterHub provides get_config
SETTINGS = classroom.settings()
STATE = classroom.STATE
PYTHON = classroom.venv_python()
TEACHER = SETTINGS["teacher"]
CGROUPS = Path(os.environ.get("SCO_HUB_CGROUPS", "/sys/fs/cgroup"))

# --- the hub, its address and its secrets -------------------------------------------------------------
c.JupyterHub.ip = SETTINGS["ip"]
c.JupyterHub.port = int(SETTINGS["port"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(SETTINGS.get("hub_port", int(SETTINGS["port"]) + 1))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(SETTINGS['port']) + 2}"
c.ConfigurableHTTPProxy.command = [str(classroom.PREFIX / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.auth_token = classroom.secret(STATE / "proxy_token")
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
classroom.secret(STATE / "cookie_secret")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.data_files_path = str(PYTHON.parent.parent / "share" / "jupyterhub")
c.JupyterHub.cleanup_servers = True  # `make hub-stop` stops the students' servers too (their work is on disk)

# --- log-in --------------------------------------------------------------------------------------------
class ClassLoginHandler(NativeLoginHandler):
    """NativeAuthenticator 1.3.0's log-in page, whose POST timed itself with `self.statsd`, which JupyterHub 6 no longer has."""

    async def post(self):
        """Log the user in, or show the form again with why not (the same messages as NativeAuthenticator's)."""
        data = {argument: self.get_argument(argument, strip=False) for argument in self.request.arguments}
        user = await self.login_user(data)
        if user:
            self._jupyterhub_user = user
            self.redirect(self.get_next_url(user))
            return
        found = self.authenticator.get_user(data.get("username", ""))
        waiting = found is not None and found.is_valid_password(data.get("password", "")) and not found.is_authorized
        error = f"User {data['username']} has not been authorized by an administrator yet." if waiting else "Invalid username or password."
        self.finish(await self._render(login_error=error, username=data.get("username", "")))


class ClassAuthenticator(NativeAuthenticator):
    """NativeAuthenticator with ClassLoginHandler for its log-in page (the rest as it is: /hub/change-password, /hub/authorize)."""

    def get_handlers(self, app):
        """NativeAuthenticator's pages, with the log-in page replaced."""
        return [(path, ClassLoginHandler if path == r"/login" else handler) for path, handler in super().get_handlers(app)]


c.JupyterHub.authenticator_class = ClassAuthenticator
c.ClassAuthenticator.enable_signup = False  # the teacher creates the accounts; nobody can claim a name
c.ClassAuthenticator.allow_all = True  # every account the teacher created (only those exist) may log in
c.ClassAuthenticator.minimum_password_length = 8
c.ClassAuthenticator.allowed_failed_logins = 10
c.ClassAuthenticator.seconds_before_next_try = 60
c.Authenticator.admin_users = {TEACHER}


# --- students' servers --------------------------------------------------------------------------------
def cgroup_limits(name: str, mem_bytes: int, cpus: float) -> list[Path]:
    """Make a cgroup for a student with their memory and CPU limits; return the cgroup.procs files to join (none if it cannot)."""
    joined = []
    v2 = CGROUPS / "cgroup.controllers"
    try:
        if v2.exists():
            group = CGROUPS / "sco-hub" / name
            group.mkdir(parents=True, exist_ok=True)
            (CGROUPS / "sco-hub" / "cgroup.subtree_control").write_text("+memory +cpu")
            (group / "memory.max").write_text(str(mem_bytes))
            (group / "cpu.max").write_text(f"{int(cpus * 100000)} 100000")
            joined.append(group / "cgroup.procs")
        else:
            memory = CGROUPS / "memory" / "sco-hub" / name
            memory.mkdir(parents=True, exist_ok=True)
            (memory / "memory.limit_in_bytes").write_text(str(mem_bytes))
            joined.append(memory / "cgroup.procs")
            cpu = CGROUPS / "cpu" / "sco-hub" / name
            cpu.mkdir(parents=True, exist_ok=True)
            (cpu / "cpu.cfs_period_us").write_text("100000")
            (cpu / "cpu.cfs_quota_us").write_text(str(int(cpus * 100000)))
            joined.append(cpu / "cgroup.procs")
    except OSError:
        return joined
    return joined


class ClassSpawner(LocalProcessSpawner):
    """LocalProcessSpawner that puts each student's server in a cgroup of their own (when it can) and caps their processes."""

    def make_preexec_fn(self, name):
        """Join the student's cgroups and cap processes (as root, before the switch to the student's user), then switch."""
        switch = super().make_preexec_fn(name)
        joins = cgroup_limits(name, self.mem_limit or 0, self.cpu_limit or 1.0) if self.mem_limit else []
        if not joins:
            self.log.warning("No cgroup for %s: memory and CPU limits are not enforced on this machine (LocalProcessSpawner cannot)", name)

        def preexec():
            for procs in joins:
                with contextlib.suppress(OSError):
                    procs.write_text(str(os.getpid()))
            resource.setrlimit(resource.RLIMIT_NPROC, (256, 256))
            switch()

        return preexec


def prepare_home(spawner) -> None:
    """Before a student's server starts: their system user (created if missing), and their copy of the class edition, updated."""
    found = classroom.ensure_system_user(spawner.user.name)
    report = classroom.sync_edition(classroom.edition_dir(), Path(found.pw_dir), (found.pw_uid, found.pw_gid))
    spawner.log.info("Class edition for %s: %d copied, %d updated, %d kept as the student changed them",
                     spawner.user.name, len(report["copied"]), len(report["updated"]), len(report["kept"]))


c.JupyterHub.spawner_class = ClassSpawner
c.Spawner.pre_spawn_hook = prepare_home
c.Spawner.cmd = [str(PYTHON.parent / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = f"/lab/tree/{classroom.COPY}/notebooks/00_start_here.ipynb"
c.Spawner.environment = {
    "PYTHONPATH": lambda spawner: str(Path(classroom.ensure_system_user(spawner.user.name).pw_dir) / classroom.COPY),
}
c.Spawner.mem_limit = SETTINGS["mem_limit"]
c.Spawner.cpu_limit = float(SETTINGS["cpu_limit"])
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.args = ["--ServerApp.terminals_enabled=False"]  # students work in notebooks; no shell on the teacher's machine

# --- idle servers ---------------------------------------------------------------------------------------
c.JupyterHub.load_roles = [
    {"name": "idle-culler", "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"], "services": ["idle-culler"]},
    # tools/hub.py (status) and tools/loadtest.py (a token per simulated student) use this service's token, kept in STATE (mode 600)
    {"name": "sco-tools", "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"], "services": ["sco-tools"]},
]
c.JupyterHub.services = [
    {"name": "idle-culler",
     "command": [str(PYTHON), "-m", "jupyterhub_idle_culler", f"--timeout={int(SETTINGS['idle_timeout'])}", "--cull-every=60"]},
    {"name": "sco-tools", "api_token": classroom.secret(STATE / "api_token")},
]
