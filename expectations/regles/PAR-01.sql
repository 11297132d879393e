-- id: PAR-01
-- severite: critique
-- titre: Type de positionnement modifié en cours d'année
-- entite: ligne de parametrages_classe (classe_id, date_changement)
-- uai: classe.uai
-- millesime: classe.millesime
-- eleve_id: NULL
-- classe_id: classe_id
-- objet_id: `classe_id|date_changement`
-- date_evenement: changement de paramétrage (parametrages_classe.date_changement)
-- acteur: direction
-- explication: Le type de positionnement d'une classe a changé après la création de son premier bilan : tous les positionnements de la classe ont été effacés.
-- remediation: Le changement a supprimé tous les positionnements (ou niveaux atteints) de la classe : les faire ressaisir par les enseignants ; fixer le type de positionnement au plus tôt en début d'année (Paramétrage > Paramétrage par classe) et ne plus le modifier en cours d'année.
WITH classes_modifiees AS (
    SELECT DISTINCT classe_id FROM parametrages_classe WHERE champ = 'TYPE_POSITIONNEMENT'
),
bilans_classes AS (
    -- The reports of the classes whose setting changed: one scan of bilans_periodiques, kept for the two
    -- uses below (first report, reports before the change).
    SELECT classe_id, date_creation
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
    WHERE pc.champ = 'TYPE_POSITIONNEMENT'
      AND pc.date_changement > pb.premier_bilan
    GROUP BY pc.classe_id, pc.date_changement
),
bilans_avant AS (
    -- Bilans de la classe qui existaient déjà au moment du changement.
    SELECT ch.classe_id, ch.date_changement, count(*) AS nb_bilans
    FROM changements AS ch
    JOIN bilans_classes AS b
      ON b.classe_id = ch.classe_id AND b.date_creation < ch.date_changement
    GROUP BY ch.classe_id, ch.date_changement
)
SELECT
    'PAR-01' AS rule_id,
    c.uai,
    e.academie,
    c.millesime,
    NULL AS eleve_id,
    ch.classe_id,
    ch.classe_id || '|' || strftime(ch.date_changement, '%Y-%m-%dT%H:%M:%S') AS objet_id,
    format('Le type de positionnement de la classe {} a été changé le {} ({} → {}) alors que {} bilan(s) périodique(s) de la classe existaient déjà : tous les positionnements de la classe ont été supprimés ; les faire ressaisir et ne plus changer ce paramètre en cours d''année.',
        ch.classe_id, strftime(ch.date_changement, '%d/%m/%Y à %H:%M'),
        coalesce(ch.ancienne_valeur, 'non renseigné'), coalesce(ch.nouvelle_valeur, 'non renseigné'),
        ba.nb_bilans) AS detail,
    ch.date_changement AS date_evenement
FROM changements AS ch
JOIN bilans_avant AS ba ON ba.classe_id = ch.classe_id AND ba.date_changement = ch.date_changement
LEFT JOIN classes AS c ON c.classe_id = ch.classe_id
LEFT JOIN etablissements AS e ON e.uai = c.uai
