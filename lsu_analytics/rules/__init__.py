"""Business rules of LSU (shared/spec/rules.md): catalogue, execution into `anomalies`, CSV/Parquet outputs."""
from .catalog import Rule, load_catalog
from .errors import RulesError, UnknownRuleError, UnknownThresholdError
from .runner import RuleResult, RulesRun, run_rules

__all__ = ["Rule", "RuleResult", "RulesError", "RulesRun", "UnknownRuleError", "UnknownThresholdError",
           "load_catalog", "run_rules"]
