-- id: VER-01
-- severite: critique
-- titre: Déverrouillage après visa de la famille
-- entite: modification_id
-- uai: bilan.uai
-- millesime: bilan.millesime
-- eleve_id: bilan.eleve_id
-- classe_id: bilan.classe_id
-- objet_id: modification_id
-- date_evenement: déverrouillage (modifications.date_modification)
-- acteur: assistance_nationale
-- explication: Un bilan a été déverrouillé après que la famille l'a visé.
-- remediation: Un bilan visé par la famille ne peut plus être déverrouillé : ouvrir un ticket SESAM à l'assistance nationale LSU avec l'identifiant de la modification ; faire vérifier par l'établissement si le bilan publié a changé depuis le visa et, si oui, en informer la famille.
SELECT
    'VER-01' AS rule_id,
    b.uai,
    e.academie,
    b.millesime,
    b.eleve_id,
    b.classe_id,
    m.modification_id AS objet_id,
    format('Le bilan périodique {} a été déverrouillé le {} (modification {}) alors que la famille l''avait visé le {} : un bilan visé ne peut plus être déverrouillé ; vérifier le bilan avec le support et prévenir la famille s''il a changé.',
        b.bilan_id, strftime(m.date_modification, '%d/%m/%Y à %H:%M'), m.modification_id,
        strftime(b.date_visa, '%d/%m/%Y à %H:%M')) AS detail,
    m.date_modification AS date_evenement
FROM modifications AS m
JOIN bilans_periodiques AS b ON b.bilan_id = m.objet_id
LEFT JOIN etablissements AS e ON e.uai = b.uai
WHERE m.action = 'DEVERROUILLAGE'
  AND m.objet = 'BILAN_PERIODIQUE'
  AND m.date_modification > b.date_visa
