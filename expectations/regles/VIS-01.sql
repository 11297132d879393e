-- id: VIS-01
-- severite: majeure
-- titre: Consultation hors règle de visibilité
-- entite: consultation_id
-- uai: bilan consulté .uai
-- millesime: bilan consulté .millesime
-- eleve_id: consultation.eleve_id
-- classe_id: classe_id_utilisateur
-- objet_id: consultation_id
-- date_evenement: consultation (consultations.date_consultation)
-- acteur: assistance_nationale
-- explication: Un enseignant a consulté le bilan périodique d'un niveau que la règle de visibilité de LSU ne lui permet pas de voir depuis le niveau de sa classe.
-- remediation: LSU ne montre pas à un enseignant les bilans périodiques de ce niveau : ouvrir un ticket SESAM à l'assistance nationale LSU avec l'identifiant de la consultation, et vérifier avec l'établissement l'affectation de l'enseignant à ses classes.
-- Règle de visibilité de la note LSU 23.4 ; sans bilan consulté ou sans classe de l'enseignant,
-- le niveau est inconnu et il n'y a pas d'anomalie.
-- The visibility table is declared once, in lsu_analytics.contract (VISIBILITE_BILANS_PERIODIQUES).
WITH visibilite AS (
    SELECT unnest(getvariable('visibilite'), recursive := true)
)
SELECT
    'VIS-01' AS rule_id,
    b.uai,
    e.academie,
    b.millesime,
    co.eleve_id,
    co.classe_id_utilisateur AS classe_id,
    co.consultation_id AS objet_id,
    format('Lors de la consultation {} du {}, un enseignant de la classe {} (niveau {}) a ouvert le bilan périodique {} d''une classe de {}, niveau qui ne lui est pas visible : vérifier ses droits dans LSU et signaler l''accès au support.',
        co.consultation_id, strftime(co.date_consultation, '%d/%m/%Y à %H:%M'),
        co.classe_id_utilisateur, niveau_libelle(cu.niveau), b.bilan_id, niveau_libelle(cb.niveau)) AS detail,
    co.date_consultation AS date_evenement
FROM consultations AS co
JOIN bilans_periodiques AS b ON b.bilan_id = co.objet_id
JOIN classes AS cb ON cb.classe_id = b.classe_id
JOIN classes AS cu ON cu.classe_id = co.classe_id_utilisateur
LEFT JOIN etablissements AS e ON e.uai = b.uai
WHERE co.canal = 'LSU'
  AND co.profil = 'ENSEIGNANT'
  AND co.objet = 'BILAN_PERIODIQUE'
  AND cu.niveau IS NOT NULL
  AND cb.niveau IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM visibilite AS v
      WHERE v.niveau_enseignant = cu.niveau AND v.niveau_visible = cb.niveau
  )
