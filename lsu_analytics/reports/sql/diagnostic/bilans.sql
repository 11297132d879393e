-- Periodic reports of the pupil with their locking / publication state and whether their period exists.
SELECT b.millesime, b.uai, c.code_division, c.niveau, b.periodicite, b.indice, b.nb_periodes,
       b.bilan_id, b.date_creation, b.mode_creation, b.date_verrou, b.date_publication, b.date_visa,
       CASE
           WHEN b.date_verrou IS NOT NULL AND b.date_publication IS NOT NULL THEN 'verrouillé et publié'
           WHEN b.date_verrou IS NOT NULL THEN 'verrouillé mais non publié (incohérent, VER-02)'
           WHEN b.date_publication IS NOT NULL THEN 'publié sans être verrouillé (incohérent, VER-02)'
           ELSE 'en cours de saisie (non verrouillé)'
       END AS etat,
       EXISTS (SELECT 1 FROM periodes p
               WHERE p.uai = b.uai AND p.millesime = b.millesime AND p.periodicite = b.periodicite
                 AND p.indice = b.indice AND p.nb_periodes = b.nb_periodes) AS periode_definie
FROM bilans_periodiques b
LEFT JOIN classes c ON c.classe_id = b.classe_id
WHERE b.eleve_id = $eleve_id
ORDER BY b.millesime DESC, b.uai, b.indice
