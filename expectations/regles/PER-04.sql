-- id: PER-04
-- severite: mineure
-- titre: Périodes paramétrées tardivement
-- entite: (uai, millesime, periodicite) ; objet_id = periodicite
-- uai: periodes.uai
-- millesime: periodes.millesime
-- eleve_id: NULL
-- classe_id: NULL
-- objet_id: periodicite
-- date_evenement: premier paramétrage de la périodicité (min periodes.date_parametrage)
-- acteur: direction
-- explication: Les périodes ont été paramétrées bien après le début de la première période (30 jours par défaut).
-- remediation: Rien à reprendre cette année ; les années suivantes, paramétrer les périodes (Paramétrage > Paramétrage des périodes) en début d'année scolaire, avant le début de la première période, pour pouvoir saisir ou importer les bilans dès le départ.
-- seuils: jours_parametrage=30
-- « Plus de N jours après » : premier paramétrage > date_debut de la période 1 + N jours, la date
-- valant l'instant 00:00:00 du jour (lecture littérale de rules.md, cast implicite de DuckDB).
WITH groupes AS (
    SELECT
        uai,
        millesime,
        periodicite,
        min(date_parametrage) AS premier_parametrage,
        min(date_debut) FILTER (WHERE indice = 1) AS debut_periode_1
    FROM periodes
    GROUP BY uai, millesime, periodicite
)
SELECT
    'PER-04' AS rule_id,
    g.uai,
    e.academie,
    g.millesime,
    NULL AS eleve_id,
    NULL AS classe_id,
    g.periodicite AS objet_id,
    format('Les périodes « {} » de l''établissement {} pour {}-{} ont été paramétrées le {}, plus de {} jours après le début de la période 1 ({}) : paramétrer les périodes en début d''année, avant le début de la première période.',
        g.periodicite, coalesce(g.uai, 'inconnu'), g.millesime, g.millesime + 1,
        strftime(g.premier_parametrage, '%d/%m/%Y à %H:%M'),
        getvariable('seuil_jours_parametrage'),
        strftime(g.debut_periode_1, '%d/%m/%Y')) AS detail,
    g.premier_parametrage AS date_evenement
FROM groupes AS g
LEFT JOIN etablissements AS e ON e.uai = g.uai
WHERE g.premier_parametrage > g.debut_periode_1 + to_days(getvariable('seuil_jours_parametrage'))
