-- Élèves d'un bloc (k_debut <= k < k_fin) et leurs parcours sur trois années (C-2, C-1, C).
-- Variables : k_debut, k_fin, c (millésime courant).

-- Niveau en C (0 = CP .. 8 = 3E ; 9 et 10 = anciens élèves partis au lycée, présents en C-1 ou C-2),
-- école de départ, déménagement éventuel.
CREATE OR REPLACE TABLE g_eleve AS
WITH b AS (
    SELECT k, rndi('niv', k, 11) AS lvl_c, rndi('eco', k, getvariable('n_ecoles')) AS e0,
           rnd('mv', k) AS r_mv,
           getvariable('c') - 1 + rndi('ym', k, 2) AS ym
    FROM range(getvariable('k_debut'), getvariable('k_fin')) r(k)
)
-- Les 6 premiers élèves arrivent d'une autre académie en C (scolarisés en C-1), les 8 suivants en C-1
-- (scolarisés en C-2) : TRF-01 et TRF-02 ont toujours des candidats, même sur un petit export.
SELECT b.k, 'EL' || lpad(CAST(b.k AS VARCHAR), 9, '0') AS eleve_id,
       CASE WHEN b.k < 6 THEN 1 + rndi('niv1', b.k, 8) WHEN b.k < 14 THEN 2 + rndi('niv2', b.k, 7) ELSE b.lvl_c END AS lvl_c,
       b.e0,
       CASE WHEN b.k < 14 THEN 'INTER' WHEN r_mv < 0.06 THEN 'INTRA' WHEN r_mv < 0.10 THEN 'INTER' END AS mouvement,
       CASE WHEN b.k < 6 THEN getvariable('c') WHEN b.k < 14 THEN getvariable('c') - 1 ELSE b.ym END AS ym,
       e.acad_rang AS acad0
FROM b JOIN g_ecole e ON e.e_idx = b.e0;

-- Nouvelle école des élèves qui déménagent (même académie, ou une autre académie).
CREATE OR REPLACE TABLE g_demenagement AS
WITH m AS (
    SELECT k, mouvement, ym,
           CASE WHEN mouvement = 'INTRA' THEN acad0
                ELSE (acad0 + 1 + rndi('acad1', k, getvariable('n_acad') - 1)) % getvariable('n_acad') END AS acad1
    FROM g_eleve WHERE mouvement IS NOT NULL
), n AS (SELECT acad_rang, any_value(n_acad_ecoles) AS ne FROM g_ecole GROUP BY acad_rang)
SELECT m.k, m.ym, e.e_idx AS e1
FROM m JOIN n ON n.acad_rang = m.acad1
JOIN g_ecole e ON e.acad_rang = m.acad1 AND e.rang_acad = rndi('e1', m.k, n.ne);

-- Une ligne par élève et par année où il est scolarisé (CP..3E).
CREATE OR REPLACE TABLE g_parcours AS
WITH y AS (
    SELECT g.k, g.eleve_id, a.y, g.lvl_c - (getvariable('c') - a.y) AS lvl,
           CASE WHEN d.k IS NOT NULL AND a.y >= d.ym THEN d.e1 ELSE g.e0 END AS e_idx
    FROM g_eleve g CROSS JOIN (SELECT getvariable('c') - i AS y FROM range(3) r(i)) a
    LEFT JOIN g_demenagement d ON d.k = g.k
    WHERE g.lvl_c - (getvariable('c') - a.y) BETWEEN 0 AND 8
)
SELECT y.k, y.eleve_id, y.y, y.lvl, niveau_of(y.lvl) AS niveau,
       CASE WHEN y.lvl <= 4 THEN e.uai ELSE e.uai_college END AS uai,
       CASE WHEN y.lvl <= 4 THEN '1D' ELSE '2D' END AS degre,
       e.academie
FROM y JOIN g_ecole e ON e.e_idx = y.e_idx;
