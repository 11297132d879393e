-- id: VER-01
-- severite: critique
-- titre: Déverrouillage après visa de la famille
-- entite: modification_id
-- remediation: Signaler l'incohérence au support : un bilan visé par la famille ne peut plus être déverrouillé ; vérifier le bilan publié et prévenir la famille s'il a changé.
SELECT
    'VER-01' AS rule_id,
    'critique' AS severite,
    b.uai,
    e.academie,
    b.millesime,
    b.eleve_id,
    b.classe_id,
    m.modification_id AS objet_id,
    format('Le bilan périodique {} a été déverrouillé le {} (modification {}) alors que la famille l''avait visé le {} : un bilan visé ne peut plus être déverrouillé ; vérifier le bilan avec le support et prévenir la famille s''il a changé.',
        b.bilan_id, strftime(m.date_modification, '%d/%m/%Y à %H:%M'), m.modification_id,
        strftime(b.date_visa, '%d/%m/%Y à %H:%M')) AS detail
FROM modifications AS m
JOIN bilans_periodiques AS b ON b.bilan_id = m.objet_id
LEFT JOIN etablissements AS e ON e.uai = b.uai
WHERE m.action = 'DEVERROUILLAGE'
  AND m.objet = 'BILAN_PERIODIQUE'
  AND m.date_modification > b.date_visa
