-- id: EP-01
-- severite: majeure
-- titre: Récupération après un verrouillage
-- entite: ligne de recuperations_ep (classe_id, date_recuperation)
-- remediation: Signaler l'incohérence au support (LSU refuse cette récupération) et vérifier les éléments de programme de la classe ; à l'avenir, récupérer les éléments de programme en début d'année, avant tout verrouillage.
WITH premiers_verrous AS (
    SELECT classe_id, millesime, min(date_verrou) AS premier_verrou
    FROM bilans_periodiques
    WHERE date_verrou IS NOT NULL
    GROUP BY classe_id, millesime
)
SELECT
    'EP-01' AS rule_id,
    'majeure' AS severite,
    c.uai,
    e.academie,
    r.millesime,
    NULL AS eleve_id,
    r.classe_id,
    r.classe_id || '|' || strftime(r.date_recuperation, '%Y-%m-%dT%H:%M:%S') AS objet_id,
    format('Les éléments de programme ont été récupérés dans la classe {} le {}, après le premier verrouillage d''un bilan de la classe ({}) : LSU refuse normalement cette récupération, les données sont incohérentes ; vérifier les éléments de programme de la classe avec le support.',
        r.classe_id, strftime(r.date_recuperation, '%d/%m/%Y à %H:%M'),
        strftime(v.premier_verrou, '%d/%m/%Y à %H:%M')) AS detail
FROM (
    -- Une ligne par entité (classe_id, date_recuperation) : une table sans PK peut répéter la clé.
    SELECT DISTINCT ON (classe_id, date_recuperation) *
    FROM recuperations_ep
    ORDER BY classe_id, date_recuperation, perimetre = 'PERIODE' DESC, millesime
) AS r
JOIN premiers_verrous AS v ON v.classe_id = r.classe_id AND v.millesime = r.millesime
LEFT JOIN classes AS c ON c.classe_id = r.classe_id
LEFT JOIN etablissements AS e ON e.uai = c.uai
WHERE r.date_recuperation > v.premier_verrou
