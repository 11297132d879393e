"""DuckDB settings of every command, declared once: memory_limit, threads, temp_directory.

Each setting comes from its environment variable, else from the machine. The CLI options set the
variables (cli/duckdb_options.py), so the processes a command starts (GX workers, report kernels,
pipeline steps) open DuckDB with the same settings.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

ENV_MEMORY_LIMIT = "LSU_DUCKDB_MEMORY_LIMIT"
ENV_THREADS = "LSU_DUCKDB_THREADS"
ENV_TEMP_DIRECTORY = "LSU_DUCKDB_TEMP_DIRECTORY"

# A third of the machine's memory: DuckDB's own default (80 %) leaves nothing for the GX processes, the
# report kernels and the other users of a shared machine; beyond the limit DuckDB spills to temp_directory.
DEFAULT_MEMORY_SHARE = 3
MIN_MEMORY_BYTES = 32 * 1000 ** 2  # below this DuckDB cannot hold the row groups of a wide table

_UNITS = {"b": 1, "kb": 1000, "mb": 1000 ** 2, "gb": 1000 ** 3, "tb": 1000 ** 4,
          "kib": 1024, "mib": 1024 ** 2, "gib": 1024 ** 3, "tib": 1024 ** 4}
_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([kmgt]i?b|b)?\s*$", re.IGNORECASE)
_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")


class SettingsError(ValueError):
    """A DuckDB setting is invalid; the message (French) names the option, the variable and what to give."""


def machine_memory_bytes() -> int:
    """Physical memory, or the cgroup's limit when it is lower (a container)."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        raw = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if raw.isdigit():
            total = min(total, int(raw))
    except OSError:
        pass
    return total


def machine_threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _gib(n: int) -> str:
    if n < 1024 ** 3:
        return f"{n / 1024 ** 2:.0f} Mio"
    return f"{n / 1024 ** 3:.1f} Gio".replace(".", ",")


def _where(option: str, env: str) -> str:
    return f"{option} (ou la variable d'environnement {env})"


def parse_memory(text: str) -> int:
    """'4GB', '3.5GiB', '512MB', '40%' (of the machine's memory) -> bytes."""
    where = _where("--memory-limit", ENV_MEMORY_LIMIT)
    m = _PERCENT.match(text)
    if m:
        share = float(m.group(1).replace(",", "."))
        if not 0 < share <= 100:
            raise SettingsError(f"{where} : « {text} » n'est pas un pourcentage entre 1 et 100 de la mémoire.")
        value = int(machine_memory_bytes() * share / 100)
    else:
        m = _SIZE.match(text)
        if not m:
            raise SettingsError(f"{where} : « {text} » n'est pas une taille de mémoire ; écrire par ex. 4GB, "
                                "512MB, 3GiB ou 40% (de la mémoire de la machine).")
        value = int(float(m.group(1).replace(",", ".")) * _UNITS[(m.group(2) or "b").lower()])
    if value < MIN_MEMORY_BYTES:
        raise SettingsError(f"{where} : « {text} » est trop petit ; DuckDB a besoin d'au moins 32MB.")
    total = machine_memory_bytes()
    if value > total:
        raise SettingsError(f"{where} : « {text} » dépasse la mémoire de la machine ({_gib(total)}) ; "
                            "donner moins (DuckDB écrit sur disque ce qui ne tient pas).")
    return value


def parse_threads(text: str) -> int:
    where = _where("--threads", ENV_THREADS)
    try:
        value = int(str(text).strip())
    except ValueError:
        raise SettingsError(f"{where} : « {text} » n'est pas un nombre entier de fils d'exécution.") from None
    if value < 1:
        raise SettingsError(f"{where} : {value} ; il faut au moins 1 fil d'exécution.")
    return value


def check_temp_directory(text: str) -> Path:
    where = _where("--temp-directory", ENV_TEMP_DIRECTORY)
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise SettingsError(f"{where} : {path} existe et n'est pas un dossier ; donner un dossier.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SettingsError(f"{where} : impossible de créer le dossier {path} ({e.strerror}).") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise SettingsError(f"{where} : le dossier {path} n'est pas accessible en écriture.")
    return path.resolve()


@dataclass(frozen=True)
class DuckDbSettings:
    memory_bytes: int
    threads: int
    temp_directory: Path | None  # None: a folder beside the database (or the system's temporary folder)

    @property
    def memory_limit(self) -> str:
        """The limit as DuckDB reads it (whole mebibytes)."""
        return f"{max(1, self.memory_bytes // 1024 ** 2)}MiB"

    def describe(self) -> str:
        temp = str(self.temp_directory) if self.temp_directory else "à côté de la base"
        return (f"memory_limit {_gib(self.memory_bytes)}, threads {self.threads}, "
                f"temp_directory {temp}")


def default_settings() -> DuckDbSettings:
    return DuckDbSettings(machine_memory_bytes() // DEFAULT_MEMORY_SHARE, machine_threads(), None)


def current_settings(environ: dict | None = None) -> DuckDbSettings:
    """The settings in force: each environment variable, else the default. Raises SettingsError."""
    env = os.environ if environ is None else environ
    default = default_settings()
    memory = env.get(ENV_MEMORY_LIMIT, "").strip()
    threads = env.get(ENV_THREADS, "").strip()
    temp = env.get(ENV_TEMP_DIRECTORY, "").strip()
    return DuckDbSettings(parse_memory(memory) if memory else default.memory_bytes,
                          parse_threads(threads) if threads else default.threads,
                          check_temp_directory(temp) if temp else None)


def apply_to_environment(memory_limit: str | None, threads: str | int | None,
                         temp_directory: str | Path | None) -> DuckDbSettings:
    """Validate the given values (None: keep the variable or the default) and export them for this
    process and its children; return the settings in force. Raises SettingsError, changing nothing."""
    given = {name: str(value) for name, value in ((ENV_MEMORY_LIMIT, memory_limit), (ENV_THREADS, threads),
                                                  (ENV_TEMP_DIRECTORY, temp_directory)) if value is not None}
    settings = current_settings({**os.environ, **given})  # what the environment still decides is checked too
    os.environ.update(given)
    return settings
