-- id: CMP-01
-- severite: majeure
-- titre: Bilan verrouillé incomplet
-- entite: bilan_id
-- remediation: Déverrouiller le bilan (s'il n'est pas visé par la famille), compléter les disciplines, éléments de programme, positionnements ou moyennes, la synthèse et (2D) la vie scolaire, puis le verrouiller à nouveau.
WITH verrouilles AS (
    SELECT b.*, e.academie, e.degre
    FROM bilans_periodiques AS b
    LEFT JOIN etablissements AS e ON e.uai = b.uai
    WHERE b.millesime = getvariable('millesime_courant')
      AND b.date_verrou IS NOT NULL
),
acquis_bilans AS (
    SELECT a.bilan_id,
           count(*) AS nb_acquis,
           count(*) FILTER (WHERE a.nb_elements_programme = 0) AS nb_sans_elements,
           count(*) FILTER (WHERE a.positionnement IS NULL AND a.moyenne_eleve IS NULL) AS nb_sans_evaluation
    FROM acquis AS a
    WHERE a.bilan_id IN (SELECT bilan_id FROM verrouilles)
    GROUP BY a.bilan_id
),
manques AS (
    SELECT v.*,
           concat_ws(' ; ',
               CASE WHEN ab.bilan_id IS NULL THEN 'aucune discipline' END,
               CASE WHEN v.synthese_renseignee = false THEN 'synthèse générale non rédigée' END,
               CASE WHEN v.degre = '2D' AND v.vie_scolaire_renseignee = false THEN 'vie scolaire non renseignée' END,
               CASE WHEN ab.nb_sans_elements > 0 THEN format('{} discipline(s) sans élément de programme', ab.nb_sans_elements) END,
               CASE WHEN ab.nb_sans_evaluation > 0 THEN format('{} discipline(s) sans positionnement ni moyenne', ab.nb_sans_evaluation) END
           ) AS liste
    FROM verrouilles AS v
    LEFT JOIN acquis_bilans AS ab ON ab.bilan_id = v.bilan_id
)
SELECT
    'CMP-01' AS rule_id,
    'majeure' AS severite,
    m.uai,
    m.academie,
    m.millesime,
    m.eleve_id,
    m.classe_id,
    m.bilan_id AS objet_id,
    format('Le bilan périodique {} est verrouillé mais incomplet ({}) : le compléter et le verrouiller à nouveau.',
        m.bilan_id, m.liste) AS detail
FROM manques AS m
WHERE m.liste <> ''
