"""Altair charts of the reports. Hidden (secret) values are never drawn: callers pass visible rows only.

Accessibility: Vega's automatic ARIA texts (English, raw field names) are turned off; each chart travels
with a one-sentence French summary (`Graphique`) that the report shows beside it and gives to screen readers."""
from __future__ import annotations

from typing import NamedTuple

import altair as alt
import pandas as pd

from . import labels

FONT = "DejaVu Sans, Arial, sans-serif"
COULEURS_SEVERITE = {"Critique": "#b2182b", "Majeure": "#ef8a62", "Mineure": "#fddbc7", "Information": "#d1e5f0"}
COULEURS_SOCLE = ["#d7191c", "#fdae61", "#a6d96a", "#1a9641"]


class Graphique(NamedTuple):
    chart: alt.TopLevelMixin
    resume: str  # one sentence in French: what the chart shows


def _base(chart: alt.Chart) -> alt.Chart:
    return chart.configure(font=FONT, aria=False).configure_view(stroke=None)


def avancement(df: pd.DataFrame) -> alt.Chart:
    """Grouped bars: for each period, % written, locked, acknowledged. df: periode, libelle, valeur."""
    return _base(alt.Chart(df).mark_bar().encode(
        x=alt.X("periode:O", title="Période"),
        xOffset=alt.XOffset("libelle:N"),
        y=alt.Y("valeur:Q", title="Taux", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("libelle:N", title=None, legend=alt.Legend(orient="bottom", labelLimit=400)),
        tooltip=[alt.Tooltip("periode:O", title="Période"), alt.Tooltip("libelle:N", title="Indicateur"),
                 alt.Tooltip("valeur:Q", title="Taux", format=".1%")],
    ).properties(width=420, height=220))


def barres_triees(df: pd.DataFrame, titre_x: str) -> alt.Chart:
    """Horizontal bars sorted from the lowest rate. df: libelle, valeur (ratio)."""
    return _base(alt.Chart(df).mark_bar(color="#2b6cb0").encode(
        y=alt.Y("libelle:N", title=None, sort=alt.EncodingSortField("valeur", order="ascending"),
                axis=alt.Axis(labelLimit=320)),
        x=alt.X("valeur:Q", title=titre_x, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("libelle:N", title="Périmètre"), alt.Tooltip("valeur:Q", title="Taux", format=".1%")],
    ).properties(width=360, height=alt.Step(16)))


def socle(df: pd.DataFrame) -> alt.Chart:
    """Stacked bars per domain: share of each positionnement. df: niveau_scolaire, domaine_libelle,
    positionnement_libelle, positionnement, valeur."""
    ordre = list(labels.POSITIONNEMENTS_SOCLE.values())
    return _base(alt.Chart(df).mark_bar().encode(
        y=alt.Y("domaine_libelle:N", title=None, sort=list(labels.DOMAINES_SOCLE.values()),
                axis=alt.Axis(labelLimit=360)),
        x=alt.X("valeur:Q", title="Part des bilans de fin de cycle verrouillés", stack="zero",
                axis=alt.Axis(format="%")),
        color=alt.Color("positionnement_libelle:N", title="Positionnement",
                        scale=alt.Scale(domain=ordre, range=COULEURS_SOCLE),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=300)),
        order=alt.Order("positionnement:Q"),
        row=alt.Row("niveau_scolaire:N", title=None, sort=["CE2", "6e", "3e"], header=alt.Header(labelOrient="top", labelFontWeight="bold")),
        tooltip=[alt.Tooltip("niveau_scolaire:N", title="Niveau"), alt.Tooltip("domaine_libelle:N", title="Domaine"),
                 alt.Tooltip("positionnement_libelle:N", title="Positionnement"),
                 alt.Tooltip("valeur:Q", title="Part", format=".1%")],
    ).properties(width=360, height=alt.Step(16)))


def taux_horizontaux(df: pd.DataFrame, titre_x: str) -> alt.Chart:
    """Bars in the given order (no sorting). df: libelle, valeur (ratio)."""
    return _base(alt.Chart(df).mark_bar(color="#2f855a").encode(
        y=alt.Y("libelle:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        x=alt.X("valeur:Q", title=titre_x, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("libelle:N", title="Attestation"), alt.Tooltip("valeur:Q", title="Taux", format=".1%")],
    ).properties(width=360, height=alt.Step(18)))


def comptes_par_severite(df: pd.DataFrame, titre_x: str) -> alt.Chart:
    """Horizontal stacked counts. df: libelle, severite_libelle, nombre, ordre (sort key of libelle)."""
    ordre = [s for s in COULEURS_SEVERITE]
    return _base(alt.Chart(df).mark_bar().encode(
        y=alt.Y("libelle:N", title=None, sort=alt.EncodingSortField("ordre", order="ascending"),
                axis=alt.Axis(labelLimit=360)),
        x=alt.X("nombre:Q", title=titre_x, stack="zero", axis=alt.Axis(format="d", tickMinStep=1)),
        color=alt.Color("severite_libelle:N", title="Sévérité",
                        scale=alt.Scale(domain=ordre, range=list(COULEURS_SEVERITE.values())),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("libelle:N", title="Libellé"), alt.Tooltip("severite_libelle:N", title="Sévérité"),
                 alt.Tooltip("nombre:Q", title="Anomalies")],
    ).properties(width=360, height=alt.Step(16)))
