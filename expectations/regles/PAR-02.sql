-- id: PAR-02
-- severite: critique
-- titre: Source de données modifiée en cours d'année
-- entite: ligne de parametrages_classe (classe_id, date_changement)
-- uai: classe.uai
-- millesime: classe.millesime
-- eleve_id: NULL
-- classe_id: classe_id
-- objet_id: `classe_id|date_changement`
-- date_evenement: changement de paramétrage (parametrages_classe.date_changement)
-- acteur: direction
-- explication: La source des données (saisie ou import) d'une classe a changé après la création de son premier bilan : les bilans non verrouillés ont été supprimés avec leurs saisies.
-- remediation: Les bilans non verrouillés de la classe ont été supprimés avec toutes leurs saisies : les faire ressaisir ou réimporter selon la nouvelle source de données ; les bilans verrouillés ne sont plus modifiables. Fixer la source de données au plus tôt en début d'année (Paramétrage > Paramétrage par classe) et ne plus la changer en cours d'année.
WITH classes_modifiees AS (
    SELECT DISTINCT classe_id FROM parametrages_classe WHERE champ = 'SOURCE_DONNEES'
),
bilans_classes AS (
    -- The reports of the classes whose setting changed: one scan of bilans_periodiques, kept for the two
    -- uses below (first report, reports before the change).
    SELECT classe_id, date_creation, date_verrou
    FROM bilans_periodiques
    WHERE classe_id IN (SELECT classe_id FROM classes_modifiees)
),
premiers_bilans AS (
    SELECT classe_id, min(date_creation) AS premier_bilan
    FROM bilans_classes
    GROUP BY classe_id
),
changements AS (
    -- Une ligne par entité (classe_id, date_changement) : une table sans PK peut répéter la clé.
    SELECT pc.classe_id, pc.date_changement,
           min(pc.ancienne_valeur) AS ancienne_valeur, min(pc.nouvelle_valeur) AS nouvelle_valeur
    FROM parametrages_classe AS pc
    JOIN premiers_bilans AS pb ON pb.classe_id = pc.classe_id
    WHERE pc.champ = 'SOURCE_DONNEES'
      AND pc.date_changement > pb.premier_bilan
    GROUP BY pc.classe_id, pc.date_changement
),
bilans_avant AS (
    -- Bilans créés avant le changement, verrouillés ou non à ce moment-là.
    SELECT ch.classe_id, ch.date_changement,
           count(*) FILTER (WHERE b.date_verrou <= ch.date_changement) AS nb_verrouilles,
           count(*) FILTER (WHERE b.date_verrou IS NULL OR b.date_verrou > ch.date_changement) AS nb_non_verrouilles
    FROM changements AS ch
    JOIN bilans_classes AS b
      ON b.classe_id = ch.classe_id AND b.date_creation < ch.date_changement
    GROUP BY ch.classe_id, ch.date_changement
)
SELECT
    'PAR-02' AS rule_id,
    c.uai,
    e.academie,
    c.millesime,
    NULL AS eleve_id,
    ch.classe_id,
    ch.classe_id || '|' || strftime(ch.date_changement, '%Y-%m-%dT%H:%M:%S') AS objet_id,
    format('La source de données de la classe {} a été changée le {} ({} → {}) après la création de ses premiers bilans : {} bilan(s) verrouillé(s) ne sont plus modifiables et {} bilan(s) non verrouillé(s) ont été supprimés avec toutes les saisies de la classe ; les faire ressaisir ou réimporter.',
        ch.classe_id, strftime(ch.date_changement, '%d/%m/%Y à %H:%M'),
        coalesce(ch.ancienne_valeur, 'non renseignée'), coalesce(ch.nouvelle_valeur, 'non renseignée'),
        ba.nb_verrouilles, ba.nb_non_verrouilles) AS detail,
    ch.date_changement AS date_evenement
FROM changements AS ch
JOIN bilans_avant AS ba ON ba.classe_id = ch.classe_id AND ba.date_changement = ch.date_changement
LEFT JOIN classes AS c ON c.classe_id = ch.classe_id
LEFT JOIN etablissements AS e ON e.uai = c.uai
