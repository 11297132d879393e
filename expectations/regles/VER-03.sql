-- id: VER-03
-- severite: mineure
-- titre: Bilans à verrouiller
-- entite: bilan_id
-- uai: bilan.uai
-- millesime: bilan.millesime
-- eleve_id: bilan.eleve_id
-- classe_id: bilan.classe_id
-- objet_id: bilan_id
-- date_evenement: échéance : fin de la période + [15] jours (periodes.date_fin + seuil)
-- acteur: direction
-- explication: Un bilan saisi dans LSU n'est pas verrouillé alors que sa période est terminée depuis plus de 15 jours (par défaut) : la famille ne le voit pas.
-- remediation: Faire finaliser puis verrouiller le bilan par l'équipe pédagogique (menu Bilans périodiques) : le verrouillage, distinct de l'enregistrement, est une validation définitive qui publie le bilan aux familles sur le service en ligne.
-- seuils: jours_verrouillage=15
-- « Période finie plus de N jours avant X » : date_fin + N jours < X, la date valant l'instant
-- 00:00:00 du jour (lecture littérale de rules.md, cast implicite de DuckDB).
-- Période du bilan = la ligne de `periodes` de (uai, millesime, periodicite, indice, nb_periodes), comme PER-01.
SELECT
    'VER-03' AS rule_id,
    b.uai,
    e.academie,
    b.millesime,
    b.eleve_id,
    b.classe_id,
    b.bilan_id AS objet_id,
    format('Le bilan périodique {} (classe {}) n''est toujours pas verrouillé alors que sa période s''est terminée le {}, plus de {} jours avant l''extraction du {} : le finaliser et le verrouiller pour le publier aux familles.',
        b.bilan_id, b.classe_id, strftime(p.date_fin, '%d/%m/%Y'),
        getvariable('seuil_jours_verrouillage'),
        strftime(getvariable('date_extraction'), '%d/%m/%Y')) AS detail,
    p.date_fin + to_days(getvariable('seuil_jours_verrouillage')) AS date_evenement
FROM bilans_periodiques AS b
JOIN classes AS c ON c.classe_id = b.classe_id
JOIN periodes AS p
  ON p.uai = b.uai AND p.millesime = b.millesime AND p.periodicite = b.periodicite
 AND p.indice = b.indice AND p.nb_periodes = b.nb_periodes
LEFT JOIN etablissements AS e ON e.uai = b.uai
WHERE b.millesime = getvariable('millesime_courant')
  AND c.source_donnees = 'SAISIE'
  AND b.date_verrou IS NULL
  AND p.date_fin + to_days(getvariable('seuil_jours_verrouillage')) < getvariable('date_extraction')
