"""Indicateurs LSU (shared/spec/indicators.md) : table `indicateurs`, tous périmètres, secret statistique."""
from .compute import FAMILLES, IndicateursError, IndicateursRun, compute_indicateurs

__all__ = ["FAMILLES", "IndicateursError", "IndicateursRun", "compute_indicateurs"]
