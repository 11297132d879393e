-- Élèves, parcours sur trois années (C-2, C-1, C), classes, périodes et inscriptions.
-- Variables : n_eleves, c (millésime courant), x (date d'extraction).

-- Niveau en C (0 = CP .. 8 = 3E ; 9 et 10 = anciens élèves partis au lycée, présents en C-1 ou C-2),
-- école de départ, déménagement éventuel.
CREATE OR REPLACE TABLE g_eleve AS
WITH b AS (
    SELECT k, rndi('niv', k, 11) AS lvl_c, rndi('eco', k, getvariable('n_ecoles')) AS e0,
           rnd('mv', k) AS r_mv,
           getvariable('c') - 1 + rndi('ym', k, 2) AS ym
    FROM range(getvariable('n_eleves')) r(k)
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

CREATE OR REPLACE TABLE eleves AS
SELECT g.eleve_id,
       -- INE : 10 chiffres (bijection de k modulo 10^10) + 1 lettre.
       lpad(CAST((g.k * 104729 + 7777 + getvariable('seed') % 1000000) % 10000000000 AS VARCHAR), 10, '0')
           || chr(65 + CAST(rndi('ine', g.k, 26) AS INTEGER)) AS ine,
       n.nom, p.prenom,
       make_date(getvariable('c') - 6 - g.lvl_c, 1, 1) + jours(rndi('naiss', g.k, 365)) AS date_naissance,
       g.k AS _ord
FROM g_eleve g
JOIN ref_noms n ON n.i = rndi('nom', g.k, (SELECT count(*) FROM ref_noms))
JOIN ref_prenoms p ON p.i = rndi('prenom', g.k, (SELECT count(*) FROM ref_prenoms));

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

-- Calendrier et périodicités de chaque établissement pour chaque année.
CREATE OR REPLACE TABLE g_etab_annee AS
WITH ea AS (SELECT DISTINCT uai, y, degre FROM g_parcours)
SELECT uai, y, degre,
       CASE WHEN degre = '1D' THEN CASE WHEN rnd2('per', uai, y) < 0.8 THEN 'T' ELSE 'S' END
            ELSE CASE WHEN rnd2('per', uai, y) < 0.55 THEN 'T' WHEN rnd2('per', uai, y) < 0.8 THEN 'S' ELSE 'TS' END
       END AS mode,
       make_date(y, 9, 1) + CAST(rndi2('d0', uai, y, 2) AS INTEGER) AS rentree,
       make_date(y, 11, 28) + CAST(rndi2('t1', uai, y, 6) AS INTEGER) AS fin_t1,
       -- Fin du 2e trimestre entre le 1er et le 7 mars : jamais à 15 jours pile de X (VER-03 sans ambiguïté).
       make_date(y + 1, 3, 1) + CAST(rndi2('t2', uai, y, 7) AS INTEGER) AS fin_t2,
       make_date(y + 1, 1, 22) + CAST(rndi2('s1', uai, y, 7) AS INTEGER) AS fin_s1,
       make_date(y + 1, 7, 3) + CAST(rndi2('t3', uai, y, 4) AS INTEGER) AS fin_annee
FROM ea;

CREATE OR REPLACE TABLE periodes AS
WITH p AS (
    SELECT ea.uai, ea.y AS millesime, 'TRIMESTRE' AS periodicite, 3 AS nb_periodes, i.indice,
           CASE i.indice WHEN 1 THEN rentree WHEN 2 THEN fin_t1 + 1 ELSE fin_t2 + 1 END AS date_debut,
           CASE i.indice WHEN 1 THEN fin_t1 WHEN 2 THEN fin_t2 ELSE fin_annee END AS date_fin, rentree
    FROM g_etab_annee ea, (SELECT unnest([1, 2, 3]) AS indice) i WHERE ea.mode IN ('T', 'TS')
    UNION ALL
    SELECT ea.uai, ea.y, 'SEMESTRE', 2, i.indice,
           CASE i.indice WHEN 1 THEN rentree ELSE fin_s1 + 1 END,
           CASE i.indice WHEN 1 THEN fin_s1 ELSE fin_annee END, rentree
    FROM g_etab_annee ea, (SELECT unnest([1, 2]) AS indice) i WHERE ea.mode IN ('S', 'TS')
)
SELECT uai, millesime, periodicite, nb_periodes, indice, date_debut::DATE AS date_debut, date_fin::DATE AS date_fin,
       -- Paramétrage avant la rentrée en général, parfois un peu après (jamais plus de 30 jours : PER-04).
       CASE WHEN rnd2('ptard', uai, millesime || periodicite) < 0.1
            THEN rentree + jours(1 + rndi2('pj', uai, millesime || periodicite, 20))
            ELSE rentree - jours(5 + rndi2('pj', uai, millesime || periodicite, 55)) END
           + heure('ph', uai, millesime || periodicite) AS date_parametrage,
       row_number() OVER (ORDER BY uai, millesime, periodicite, indice) AS _ord
FROM p;

-- Classes : divisions d'environ 25 élèves par (établissement, année, niveau).
CREATE OR REPLACE TABLE g_parcours_div AS
WITH c AS (SELECT uai, y, lvl, count(*) AS eff FROM g_parcours GROUP BY ALL)
SELECT p.*, 1 + rndi2('div', p.k, p.y, greatest(1, ceil(c.eff / CASE WHEN p.degre = '1D' THEN 25 ELSE 27 END)::BIGINT)) AS div,
       'CL' || p.y || '_' || p.uai || '_' || p.niveau || '_' ||
           (1 + rndi2('div', p.k, p.y, greatest(1, ceil(c.eff / CASE WHEN p.degre = '1D' THEN 25 ELSE 27 END)::BIGINT))) AS classe_id
FROM g_parcours p JOIN c USING (uai, y, lvl);

CREATE OR REPLACE TABLE classes AS
WITH c AS (SELECT DISTINCT classe_id, uai, y, lvl, niveau, degre, div FROM g_parcours_div)
SELECT c.classe_id, c.uai, c.y AS millesime,
       CASE WHEN c.degre = '1D' THEN c.niveau ELSE replace(c.niveau, 'E', 'EME') END || '_' || c.div AS code_division,
       c.niveau,
       CASE ea.mode WHEN 'T' THEN 'TRIMESTRE' WHEN 'S' THEN 'SEMESTRE'
            ELSE CASE WHEN rnd('cper', c.classe_id) < 0.5 THEN 'SEMESTRE' ELSE 'TRIMESTRE' END END AS periodicite,
       CASE WHEN rnd('src', c.classe_id) < CASE WHEN c.degre = '1D' THEN 0.05 ELSE 0.3 END THEN 'IMPORT' ELSE 'SAISIE' END AS source_donnees,
       CASE WHEN c.degre = '1D' THEN CASE WHEN rnd('tp', c.classe_id) < 0.8 THEN 'ECHELLE_4' ELSE 'ATTEINT' END
            ELSE CASE WHEN rnd('tp', c.classe_id) < 0.55 THEN 'ECHELLE_4' ELSE 'NOTES' END END AS type_positionnement,
       c.lvl, c.degre, c.div,
       row_number() OVER (ORDER BY c.classe_id) AS _ord
FROM c JOIN g_etab_annee ea ON ea.uai = c.uai AND ea.y = c.y;

CREATE OR REPLACE TABLE inscriptions AS
SELECT p.eleve_id, p.uai, p.classe_id, p.y AS millesime, ea.rentree::DATE AS date_entree,
       CASE WHEN p.y < getvariable('c') THEN ea.fin_annee::DATE END AS date_sortie,
       p.k * 10 + (p.y - getvariable('c') + 2) AS _ord
FROM g_parcours_div p JOIN g_etab_annee ea ON ea.uai = p.uai AND ea.y = p.y;

-- Enseignants : un par division (réutilisé d'une année à l'autre).
CREATE OR REPLACE TABLE personnels AS
WITH p AS (
    SELECT DISTINCT 'ENS_' || uai || '_' || niveau || '_' || div AS personnel_id, uai, 'ENSEIGNANT' AS role FROM classes
    UNION ALL SELECT * FROM g_personnel_hors_classe
)
SELECT p.personnel_id, p.uai, p.role, n.nom, pr.prenom, row_number() OVER (ORDER BY p.personnel_id) AS _ord
FROM p
JOIN ref_noms n ON n.i = rndi('pnom', p.personnel_id, (SELECT count(*) FROM ref_noms))
JOIN ref_prenoms pr ON pr.i = rndi('pprenom', p.personnel_id, (SELECT count(*) FROM ref_prenoms));
