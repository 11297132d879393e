-- SOCLE_<domaine>_<n> : bilans de cycle de C verrouillés positionnés à n sur le domaine /
-- bilans de cycle de C verrouillés évaluant le domaine (positionnement > 0).
-- Rattachement comme BFC_VERROUILLES : uai du bilan, niveau(x) de l'élève dans cet établissement en C.
INSERT INTO ind_attendus
SELECT 'socle', 'SOCLE_' || d.domaine_code || '_' || n.n, NULL, true, true
FROM (SELECT unnest(getvariable('ind_domaines')) AS domaine_code) AS d
CROSS JOIN range(1, 5) AS n(n);

-- Comptage en deux temps : par établissement (TOUS : chaque bilan une fois ; niveau : chaque couple
-- bilan × niveau de l'élève une fois), puis somme par périmètre, exacte car un bilan a un seul uai.
INSERT INTO ind_bruts
WITH positions AS (
    SELECT bc.uai, bc.eleve_id, s.domaine_code, s.positionnement
    FROM bilans_cycle bc
    JOIN bilans_cycle_socle s USING (bilan_cycle_id)
    WHERE bc.millesime = (SELECT c FROM ind_params) AND bc.date_verrou IS NOT NULL
), rattachees AS (
    SELECT uai, 'TOUS' AS niveau_scolaire, domaine_code, positionnement FROM positions
    UNION ALL
    SELECT po.uai, ne.niveau, po.domaine_code, po.positionnement
    FROM positions po
    JOIN ind_niveaux_eleve ne ON ne.eleve_id = po.eleve_id AND ne.uai = po.uai
), par_uai AS (
    SELECT uai, niveau_scolaire, domaine_code,
           count(*) FILTER (WHERE positionnement > 0) AS evalues,
           [count(*) FILTER (WHERE positionnement = 1), count(*) FILTER (WHERE positionnement = 2),
            count(*) FILTER (WHERE positionnement = 3), count(*) FILTER (WHERE positionnement = 4)] AS par_position
    FROM rattachees
    GROUP BY ALL
), g AS (
    SELECT u.domaine_code, p.niveau_perimetre, p.code_perimetre, u.niveau_scolaire,
           sum(u.evalues) AS evalues,
           [sum(u.par_position[1]), sum(u.par_position[2]), sum(u.par_position[3]), sum(u.par_position[4])]
               AS par_position
    FROM par_uai u
    JOIN ind_perimetres p USING (uai)
    GROUP BY ALL
)
SELECT 'SOCLE_' || g.domaine_code || '_' || n.n, NULL, g.niveau_perimetre, g.code_perimetre,
       g.niveau_scolaire, g.par_position[n.n], g.evalues
FROM g CROSS JOIN range(1, 5) AS n(n);
