-- SOCLE_<domaine>_<n> : bilans de cycle de C verrouillés positionnés à n sur le domaine /
-- bilans de cycle de C verrouillés évaluant le domaine (positionnement > 0).
-- Rattachement comme BFC_VERROUILLES (uai du bilan, niveau de l'élève dans cet établissement en C).
INSERT INTO ind_attendus
SELECT 'socle', 'SOCLE_' || d.domaine_code || '_' || n.n, NULL, true, true
FROM (SELECT unnest(getvariable('ind_domaines')) AS domaine_code) AS d
CROSS JOIN range(1, 5) AS n(n);

INSERT INTO ind_bruts
WITH verrouilles AS (
    SELECT bc.bilan_cycle_id, bc.uai, ne.niveau
    FROM bilans_cycle bc
    LEFT JOIN ind_niveaux_eleve ne ON ne.eleve_id = bc.eleve_id AND ne.uai = bc.uai
    WHERE bc.millesime = (SELECT c FROM ind_params) AND bc.date_verrou IS NOT NULL
), g AS (
    SELECT s.domaine_code, p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(v.niveau) = 1 THEN 'TOUS' ELSE v.niveau END AS niveau_scolaire,
           count(DISTINCT v.bilan_cycle_id) FILTER (WHERE s.positionnement > 0) AS evalues,
           [count(DISTINCT v.bilan_cycle_id) FILTER (WHERE s.positionnement = 1),
            count(DISTINCT v.bilan_cycle_id) FILTER (WHERE s.positionnement = 2),
            count(DISTINCT v.bilan_cycle_id) FILTER (WHERE s.positionnement = 3),
            count(DISTINCT v.bilan_cycle_id) FILTER (WHERE s.positionnement = 4)] AS par_position
    FROM verrouilles v
    JOIN bilans_cycle_socle s USING (bilan_cycle_id)
    JOIN ind_perimetres p ON p.uai = v.uai
    GROUP BY GROUPING SETS ((s.domaine_code, p.niveau_perimetre, p.code_perimetre, v.niveau),
                            (s.domaine_code, p.niveau_perimetre, p.code_perimetre))
)
SELECT 'SOCLE_' || g.domaine_code || '_' || n.n, NULL, g.niveau_perimetre, g.code_perimetre,
       g.niveau_scolaire, g.par_position[n.n], g.evalues
FROM g CROSS JOIN range(1, 5) AS n(n);
