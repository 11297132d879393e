-- Anomalies of the rules just run, one row per anomaly, with what a ticket needs ($1 = list of rule ids).
-- Lookup tables registered by outputs.py: sortie_regles (rule_id, titre, acteur, remediation),
-- sortie_acteurs (code, degre, libelle), sortie_academies (code, libelle), sortie_departements (code, libelle).
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
       r.remediation
FROM anomalies AS a
LEFT JOIN sortie_regles AS r ON r.rule_id = a.rule_id
LEFT JOIN etablissements AS e ON e.uai = a.uai
LEFT JOIN sortie_departements AS d ON d.code = e.departement
LEFT JOIN sortie_academies AS ac ON ac.code = a.academie
LEFT JOIN sortie_acteurs AS ag
       ON ag.code = r.acteur AND ag.degre IS NOT DISTINCT FROM (CASE WHEN e.degre IN ('1D', '2D') THEN e.degre END)
WHERE list_contains($1, a.rule_id)
ORDER BY a.rule_id, a.uai NULLS FIRST, a.millesime NULLS FIRST, a.eleve_id NULLS FIRST, a.classe_id NULLS FIRST,
         a.objet_id NULLS FIRST
