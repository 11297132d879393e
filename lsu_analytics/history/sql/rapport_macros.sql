-- Anomalies of the history inside a perimeter (by their establishment in the report's database) at or above a
-- severity, with their status at each extraction. The anomaly's own academy first (kept by the history), as the
-- audit's other sections do (audit/macros.sql): one without establishment is counted in its academy, if it has
-- one, and in no department or finer perimeter.
CREATE OR REPLACE TEMP MACRO statuts_perimetre(niveau, code, severite_min) AS TABLE
    SELECT s.*, e.nom AS etablissement
    FROM statuts_extractions s
    LEFT JOIN etablissements e ON e.uai = s.uai
    WHERE rang_severite(s.severite) <= rang_severite(severite_min)
      AND dans_perimetre(niveau, code, coalesce(s.academie, e.academie), e.departement, e.circonscription, s.uai)
