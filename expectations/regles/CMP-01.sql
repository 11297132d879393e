-- id: CMP-01
-- severite: majeure
-- titre: Bilan verrouillé incomplet
-- entite: bilan_id
-- uai: bilan.uai
-- millesime: bilan.millesime
-- eleve_id: bilan.eleve_id
-- classe_id: bilan.classe_id
-- objet_id: bilan_id
-- date_evenement: verrouillage du bilan (date_verrou)
-- acteur: direction
-- explication: Un bilan verrouillé est incomplet : aucune discipline, synthèse ou vie scolaire (2d degré) non renseignée, discipline sans élément de programme ou sans positionnement ni moyenne.
-- remediation: Si la famille n'a pas visé le bilan, le déverrouiller, compléter ce qui manque (disciplines, éléments de programme, positionnements ou moyennes, synthèse, vie scolaire au 2d degré) puis le verrouiller à nouveau ; s'il est visé, il ne peut plus être déverrouillé (règle VER-01) : compléter le bilan de la période suivante.
WITH verrouilles AS (
    SELECT b.bilan_id, b.uai, b.millesime, b.eleve_id, b.classe_id, b.date_verrou, b.synthese_renseignee,
           b.vie_scolaire_renseignee, e.academie, e.degre
    FROM bilans_periodiques AS b
    LEFT JOIN etablissements AS e ON e.uai = b.uai
    WHERE b.millesime = getvariable('millesime_courant')
      AND b.date_verrou IS NOT NULL
),
sans_acquis AS (
    -- Locked reports with no acquis row. ANTI JOIN, not NOT EXISTS: the hash table is built on the locked
    -- reports and acquis only streams through it (NOT EXISTS would hash the whole of acquis).
    SELECT v.bilan_id
    FROM verrouilles AS v
    ANTI JOIN acquis AS a ON a.bilan_id = v.bilan_id
),
acquis_incomplets AS (
    -- Only the incomplete acquis rows are grouped, a small part of the table.
    SELECT a.bilan_id,
           count(*) FILTER (WHERE a.nb_elements_programme = 0) AS nb_sans_elements,
           count(*) FILTER (WHERE a.positionnement IS NULL AND a.moyenne_eleve IS NULL) AS nb_sans_evaluation
    FROM acquis AS a
    WHERE (a.nb_elements_programme = 0 OR (a.positionnement IS NULL AND a.moyenne_eleve IS NULL))
      AND a.bilan_id IN (SELECT bilan_id FROM verrouilles)
    GROUP BY a.bilan_id
),
manques AS (
    SELECT v.*,
           concat_ws(' ; ',
               CASE WHEN sa.bilan_id IS NOT NULL OR v.bilan_id IS NULL THEN 'aucune discipline' END,
               CASE WHEN v.synthese_renseignee = false THEN 'synthèse générale non rédigée' END,
               CASE WHEN v.degre = '2D' AND v.vie_scolaire_renseignee = false THEN 'vie scolaire non renseignée' END,
               CASE WHEN ai.nb_sans_elements > 0 THEN format('{} discipline(s) sans élément de programme', ai.nb_sans_elements) END,
               CASE WHEN ai.nb_sans_evaluation > 0 THEN format('{} discipline(s) sans positionnement ni moyenne', ai.nb_sans_evaluation) END
           ) AS liste
    FROM verrouilles AS v
    LEFT JOIN sans_acquis AS sa ON sa.bilan_id = v.bilan_id
    LEFT JOIN acquis_incomplets AS ai ON ai.bilan_id = v.bilan_id
)
SELECT
    'CMP-01' AS rule_id,
    m.uai,
    m.academie,
    m.millesime,
    m.eleve_id,
    m.classe_id,
    m.bilan_id AS objet_id,
    format('Le bilan périodique {} est verrouillé mais incomplet ({}) : le compléter et le verrouiller à nouveau.',
        m.bilan_id, m.liste) AS detail,
    m.date_verrou AS date_evenement
FROM manques AS m
WHERE m.liste <> ''
