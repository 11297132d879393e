-- BP_SAISIS, BP_VERROUILLES, BP_VISES, une ligne par indice de période (pas de ligne « toutes périodes »).
-- Indices : ceux des périodes paramétrées ou des bilans de C, dans 1..6 (bornes de nb_periodes), les mêmes
-- pour toutes les cellules.
CREATE OR REPLACE TEMP TABLE ind_periodes_bp AS
SELECT indice AS periode FROM periodes
WHERE millesime = (SELECT c FROM ind_params) AND indice BETWEEN 1 AND 6
UNION SELECT indice FROM bilans_periodiques
WHERE millesime = (SELECT c FROM ind_params) AND indice BETWEEN 1 AND 6;

INSERT INTO ind_attendus
SELECT 'bilans_periodiques', v.indicateur, p.periode, true, true
FROM (VALUES ('BP_SAISIS'), ('BP_VERROUILLES'), ('BP_VISES')) AS v(indicateur)
CROSS JOIN ind_periodes_bp p;

-- Les bilans et les attendus appartiennent chacun à un seul établissement et un seul niveau : on compte
-- d'abord par (uai, niveau, indice), puis on additionne par périmètre (beaucoup moins de lignes à grouper).

-- BP_SAISIS : attendu = inscription (élève, classe) de C × période de la périodicité de la classe
-- terminée avant X ; saisi = un bilan existe pour cet élève, cette classe et cet indice.
INSERT INTO ind_bruts
WITH attendus AS (
    SELECT i.eleve_id, i.classe_id, i.uai, i.niveau, pe.indice
    FROM ind_inscriptions i
    JOIN classes cl ON cl.classe_id = i.classe_id
    JOIN periodes pe ON pe.uai = cl.uai
                    AND pe.millesime = (SELECT c FROM ind_params)
                    AND pe.periodicite = cl.periodicite
    WHERE pe.date_fin < (SELECT x_date FROM ind_params)
), bilans AS (
    -- seuls les bilans des classes où des élèves sont inscrits en C peuvent correspondre à un attendu : la
    -- recherche se fait parmi eux, pas parmi les bilans de toutes les années de l'export
    SELECT eleve_id, classe_id, indice FROM bilans_periodiques
    WHERE classe_id IN (SELECT classe_id FROM ind_inscriptions)
), par_uai AS (
    SELECT a.uai, a.niveau, a.indice,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bilans b
                                          WHERE b.eleve_id = a.eleve_id AND b.classe_id = a.classe_id
                                            AND b.indice = a.indice)) AS saisis,
           count(*) AS attendus
    FROM attendus a
    GROUP BY ALL
)
SELECT 'BP_SAISIS', u.indice, p.niveau_perimetre, p.code_perimetre,
       CASE WHEN grouping(u.niveau) = 1 THEN 'TOUS' ELSE u.niveau END,
       sum(u.saisis), sum(u.attendus)
FROM par_uai u
JOIN ind_perimetres p USING (uai)
GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, u.niveau, u.indice),
                        (p.niveau_perimetre, p.code_perimetre, u.indice));

-- BP_VERROUILLES : verrouillés / saisis ; BP_VISES : visés par la famille / publiés (bilans de C).
-- Périmètre = uai du bilan, niveau = celui de sa classe.
INSERT INTO ind_bruts
WITH par_uai AS (
    SELECT b.uai, cl.niveau, b.indice,
           count(*) FILTER (WHERE b.date_verrou IS NOT NULL) AS verrouilles,
           count(*) AS saisis,
           count(*) FILTER (WHERE b.date_publication IS NOT NULL AND b.date_visa IS NOT NULL) AS vises,
           count(*) FILTER (WHERE b.date_publication IS NOT NULL) AS publies
    FROM bilans_periodiques b
    LEFT JOIN classes cl ON cl.classe_id = b.classe_id
    WHERE b.millesime = (SELECT c FROM ind_params) AND b.indice IS NOT NULL  -- sans indice : hors période
    GROUP BY ALL
), g AS MATERIALIZED (
    SELECT u.indice, p.niveau_perimetre, p.code_perimetre,
           CASE WHEN grouping(u.niveau) = 1 THEN 'TOUS' ELSE u.niveau END AS niveau_scolaire,
           sum(u.verrouilles) AS verrouilles, sum(u.saisis) AS saisis,
           sum(u.vises) AS vises, sum(u.publies) AS publies
    FROM par_uai u
    JOIN ind_perimetres p USING (uai)
    GROUP BY GROUPING SETS ((p.niveau_perimetre, p.code_perimetre, u.niveau, u.indice),
                            (p.niveau_perimetre, p.code_perimetre, u.indice))
)
SELECT 'BP_VERROUILLES', indice, niveau_perimetre, code_perimetre, niveau_scolaire, verrouilles, saisis FROM g
UNION ALL
SELECT 'BP_VISES', indice, niveau_perimetre, code_perimetre, niveau_scolaire, vises, publies FROM g;
