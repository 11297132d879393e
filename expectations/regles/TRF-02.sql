-- id: TRF-02
-- severite: majeure
-- titre: Livret resté dans une académie quittée
-- entite: (eleve_id, A) ; objet_id = A
-- uai: comme TRF-01 (académie B)
-- academie: B (académie d'accueil)
-- millesime: C
-- eleve_id: eleve_id
-- classe_id: NULL
-- objet_id: A (académie quittée)
-- date_evenement: départ de l'académie A (date_entree de la première inscription hors de A après la dernière dans A)
-- acteur: direction
-- explication: Un élève a été scolarisé, avant l'an dernier ou en cours d'année, dans une académie qu'il a quittée, et son livret y est resté : aucun transfert inter-académique n'a été fait depuis cette académie.
-- remediation: Le directeur d'école ou le chef d'établissement actuel de l'élève doit effectuer dans LSU le transfert inter-académique depuis l'académie quittée (nommée dans le détail) : le livret n'en est jamais parti, et ce transfert reste possible les années qui suivent l'arrivée.
-- B = académie de l'inscription de l'année C (la plus récente par date_entree, puis uai, comme TRF-01) ;
-- A = académie d'une inscription d'une année antérieure, ni académie d'une inscription de C, ni celle de la
-- dernière année antérieure retenue par TRF-01 (ce cas est celui de TRF-01).
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
           first(struct_pack(uai, academie) ORDER BY date_entree DESC NULLS LAST, uai DESC NULLS LAST) AS arrivee,
           list(DISTINCT academie) AS academies_c
    FROM inscriptions_academie
    WHERE millesime = getvariable('millesime_courant')
    GROUP BY eleve_id
),
dernieres_annees AS (
    SELECT eleve_id, max(millesime) AS millesime
    FROM inscriptions
    WHERE millesime < getvariable('millesime_courant')
      AND eleve_id IN (SELECT eleve_id FROM mobiles)
    GROUP BY eleve_id
),
depart_trf01 AS (
    -- TRF-01's A: the academy of the latest enrolment of the latest earlier year.
    SELECT ia.eleve_id,
           first(ia.academie ORDER BY ia.date_entree DESC NULLS LAST, ia.uai DESC NULLS LAST) AS academie
    FROM inscriptions_academie AS ia
    JOIN dernieres_annees AS d ON d.eleve_id = ia.eleve_id AND d.millesime = ia.millesime
    GROUP BY ia.eleve_id
),
quittees AS (
    -- Academies of an earlier year, with the last such year (named in detail).
    SELECT ia.eleve_id, ia.academie, max(ia.millesime) AS millesime_quitte, max(ia.date_entree) AS derniere_entree
    FROM inscriptions_academie AS ia
    WHERE ia.millesime < getvariable('millesime_courant')
    GROUP BY ia.eleve_id, ia.academie
),
candidats AS (
    SELECT c.eleve_id, c.arrivee.uai AS uai, c.arrivee.academie AS academie_accueil,
           q.academie AS academie_quittee, q.millesime_quitte,
           -- Départ de A : la première inscription dans une autre académie après la dernière dans A.
           (SELECT min(ia.date_entree) FROM inscriptions_academie AS ia
            WHERE ia.eleve_id = c.eleve_id AND ia.academie <> q.academie AND ia.date_entree > q.derniere_entree) AS date_depart
    FROM courantes AS c
    JOIN quittees AS q ON q.eleve_id = c.eleve_id
    LEFT JOIN depart_trf01 AS d ON d.eleve_id = c.eleve_id
    WHERE NOT list_contains(c.academies_c, q.academie)
      AND q.academie IS DISTINCT FROM d.academie
),
livrets AS (
    SELECT DISTINCT l.eleve_id, e.academie
    FROM (
        SELECT eleve_id, uai FROM bilans_periodiques
        UNION ALL
        SELECT eleve_id, uai FROM bilans_cycle
        UNION ALL
        SELECT eleve_id, uai FROM attestations
    ) AS l
    JOIN etablissements AS e ON e.uai = l.uai
    WHERE l.eleve_id IN (SELECT eleve_id FROM candidats)
)
SELECT
    'TRF-02' AS rule_id,
    ca.uai,
    ca.academie_accueil AS academie,
    getvariable('millesime_courant') AS millesime,
    ca.eleve_id,
    NULL AS classe_id,
    ca.academie_quittee AS objet_id,
    format('L''élève {} est inscrit en {}-{} dans l''académie {} (établissement {}) ; il était dans l''académie {} jusqu''en {}-{}, où il a un livret, et aucun transfert inter-académique n''a été fait depuis l''académie {} : son livret y est resté. L''établissement d''accueil doit effectuer le transfert dans LSU.',
        ca.eleve_id, getvariable('millesime_courant'), getvariable('millesime_courant') + 1,
        academie_de(ca.academie_accueil, na_b.libelle), coalesce(ca.uai, 'inconnu'),
        academie_de(ca.academie_quittee, na_a.libelle),
        ca.millesime_quitte, ca.millesime_quitte + 1, academie_de(ca.academie_quittee, na_a.libelle)) AS detail,
    ca.date_depart AS date_evenement
FROM candidats AS ca
JOIN livrets AS l ON l.eleve_id = ca.eleve_id AND l.academie = ca.academie_quittee
LEFT JOIN noms_academies AS na_b ON na_b.code = ca.academie_accueil
LEFT JOIN noms_academies AS na_a ON na_a.code = ca.academie_quittee
WHERE NOT EXISTS (
    SELECT 1
    FROM transferts AS t
    WHERE t.eleve_id = ca.eleve_id
      AND t.academie_origine = ca.academie_quittee
)
