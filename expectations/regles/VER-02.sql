-- id: VER-02
-- severite: majeure
-- titre: Publication incohérente avec le verrouillage
-- entite: bilan_id
-- uai: bilan.uai
-- millesime: bilan.millesime
-- eleve_id: bilan.eleve_id
-- classe_id: bilan.classe_id
-- objet_id: bilan_id
-- date_evenement: verrouillage ou publication, celle des deux qui existe (date_verrou, date_publication)
-- acteur: assistance_nationale
-- explication: Un bilan est verrouillé sans être publié, ou publié sans être verrouillé.
-- remediation: Le verrouillage publie automatiquement le bilan sur le service en ligne : un bilan verrouillé non publié, ou publié non verrouillé, est une incohérence de LSU. Ouvrir un ticket SESAM à l'assistance nationale LSU avec l'identifiant du bilan.
-- The two cases are disjoint: two scans whose filters DuckDB applies while reading (an OR of two columns
-- is only evaluated after reading every column of every report).
WITH incoherents AS (
    SELECT * FROM bilans_periodiques WHERE date_verrou IS NOT NULL AND date_publication IS NULL
    UNION ALL
    SELECT * FROM bilans_periodiques WHERE date_publication IS NOT NULL AND date_verrou IS NULL
)
SELECT
    'VER-02' AS rule_id,
    b.uai,
    e.academie,
    b.millesime,
    b.eleve_id,
    b.classe_id,
    b.bilan_id AS objet_id,
    CASE
        WHEN b.date_publication IS NULL THEN
            format('Le bilan périodique {} est verrouillé depuis le {} mais n''est pas publié sur le service en ligne : le verrouillage doit publier le bilan ; signaler l''incohérence au support.',
                b.bilan_id, strftime(b.date_verrou, '%d/%m/%Y'))
        ELSE
            format('Le bilan périodique {} est publié sur le service en ligne depuis le {} sans être verrouillé : seul un bilan verrouillé peut être publié ; le verrouiller s''il est finalisé ou signaler l''incohérence au support.',
                b.bilan_id, strftime(b.date_publication, '%d/%m/%Y'))
    END AS detail,
    coalesce(b.date_verrou, b.date_publication) AS date_evenement
FROM incoherents AS b
LEFT JOIN etablissements AS e ON e.uai = b.uai
