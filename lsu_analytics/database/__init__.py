"""Opening DuckDB: the settings every command applies (memory, threads, spill folder)."""
from .connection import connect, duckdb_config, resource_error_message, temp_folder
from .settings import (ENV_MEMORY_LIMIT, ENV_TEMP_DIRECTORY, ENV_THREADS, DuckDbSettings, SettingsError,
                       apply_to_environment, current_settings, default_settings)

__all__ = ["ENV_MEMORY_LIMIT", "ENV_TEMP_DIRECTORY", "ENV_THREADS", "DuckDbSettings", "SettingsError",
           "apply_to_environment", "connect", "current_settings", "default_settings", "duckdb_config",
           "resource_error_message", "temp_folder"]
