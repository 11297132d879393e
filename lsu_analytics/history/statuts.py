"""The statuses of an anomaly in a history (history.md), and how a reader sees them."""
from __future__ import annotations

# In order of a reader's first question: what is new, what came back, what is still there, what was fixed.
# The same words are written by sql/recalculer_suivi.sql (a test checks they match).
NOUVELLE, REAPPARUE, PERSISTANTE, RESOLUE = "nouvelle", "reapparue", "persistante", "resolue"
STATUTS = (NOUVELLE, REAPPARUE, PERSISTANTE, RESOLUE)
LIBELLES = {NOUVELLE: "nouvelles", REAPPARUE: "réapparues", PERSISTANTE: "persistantes", RESOLUE: "résolues"}
