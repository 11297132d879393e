-- id: PER-03
-- severite: majeure
-- titre: Périodes incohérentes
-- entite: (uai, millesime, periodicite) ; objet_id = periodicite
-- uai: periodes.uai
-- millesime: periodes.millesime
-- eleve_id: NULL
-- classe_id: NULL
-- objet_id: periodicite
-- date_evenement: dernier paramétrage d'une période de la périodicité (max periodes.date_parametrage)
-- acteur: direction
-- explication: Les périodes d'une périodicité sont incohérentes : indices manquants ou en trop, nombre de périodes variable, période qui finit avant de commencer ou qui chevauche la suivante.
-- remediation: Dans LSU, menu Paramétrage > Paramétrage des périodes, corriger les périodes de cette périodicité : indices de 1 au nombre de périodes, même nombre de périodes partout, date de fin après la date de début, chaque période commençant après la fin de la précédente.
WITH groupes AS (
    SELECT
        uai,
        millesime,
        periodicite,
        -- Indices exactement 1..nb_periodes (un seul nb_periodes, renseigné partout).
        coalesce(count(DISTINCT indice) = max(nb_periodes) AND min(indice) = 1 AND max(indice) = max(nb_periodes)
                 AND count(indice) = count(*), false) AS indices_ok,
        coalesce(min(nb_periodes) = max(nb_periodes) AND count(nb_periodes) = count(*), false) AS nb_ok,
        count(*) FILTER (WHERE date_fin < date_debut) AS nb_fin_avant_debut,
        max(date_parametrage) AS dernier_parametrage
    FROM periodes
    GROUP BY uai, millesime, periodicite
),
chevauchements AS (
    -- La période i+1 commence au plus tard le jour où la période i finit.
    SELECT p.uai, p.millesime, p.periodicite, count(*) AS nb_chevauchements,
           min(p.indice) AS premier_indice
    FROM periodes AS p
    JOIN periodes AS q
      ON q.uai = p.uai AND q.millesime = p.millesime AND q.periodicite = p.periodicite
     AND q.indice = p.indice + 1
    WHERE q.date_debut <= p.date_fin
    GROUP BY p.uai, p.millesime, p.periodicite
)
SELECT
    'PER-03' AS rule_id,
    g.uai,
    e.academie,
    g.millesime,
    NULL AS eleve_id,
    NULL AS classe_id,
    g.periodicite AS objet_id,
    format('La périodicité « {} » de l''établissement {} pour {}-{} est incohérente ({}) : corriger le paramétrage de ses périodes dans LSU.',
        g.periodicite, coalesce(g.uai, 'inconnu'), g.millesime, g.millesime + 1,
        concat_ws(' ; ',
            CASE WHEN NOT g.indices_ok THEN 'les indices ne vont pas exactement de 1 au nombre de périodes' END,
            CASE WHEN NOT g.nb_ok THEN 'le nombre de périodes diffère d''une période à l''autre' END,
            CASE WHEN g.nb_fin_avant_debut > 0 THEN format('{} période(s) finissent avant de commencer', g.nb_fin_avant_debut) END,
            CASE WHEN ch.nb_chevauchements > 0 THEN format('la période {} commence au plus tard le jour où finit la période {}', ch.premier_indice + 1, ch.premier_indice) END
        )) AS detail,
    g.dernier_parametrage AS date_evenement
FROM groupes AS g
LEFT JOIN chevauchements AS ch
  ON ch.uai = g.uai AND ch.millesime = g.millesime AND ch.periodicite = g.periodicite
LEFT JOIN etablissements AS e ON e.uai = g.uai
WHERE NOT g.indices_ok
   OR NOT g.nb_ok
   OR g.nb_fin_avant_debut > 0
   OR ch.nb_chevauchements > 0
