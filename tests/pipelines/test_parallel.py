"""Report workers: several jobs per worker process (a kernel kept for them), a clean end, and a job that
must not share its worker (Great Expectations) gets one of its own."""
from __future__ import annotations

import pipeline_fakes as fakes
from lsu_analytics.pipelines.parallel import Job, run_parallel


def test_workers_take_job_after_job_then_end_cleanly(tmp_path):
    jobs = [Job(f"j{i}", fakes.noter_processus, (tmp_path,)) for i in range(6)]
    outcomes = run_parallel(jobs, 2, at_worker_exit=fakes.noter_fin_de_processus)
    assert all(o.ok for o in outcomes.values())
    pids = {o.value for o in outcomes.values()}
    assert len(pids) <= 2  # six jobs, two workers
    assert {int(p.name.split("-")[1]) for p in tmp_path.glob("fin-*")} == pids  # each ran its end


def test_a_job_alone_does_not_share_its_worker(tmp_path):
    jobs = [Job("gx", fakes.noter_processus, (tmp_path,), alone=True)] + [
        Job(f"j{i}", fakes.noter_processus, (tmp_path,)) for i in range(4)]
    outcomes = run_parallel(jobs, 1, at_worker_exit=fakes.noter_fin_de_processus)
    others = {outcomes[f"j{i}"].value for i in range(4)}
    assert outcomes["gx"].ok and outcomes["gx"].value not in others and len(others) == 1
    assert (tmp_path / f"fin-{outcomes['gx'].value}").exists()
