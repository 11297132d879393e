"""The statuses of an anomaly in a history (history.md), from the project's vocabulary.

sql/recalculer_suivi.sql and sql/vues.sql write the same words (a test checks they match)."""
from __future__ import annotations

from lsu_analytics.contract.vocabulary import STATUT_ANOMALIE_LIBELLES, STATUTS_ANOMALIE

NOUVELLE, REAPPARUE, PERSISTANTE, RESOLUE = STATUTS_ANOMALIE
STATUTS = STATUTS_ANOMALIE
LIBELLES = STATUT_ANOMALIE_LIBELLES
