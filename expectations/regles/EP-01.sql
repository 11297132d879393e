-- id: EP-01
-- severite: majeure
-- titre: Récupération après un verrouillage
-- entite: ligne de recuperations_ep (classe_id, date_recuperation)
-- uai: classe.uai
-- millesime: recuperations_ep.millesime
-- eleve_id: NULL
-- classe_id: classe_id
-- objet_id: `classe_id|date_recuperation`
-- date_evenement: récupération (recuperations_ep.date_recuperation)
-- acteur: assistance_nationale
-- explication: Des éléments de programme ont été récupérés dans une classe après le verrouillage d'un de ses bilans, ce que LSU refuse : les données sont incohérentes.
-- remediation: LSU refuse la récupération des éléments de programme dès qu'un bilan périodique de la classe est verrouillé : ces données sont incohérentes. Ouvrir un ticket SESAM à l'assistance nationale LSU avec la classe et la date de la récupération, et faire vérifier par l'établissement les éléments de programme de la classe.
WITH premiers_verrous AS (
    SELECT classe_id, millesime, min(date_verrou) AS premier_verrou
    FROM bilans_periodiques
    WHERE date_verrou IS NOT NULL
    GROUP BY classe_id, millesime
)
SELECT
    'EP-01' AS rule_id,
    c.uai,
    e.academie,
    r.millesime,
    NULL AS eleve_id,
    r.classe_id,
    r.classe_id || '|' || strftime(r.date_recuperation, '%Y-%m-%dT%H:%M:%S') AS objet_id,
    format('Les éléments de programme ont été récupérés dans la classe {} le {}, après le premier verrouillage d''un bilan de la classe ({}) : LSU refuse normalement cette récupération, les données sont incohérentes ; vérifier les éléments de programme de la classe avec le support.',
        r.classe_id, strftime(r.date_recuperation, '%d/%m/%Y à %H:%M'),
        strftime(v.premier_verrou, '%d/%m/%Y à %H:%M')) AS detail,
    r.date_recuperation AS date_evenement
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
