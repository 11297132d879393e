-- Needs the tables anomalies and etablissements (created after the checks on them).
-- Anomalies of a perimeter at or above a severity (one row per anomaly, with its establishment).
-- An anomaly with no establishment and no academy (e.g. REF-01) only belongs to the national perimeter.
CREATE OR REPLACE TEMP MACRO anomalies_perimetre(niveau, code, severite_min) AS TABLE
    SELECT a.rule_id, a.severite, rang_severite(a.severite) AS rang, a.uai, e.nom AS etablissement,
           a.academie, a.millesime, a.eleve_id, a.classe_id, a.objet_id, a.detail
    FROM anomalies a
    LEFT JOIN etablissements e ON e.uai = a.uai
    WHERE rang_severite(a.severite) <= rang_severite(severite_min)
      AND dans_perimetre(niveau, code, coalesce(a.academie, e.academie), e.departement, e.circonscription, a.uai);
