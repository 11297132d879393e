"""Benchmarks (`lsu-analytics bench ...`): the only place, with the CLI, that runs the generator; they
print figures, tests never check timings."""
