"""Scheduled pipelines: a YAML file describes a run (load, check, indicators, reports); see docs/planification.md."""
from .runner import PipelineImpossible, RunOutcome, run_pipeline
from .spec import PipelineSpec
from .steps import DEFAULT_STEPS
from .validate import PipelineSpecError, load_pipeline_spec

__all__ = ["DEFAULT_STEPS", "PipelineImpossible", "PipelineSpec", "PipelineSpecError", "RunOutcome",
           "load_pipeline_spec", "run_pipeline"]
