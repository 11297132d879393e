-- Each edit of one of the pupil's reports of a closed school year (the edits HIS-02 looks at), with the
-- written authorisations of the pupil judged on HIS-02's criteria: the first that covers it, else the
-- closest one and what it lacks.
WITH rapports AS (
    SELECT bilan_id AS objet_id, uai, millesime FROM bilans_periodiques WHERE eleve_id = $eleve_id
    UNION ALL SELECT bilan_cycle_id, uai, millesime FROM bilans_cycle WHERE eleve_id = $eleve_id
), editions AS (
    SELECT m.modification_id, m.date_modification, m.action, m.objet, m.objet_id, r.uai, r.millesime, e.degre
    FROM modifications m
    JOIN rapports r USING (objet_id)
    LEFT JOIN etablissements e ON e.uai = r.uai
    WHERE m.action IN ('MODIFICATION', 'VERROUILLAGE', 'DEVERROUILLAGE', 'SUPPRESSION')
      AND r.millesime < annee_scolaire(m.date_modification)
), criteres AS (
    SELECT ed.modification_id, a.autorisation_id, a.reference_sesam, a.date_autorisation, a.autorite,
           [a.uai = ed.uai, a.objet_id IS NULL OR a.objet_id = ed.objet_id,
            a.millesime_concerne = ed.millesime,
            a.date_autorisation <= CAST(ed.date_modification AS DATE),
            coalesce(regexp_full_match(a.reference_sesam, '[0-9]{7}'), false),
            a.autorite = CASE ed.degre WHEN '1D' THEN 'DASEN' WHEN '2D' THEN 'CHEF_ETABLISSEMENT' END] AS ok
    FROM editions ed
    JOIN autorisations a ON a.eleve_id = $eleve_id
), meilleure AS (
    SELECT modification_id,
           arg_max(autorisation_id, (len(list_filter(ok, lambda v: coalesce(v, false))), autorisation_id)) AS autorisation_id,
           arg_max(ok, (len(list_filter(ok, lambda v: coalesce(v, false))), autorisation_id)) AS ok,
           arg_max(reference_sesam, (len(list_filter(ok, lambda v: coalesce(v, false))), autorisation_id)) AS reference_sesam
    FROM criteres GROUP BY modification_id
)
SELECT ed.date_modification, ed.action, ed.objet, ed.objet_id, ed.millesime, ed.uai, ed.degre,
       me.autorisation_id, me.reference_sesam, me.ok AS criteres
FROM editions ed
LEFT JOIN meilleure me USING (modification_id)
ORDER BY ed.date_modification, ed.modification_id
