"""Business rules of LSU (shared/spec/rules.md): catalogue, execution, outputs, `check` command."""
from .catalog import Rule, load_catalog
from .errors import RulesError, UnknownRuleError, UnknownThresholdError
from .runner import RuleResult, RulesRun, run_rules


def check(*args, **kwargs):
    """See `lsu_analytics.rules.command.check` (imported lazily: it pulls in the GX layer)."""
    from .command import check as _check
    return _check(*args, **kwargs)


__all__ = ["Rule", "RuleResult", "RulesError", "RulesRun", "UnknownRuleError", "UnknownThresholdError",
           "check", "load_catalog", "run_rules"]
