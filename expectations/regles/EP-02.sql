-- id: EP-02
-- severite: mineure
-- titre: Récupération tardive ou partielle
-- entite: ligne de recuperations_ep (classe_id, date_recuperation)
-- uai: classe.uai
-- millesime: recuperations_ep.millesime
-- eleve_id: NULL
-- classe_id: classe_id
-- objet_id: `classe_id|date_recuperation`
-- date_evenement: récupération (recuperations_ep.date_recuperation)
-- acteur: direction
-- explication: La récupération des éléments de programme a été partielle (une seule période) ou faite après la fin de la première période.
-- remediation: Vérifier que les éléments de programme de toutes les périodes de la classe sont bien renseignés ; les années suivantes, récupérer ceux de l'année précédente pour l'année entière (et non période par période), en début d'année, avant le premier verrouillage d'un bilan de la classe.
-- « Après la date_fin de la période 1 » : date_recuperation > date_fin, la date valant l'instant
-- 00:00:00 du jour (lecture littérale de rules.md, cast implicite de DuckDB).
WITH fins_periode_1 AS (
    SELECT c.classe_id, p.date_fin
    FROM classes AS c
    JOIN periodes AS p
      ON p.uai = c.uai AND p.millesime = c.millesime AND p.periodicite = c.periodicite AND p.indice = 1
)
SELECT
    'EP-02' AS rule_id,
    c.uai,
    e.academie,
    r.millesime,
    NULL AS eleve_id,
    r.classe_id,
    r.classe_id || '|' || strftime(r.date_recuperation, '%Y-%m-%dT%H:%M:%S') AS objet_id,
    format('Les éléments de programme de la classe {} ont été récupérés le {} {} : les récupérer pour l''année entière, en début d''année.',
        r.classe_id, strftime(r.date_recuperation, '%d/%m/%Y'),
        concat_ws(' et ',
            CASE WHEN r.perimetre = 'PERIODE' THEN 'période par période' END,
            CASE WHEN r.date_recuperation > f.date_fin
                 THEN format('après la fin de la période 1 ({})', strftime(f.date_fin, '%d/%m/%Y')) END)) AS detail,
    r.date_recuperation AS date_evenement
FROM (
    -- Une ligne par entité (classe_id, date_recuperation) : une table sans PK peut répéter la clé.
    SELECT DISTINCT ON (classe_id, date_recuperation) *
    FROM recuperations_ep
    ORDER BY classe_id, date_recuperation, perimetre = 'PERIODE' DESC, millesime
) AS r
LEFT JOIN fins_periode_1 AS f ON f.classe_id = r.classe_id
LEFT JOIN classes AS c ON c.classe_id = r.classe_id
LEFT JOIN etablissements AS e ON e.uai = c.uai
WHERE r.perimetre = 'PERIODE'
   OR r.date_recuperation > f.date_fin
