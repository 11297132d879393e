-- id: HIS-01
-- severite: critique
-- titre: Bilan d'une année antérieure saisi ou importé
-- entite: bilan_id ou bilan_cycle_id
-- remediation: Supprimer ou faire corriger le bilan : les bilans des années précédentes ne peuvent être ni saisis ni importés ; seule une modification sur autorisation écrite jointe au ticket SESAM est possible.
-- annee_scolaire(d) : lsu_analytics/contract/macros.sql (bascule au 1er septembre).
SELECT
    'HIS-01' AS rule_id,
    'critique' AS severite,
    b.uai,
    e.academie,
    b.millesime,
    b.eleve_id,
    b.classe_id,
    b.bilan_id AS objet_id,
    format('Le bilan périodique {} de l''année {}-{} a été créé ({}) le {}, pendant l''année scolaire {}-{} : un bilan d''une année antérieure ne peut être ni saisi ni importé ; le supprimer ou le faire corriger.',
        b.bilan_id, b.millesime, b.millesime + 1,
        CASE b.mode_creation WHEN 'IMPORT' THEN 'import' WHEN 'SAISIE' THEN 'saisie' ELSE 'mode inconnu' END,
        strftime(b.date_creation, '%d/%m/%Y'),
        annee_scolaire(b.date_creation),
        annee_scolaire(b.date_creation) + 1) AS detail
FROM bilans_periodiques AS b
LEFT JOIN etablissements AS e ON e.uai = b.uai
WHERE b.millesime < annee_scolaire(b.date_creation)

UNION ALL

SELECT
    'HIS-01' AS rule_id,
    'critique' AS severite,
    bc.uai,
    e.academie,
    bc.millesime,
    bc.eleve_id,
    NULL AS classe_id,
    bc.bilan_cycle_id AS objet_id,
    format('Le bilan de fin de cycle {} de l''année {}-{} a été créé le {}, pendant l''année scolaire {}-{} : un bilan d''une année antérieure ne peut être ni saisi ni importé ; le supprimer ou le faire corriger.',
        bc.bilan_cycle_id, bc.millesime, bc.millesime + 1,
        strftime(bc.date_creation, '%d/%m/%Y'),
        annee_scolaire(bc.date_creation),
        annee_scolaire(bc.date_creation) + 1) AS detail
FROM bilans_cycle AS bc
LEFT JOIN etablissements AS e ON e.uai = bc.uai
WHERE bc.millesime < annee_scolaire(bc.date_creation)
