"""One Jupyter kernel kept for the reports a process renders one after another (a pipeline's worker).

Starting a kernel and importing pandas, Altair and this package inside it costs more than most reports'
own queries: kept, they are paid once per worker. Before each report the kernel's namespace is emptied
(IPython's reset: the variables of the previous report are gone, imported modules stay), so a report sees
what a fresh kernel would show it. A kernel that died is replaced.
"""
from __future__ import annotations

from jupyter_client.manager import KernelManager

from .notebooks import NOTEBOOKS_DIR

# The kernel would print a TCP warning on our stderr at each start.
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]
_RESET = "get_ipython().reset(new_session=False)\nimport gc as _gc\n_gc.collect()\ndel _gc"

_kernel: KernelManager | None = None


def shared_kernel() -> KernelManager:
    """The process's kernel, started on first use, emptied for the next report."""
    global _kernel
    if _kernel is not None and _kernel.is_alive():
        _empty(_kernel)
        return _kernel
    stop_shared_kernel()
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(NOTEBOOKS_DIR), extra_arguments=KERNEL_ARGS)
    _kernel = km
    return km


def _empty(km: KernelManager) -> None:
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        reply = kc.execute_interactive(_RESET, silent=True, store_history=False, timeout=60)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"le kernel Jupyter n'a pas pu être vidé ({reply['content'].get('evalue')})")
    finally:
        kc.stop_channels()


def stop_shared_kernel() -> None:
    """Stop the process's kernel, if any (a worker calls it as it ends)."""
    global _kernel
    if _kernel is None:
        return
    km, _kernel = _kernel, None
    try:
        km.shutdown_kernel(now=True)
    except Exception:  # noqa: BLE001 - a kernel already gone is what we want
        pass


def shared_kernel_pid() -> int | None:
    """The kept kernel's process id (a benchmark reads its CPU time), or None when none runs."""
    return getattr(_kernel.provisioner, "pid", None) if _kernel is not None and _kernel.provisioner else None
