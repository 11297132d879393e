"""Peak resident memory of this process."""
from __future__ import annotations

import resource
from pathlib import Path


def peak_rss_kib() -> int:
    """VmHWM of this process, in KiB. Not ru_maxrss: that survives exec on Linux and would report the
    parent's peak when it is higher."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def children_peak_rss_kib() -> int:
    """ru_maxrss of the largest reaped child process, in KiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
