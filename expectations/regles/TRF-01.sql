-- id: TRF-01
-- severite: majeure
-- titre: Transfert inter-académique manquant
-- entite: eleve_id
-- uai: uai de l'inscription de C (académie B) ; la plus récente par `date_entree` puis `uai` s'il y en a plusieurs
-- academie: B (académie d'accueil)
-- millesime: C
-- eleve_id: eleve_id
-- classe_id: NULL
-- objet_id: NULL
-- date_evenement: arrivée dans l'académie B (date_entree de cette inscription)
-- acteur: direction
-- explication: Un élève a changé d'académie et son livret (bilans, attestations) est resté dans l'académie d'origine faute de transfert inter-académique.
-- remediation: Le directeur d'école ou le chef d'établissement d'accueil doit effectuer dans LSU le transfert inter-académique de l'élève depuis son académie d'origine, pour récupérer son livret (possible l'année d'arrivée comme les années suivantes).
-- B = académie de l'inscription de l'année C (la plus récente par date_entree, puis uai) ;
-- A = académie de l'inscription de la dernière année antérieure (même départage).
WITH noms_academies AS (
    -- Academies by their name in the sentence (nomenclature shipped in the package, bound as a variable).
    SELECT unnest(getvariable('academies'), recursive := true)
),
mobiles AS (
    -- The only pupils who can have changed academy: enrolled in two academies, or in one with no academy
    -- code. One aggregate over inscriptions; the per-pupil aggregates below run on these pupils alone.
    SELECT i.eleve_id
    FROM inscriptions AS i
    JOIN etablissements AS e ON e.uai = i.uai
    GROUP BY i.eleve_id
    HAVING min(e.academie) IS DISTINCT FROM max(e.academie) OR count(e.academie) < count(*)
),
inscriptions_academie AS (
    -- An enrolment at an unknown establishment has no academy (REF-01 reports it): not counted here.
    SELECT i.eleve_id, i.uai, i.millesime, i.date_entree, e.academie
    FROM inscriptions AS i
    JOIN etablissements AS e ON e.uai = i.uai
    WHERE i.eleve_id IN (SELECT eleve_id FROM mobiles)
),
courantes AS (
    SELECT eleve_id,
           first(struct_pack(uai, academie, date_entree) ORDER BY date_entree DESC NULLS LAST, uai DESC NULLS LAST) AS arrivee
    FROM inscriptions_academie
    WHERE millesime = getvariable('millesime_courant')
    GROUP BY eleve_id
),
dernieres_annees AS (
    -- « greatest millesime < C » over every enrolment: a year spent only at unknown establishments
    -- leaves A unknown (no anomaly) instead of falling back to an older year.
    SELECT eleve_id, max(millesime) AS millesime
    FROM inscriptions
    WHERE millesime < getvariable('millesime_courant')
      AND eleve_id IN (SELECT eleve_id FROM mobiles)
    GROUP BY eleve_id
),
anterieures AS (
    SELECT ia.eleve_id, ia.millesime,
           first(struct_pack(uai := ia.uai, academie := ia.academie) ORDER BY ia.date_entree DESC NULLS LAST, ia.uai DESC NULLS LAST) AS depart
    FROM inscriptions_academie AS ia
    JOIN dernieres_annees AS d ON d.eleve_id = ia.eleve_id AND d.millesime = ia.millesime
    GROUP BY ia.eleve_id, ia.millesime
),
changements AS (
    SELECT c.eleve_id, c.arrivee.uai AS uai, c.arrivee.academie AS academie_accueil, c.arrivee.date_entree AS date_arrivee,
           a.depart.academie AS academie_origine, a.millesime AS millesime_origine
    FROM courantes AS c
    JOIN anterieures AS a ON a.eleve_id = c.eleve_id
    WHERE a.depart.academie <> c.arrivee.academie
),
livrets_origine AS (
    -- Élèves qui ont un bilan, un bilan de fin de cycle ou une attestation dans l'académie d'origine.
    SELECT DISTINCT ch.eleve_id
    FROM changements AS ch
    JOIN (
        SELECT eleve_id, uai FROM bilans_periodiques
        UNION ALL
        SELECT eleve_id, uai FROM bilans_cycle
        UNION ALL
        SELECT eleve_id, uai FROM attestations
    ) AS l ON l.eleve_id = ch.eleve_id
    JOIN etablissements AS e ON e.uai = l.uai AND e.academie = ch.academie_origine
)
SELECT
    'TRF-01' AS rule_id,
    ch.uai,
    ch.academie_accueil AS academie,
    getvariable('millesime_courant') AS millesime,
    ch.eleve_id,
    NULL AS classe_id,
    NULL AS objet_id,
    format('L''élève {} est inscrit en {}-{} dans l''académie {} (établissement {}) alors qu''il était dans l''académie {} en {}-{}, où il a un livret, et aucun transfert inter-académique de {} vers {} n''a été fait : l''établissement d''accueil doit effectuer le transfert dans LSU.',
        ch.eleve_id, getvariable('millesime_courant'), getvariable('millesime_courant') + 1,
        academie_de(ch.academie_accueil, na_b.libelle), coalesce(ch.uai, 'inconnu'),
        academie_de(ch.academie_origine, na_a.libelle),
        ch.millesime_origine, ch.millesime_origine + 1,
        coalesce(na_a.libelle, ch.academie_origine), coalesce(na_b.libelle, ch.academie_accueil)) AS detail,
    ch.date_arrivee AS date_evenement
FROM changements AS ch
LEFT JOIN noms_academies AS na_b ON na_b.code = ch.academie_accueil
LEFT JOIN noms_academies AS na_a ON na_a.code = ch.academie_origine
WHERE ch.eleve_id IN (SELECT eleve_id FROM livrets_origine)
  AND NOT EXISTS (
      SELECT 1
      FROM transferts AS t
      WHERE t.eleve_id = ch.eleve_id
        AND t.academie_origine = ch.academie_origine
        AND t.academie_accueil = ch.academie_accueil
  )
