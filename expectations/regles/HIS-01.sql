-- id: HIS-01
-- severite: critique
-- titre: Bilan d'une année antérieure saisi ou importé
-- entite: bilan_id ou bilan_cycle_id
-- uai: rapport.uai
-- millesime: rapport.millesime
-- eleve_id: rapport.eleve_id
-- classe_id: bilan.classe_id (NULL pour un bilan de cycle)
-- objet_id: bilan_id ou bilan_cycle_id
-- date_evenement: création du bilan (date_creation)
-- acteur: assistance_nationale
-- explication: Un bilan d'une année scolaire close a été saisi ou importé après la fin de cette année.
-- remediation: LSU n'accepte ni la saisie ni l'import d'un bilan d'une année précédente : ouvrir un ticket SESAM à l'assistance nationale LSU pour qu'elle analyse l'origine de ce bilan et le traite. Ne pas le modifier ni le supprimer depuis l'établissement : toute action sur un bilan d'une année antérieure exige l'autorisation écrite du DASEN (1er degré) ou du chef d'établissement (2d degré) jointe au ticket SESAM (règle HIS-02).
-- annee_scolaire(d) : lsu_analytics/contract/macros.sql (bascule au 1er septembre).
SELECT
    'HIS-01' AS rule_id,
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
        annee_scolaire(b.date_creation) + 1) AS detail,
    b.date_creation AS date_evenement
FROM bilans_periodiques AS b
LEFT JOIN etablissements AS e ON e.uai = b.uai
WHERE b.millesime < annee_scolaire(b.date_creation)

UNION ALL

SELECT
    'HIS-01' AS rule_id,
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
        annee_scolaire(bc.date_creation) + 1) AS detail,
    bc.date_creation AS date_evenement
FROM bilans_cycle AS bc
LEFT JOIN etablissements AS e ON e.uai = bc.uai
WHERE bc.millesime < annee_scolaire(bc.date_creation)
