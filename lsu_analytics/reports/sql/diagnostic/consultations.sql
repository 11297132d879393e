-- Teachers' consultations of the pupil's periodic reports, checked against the visibility rule.
WITH regle AS (SELECT * FROM regle_visibilite())
SELECT co.consultation_id, co.date_consultation, cu.niveau AS niveau_enseignant, cb.niveau AS niveau_bilan,
       CASE WHEN cu.niveau IS NULL OR cb.niveau IS NULL THEN 'niveau inconnu'
            WHEN EXISTS (SELECT 1 FROM regle r WHERE r.niveau_enseignant = cu.niveau
                                                 AND r.niveau_visible = cb.niveau) THEN 'conforme'
            ELSE 'hors règle (VIS-01)' END AS conformite
FROM consultations co
LEFT JOIN classes cu ON cu.classe_id = co.classe_id_utilisateur
LEFT JOIN bilans_periodiques b ON b.bilan_id = co.objet_id
LEFT JOIN classes cb ON cb.classe_id = b.classe_id
WHERE co.eleve_id = $eleve_id AND co.canal = 'LSU' AND co.profil = 'ENSEIGNANT'
  AND co.objet = 'BILAN_PERIODIQUE'
ORDER BY co.date_consultation
