-- Consultations of the pupil's documents by families (profil RESPONSABLE), and whether the account was an
-- active account of this pupil at that moment (VIS-02).
SELECT co.date_consultation, co.canal, co.objet, co.objet_id, co.utilisateur_id AS compte_id,
       EXISTS (SELECT 1 FROM comptes_responsables c
               WHERE c.compte_id = co.utilisateur_id AND c.eleve_id = co.eleve_id
                 AND c.date_activation <= co.date_consultation
                 AND (c.date_desactivation IS NULL OR c.date_desactivation > co.date_consultation)) AS compte_actif
FROM consultations co
WHERE co.eleve_id = $eleve_id AND co.profil = 'RESPONSABLE'
ORDER BY co.date_consultation, co.objet_id
