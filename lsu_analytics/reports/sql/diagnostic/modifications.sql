-- Audit log of actions on the pupil's reports and attestations.
WITH objets AS (
    SELECT bilan_id AS objet_id FROM bilans_periodiques WHERE eleve_id = $eleve_id
    UNION ALL SELECT bilan_cycle_id FROM bilans_cycle WHERE eleve_id = $eleve_id
    UNION ALL SELECT attestation_id FROM attestations WHERE eleve_id = $eleve_id
)
SELECT m.date_modification, m.action, m.objet, m.objet_id, m.modification_id
FROM modifications m JOIN objets USING (objet_id)
ORDER BY m.date_modification, m.modification_id
