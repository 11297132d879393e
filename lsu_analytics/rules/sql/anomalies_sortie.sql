-- Anomalies of the rules just run, one row per anomaly, with what a ticket needs, sorted as the `anomalies`
-- table. outputs.py fills the two placeholders: the columns (all, or all but the history's three) and the
-- filter (none, or a WHERE on `cle`: the audit report's perimeter).
-- Lookup tables created by outputs.py: sortie_regles (rule_id, titre, acteur, remediation: the rules run),
-- sortie_acteurs (code, degre, libelle), sortie_academies and sortie_departements (code, libelle),
-- sortie_diagnostics (eleve_id, chemin: only the ids a file name cannot hold as they are). Variables
-- sortie_prefixe, sortie_suffixe, sortie_id_sur: the diagnostic report's path is prefix || eleve_id || suffix
-- when eleve_id matches sortie_id_sur (reports/paths.py). Temporary table sortie_statuts
-- (history/colonnes.py): the history's status of each key, empty without a history.
SELECT {colonnes}
FROM (
    SELECT a.rule_id, a.severite, a.uai, a.academie, a.millesime, a.eleve_id, a.classe_id, a.objet_id, a.detail,
           a.date_evenement, a.cle,
           r.titre,
           e.nom AS etablissement,
           e.circonscription,
           e.departement,
           coalesce(d.libelle, e.departement) AS departement_nom,
           coalesce(ac.libelle, a.academie) AS academie_nom,
           r.acteur,
           ag.libelle AS qui_doit_agir,
           r.remediation,
           CASE WHEN regexp_full_match(a.eleve_id, getvariable('sortie_id_sur'))
                THEN getvariable('sortie_prefixe') || a.eleve_id || getvariable('sortie_suffixe')
                ELSE dg.chemin END AS rapport_diagnostic,
           coalesce(h.statut, 'nouvelle') AS statut,
           coalesce(h.premiere_extraction, (SELECT CAST(date_extraction AS TIMESTAMP) FROM manifeste)) AS premiere_extraction,
           coalesce(h.age_jours, 0) AS age_jours
    FROM anomalies AS a
    JOIN sortie_regles AS r ON r.rule_id = a.rule_id
    LEFT JOIN etablissements AS e ON e.uai = a.uai
    LEFT JOIN sortie_departements AS d ON d.code = e.departement
    LEFT JOIN sortie_academies AS ac ON ac.code = a.academie
    LEFT JOIN sortie_acteurs AS ag
           ON ag.code = r.acteur AND ag.degre IS NOT DISTINCT FROM (CASE WHEN e.degre IN ('1D', '2D') THEN e.degre END)
    LEFT JOIN sortie_diagnostics AS dg ON dg.eleve_id = a.eleve_id
    LEFT JOIN sortie_statuts AS h
           ON h.rule_id = a.rule_id AND h.uai IS NOT DISTINCT FROM a.uai AND h.millesime IS NOT DISTINCT FROM a.millesime
          AND h.eleve_id IS NOT DISTINCT FROM a.eleve_id AND h.classe_id IS NOT DISTINCT FROM a.classe_id
          AND h.objet_id IS NOT DISTINCT FROM a.objet_id
) AS sortie
{filtre}
ORDER BY rule_id, uai NULLS FIRST, millesime NULLS FIRST, eleve_id NULLS FIRST, classe_id NULLS FIRST, objet_id NULLS FIRST
