-- id: PER-02
-- severite: majeure
-- titre: Classe sans périodes paramétrées
-- entite: classe_id
-- remediation: Affecter une périodicité à la classe et paramétrer ses périodes pour l'année en cours (Paramétrage > Périodes), avant toute saisie ou import de bilan.
-- Classes de l'année C ayant au moins une inscription, sans périodicité ou dont la périodicité n'a aucune période pour (uai, C).
SELECT
    'PER-02' AS rule_id,
    'majeure' AS severite,
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
    END AS detail
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
