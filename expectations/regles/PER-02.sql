-- id: PER-02
-- severite: majeure
-- titre: Classe sans périodes paramétrées
-- entite: classe_id
-- uai: classe.uai
-- millesime: C
-- eleve_id: NULL
-- classe_id: classe_id
-- objet_id: NULL
-- date_evenement: première entrée d'un élève dans la classe (min inscriptions.date_entree)
-- acteur: direction
-- explication: Une classe de l'année en cours, avec des élèves, n'a pas de périodicité ou sa périodicité n'a aucune période paramétrée : aucun bilan périodique ne peut y être saisi.
-- remediation: Dans LSU, menu Paramétrage > Paramétrage des périodes, paramétrer les périodes de l'année en cours pour la périodicité de la classe (et lui affecter une périodicité si elle n'en a pas) : sans périodes, aucun bilan périodique ne peut y être saisi ni importé.
-- Classes de l'année C ayant au moins une inscription, sans périodicité ou dont la périodicité n'a aucune période pour (uai, C).
SELECT
    'PER-02' AS rule_id,
    c.uai,
    e.academie,
    getvariable('millesime_courant') AS millesime,
    NULL AS eleve_id,
    c.classe_id,
    NULL AS objet_id,
    CASE
        WHEN c.periodicite IS NULL THEN
            format('La classe {} ({}) a des élèves inscrits mais aucune périodicité : lui affecter une périodicité et paramétrer ses périodes dans LSU.',
                c.classe_id, coalesce(c.code_division, 'division inconnue'))
        ELSE
            format('La classe {} ({}) a des élèves inscrits mais sa périodicité « {} » n''a aucune période paramétrée pour {}-{} dans l''établissement {} : paramétrer ces périodes dans LSU.',
                c.classe_id, coalesce(c.code_division, 'division inconnue'), c.periodicite,
                getvariable('millesime_courant'), getvariable('millesime_courant') + 1, coalesce(c.uai, 'inconnu'))
    END AS detail,
    (SELECT min(i.date_entree) FROM inscriptions AS i WHERE i.classe_id = c.classe_id) AS date_evenement
FROM classes AS c
LEFT JOIN etablissements AS e ON e.uai = c.uai
WHERE c.millesime = getvariable('millesime_courant')
  AND EXISTS (SELECT 1 FROM inscriptions AS i WHERE i.classe_id = c.classe_id)
  AND (
      c.periodicite IS NULL
      OR NOT EXISTS (
          SELECT 1
          FROM periodes AS p
          WHERE p.uai = c.uai
            AND p.millesime = getvariable('millesime_courant')
            AND p.periodicite = c.periodicite
      )
  )
