"""The one-line summary of each step, as a support agent reads it in the log and the index: French numbers."""
from __future__ import annotations

from lsu_analytics.pipelines.record import summary

NNBSP = "\u202f"


def test_national_counts_are_written_with_french_thousands_separators():
    assert summary("chargement", {"lignes_chargees": 508_173_311, "lignes_rejetees": 15}) == \
        f"508{NNBSP}173{NNBSP}311 ligne(s) chargée(s), 15 rejetée(s)"
    anomalies = {"total": 221_030, "par_severite": {"critique": 91_000, "majeure": 95_030, "info": 10_500}}
    assert summary("controles", {"anomalies": anomalies}) == \
        f"221{NNBSP}030 anomalie(s) (91{NNBSP}000 critique, 95{NNBSP}030 majeure, 10{NNBSP}500 info)"
    assert summary("indicateurs", {"lignes": 19_011_336, "lignes_masquees": 2_040}) == \
        f"19{NNBSP}011{NNBSP}336 ligne(s) d'indicateurs, 2{NNBSP}040 masquée(s) (secret statistique)"
