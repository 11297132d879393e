-- id: PER-01
-- severite: critique
-- titre: Bilan sur une période non définie
-- entite: bilan_id
-- uai: bilan.uai
-- millesime: bilan.millesime
-- eleve_id: bilan.eleve_id
-- classe_id: bilan.classe_id
-- objet_id: bilan_id
-- date_evenement: création du bilan (bilan.date_creation)
-- acteur: direction
-- explication: Un bilan périodique porte sur une période (périodicité, indice, nombre de périodes) que l'établissement n'a pas paramétrée pour l'année : il n'apparaît pas dans le livret.
-- remediation: Dans LSU, menu Paramétrage > Paramétrage des périodes, paramétrer pour l'année du bilan la période qui lui manque (même périodicité, même indice, même nombre de périodes) ; si c'est le bilan qui porte une période erronée, le ressaisir ou le réimporter sur une période paramétrée.
-- Période du bilan = (uai, millesime, periodicite, indice, nb_periodes) ; elle doit exister dans `periodes`.
SELECT
    'PER-01' AS rule_id,
    b.uai,
    e.academie,
    b.millesime,
    b.eleve_id,
    b.classe_id,
    b.bilan_id AS objet_id,
    format('Le bilan périodique {} est rattaché à la période {} sur {} de la périodicité « {} » de l''année {}, qui n''est pas paramétrée dans l''établissement {} : paramétrer cette période dans LSU ou rattacher le bilan à une période existante.',
        b.bilan_id, coalesce(CAST(b.indice AS VARCHAR), '?'), coalesce(CAST(b.nb_periodes AS VARCHAR), '?'),
        coalesce(b.periodicite, 'non renseignée'),
        coalesce(CAST(b.millesime AS VARCHAR) || '-' || CAST(b.millesime + 1 AS VARCHAR), 'non renseignée'),
        coalesce(b.uai, 'inconnu')) AS detail,
    b.date_creation AS date_evenement
FROM bilans_periodiques AS b
LEFT JOIN etablissements AS e ON e.uai = b.uai
WHERE NOT EXISTS (
    SELECT 1
    FROM periodes AS p
    WHERE p.uai = b.uai
      AND p.millesime = b.millesime
      AND p.periodicite = b.periodicite
      AND p.indice = b.indice
      AND p.nb_periodes = b.nb_periodes
)
