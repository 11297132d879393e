-- Référentiel géographique et établissements.
-- Variables : n_acad, depts_par_acad, n_ecoles, n_colleges.
CREATE OR REPLACE TABLE ref_academies AS
SELECT * FROM (VALUES
    (0, '08', ['038', '073', '074', '026', '007']),
    (1, '10', ['069', '042', '001']),
    (2, '14', ['035', '029', '056', '022']),
    (3, '02', ['013', '084', '004', '005']),
    (4, '09', ['059', '062']),
    (5, '25', ['078', '091', '092', '095']),
    (6, '16', ['031', '081', '082', '065']),
    (7, '04', ['033', '064', '024', '040']),
    (8, '17', ['044', '049', '085', '072']),
    (9, '12', ['054', '057', '088', '055']),
    (10, '24', ['093', '094', '077']),
    (11, '11', ['034', '030', '066', '011']),
    (12, '01', ['075']),
    (13, '15', ['067', '068']),
    (14, '06', ['063', '003', '015', '043']),
    (15, '03', ['025', '039', '070', '090']),
    (16, '13', ['086', '016', '017', '079']),
    (17, '18', ['037', '045', '018', '028']),
    (18, '19', ['051', '010', '008', '052']),
    (19, '20', ['080', '060', '002']),
    (20, '22', ['087', '019', '023']),
    (21, '23', ['006', '083']),
    (22, '28', ['974']),
    (23, '07', ['021', '058', '071', '089'])
) t(acad_rang, academie, departements)
WHERE acad_rang < getvariable('n_acad');

CREATE OR REPLACE TABLE g_departement AS
WITH d AS (
    SELECT acad_rang, academie, unnest(departements) AS departement,
           generate_subscripts(departements, 1) AS d_rang
    FROM ref_academies
)
SELECT row_number() OVER (ORDER BY acad_rang, d_rang) - 1 AS d_idx, acad_rang, academie, departement
FROM d WHERE d_rang <= getvariable('depts_par_acad');

-- Collèges : le collège i est dans le département i mod D.
CREATE OR REPLACE TABLE g_college AS
WITH n AS (SELECT count(*) AS nd FROM g_departement)
SELECT i AS c_idx, d.d_idx, d.academie, d.departement, d.acad_rang,
       i // n.nd AS rang_dept,
       uai_of(CAST(d.departement AS INTEGER) * 10000 + 5000 + i // n.nd) AS uai
FROM range(getvariable('n_colleges')) r(i), n
JOIN g_departement d ON d.d_idx = i % n.nd;

-- Écoles : l'école j est dans le département j mod D ; son collège de secteur est dans le même département.
CREATE OR REPLACE TABLE g_ecole AS
WITH n AS (SELECT count(*) AS nd FROM g_departement),
cpd AS (SELECT d_idx, count(*) AS nc FROM g_college GROUP BY d_idx),
e AS (
    SELECT j AS e_idx, d.d_idx, d.academie, d.departement, d.acad_rang, j // n.nd AS rang_dept,
           uai_of(CAST(d.departement AS INTEGER) * 10000 + 1 + j // n.nd) AS uai,
           d.departement || 'C' || lpad(CAST((j // n.nd) // 20 + 1 AS VARCHAR), 2, '0') AS circonscription
    FROM range(getvariable('n_ecoles')) r(j), n
    JOIN g_departement d ON d.d_idx = j % n.nd
)
SELECT e.*, c.uai AS uai_college,
       row_number() OVER (PARTITION BY e.acad_rang ORDER BY e.e_idx) - 1 AS rang_acad,
       count(*) OVER (PARTITION BY e.acad_rang) AS n_acad_ecoles
FROM e JOIN cpd ON cpd.d_idx = e.d_idx
JOIN g_college c ON c.d_idx = e.d_idx AND c.rang_dept = e.rang_dept % cpd.nc;

CREATE OR REPLACE TABLE etablissements AS
WITH u AS (
    SELECT uai, '1D' AS degre, academie, departement, circonscription, e_idx AS k FROM g_ecole
    UNION ALL
    SELECT uai, '2D', academie, departement, NULL, 100000000 + c_idx FROM g_college
), s AS (
    SELECT *, CASE WHEN rnd('secteur', k) < 0.15 THEN 'PR' ELSE 'PU' END AS secteur FROM u
)
SELECT s.uai,
       CASE WHEN degre = '1D' AND secteur = 'PR' THEN 'École privée Sainte-' || ep.nom
            WHEN degre = '1D' THEN (['École élémentaire ', 'École primaire ', 'École publique '])[rndi('typ', k, 3) + 1] || ep.nom
            WHEN secteur = 'PR' THEN 'Collège privé Saint-' || ep.nom
            ELSE 'Collège ' || ep.nom END AS nom,
       degre, secteur, academie, departement, circonscription,
       -- Au 2D le service en ligne est ouvert (SEL-01) ; au 1D, quelques écoles ne l'ont pas ouvert.
       CASE WHEN degre = '2D' THEN true ELSE rnd('sel', k) >= 0.1 END AS service_en_ligne_ouvert,
       k AS _ord
FROM s JOIN ref_eponymes ep ON ep.i = rndi('epo', k, (SELECT count(*) FROM ref_eponymes));

-- Personnels de circonscription et d'académie (les enseignants viennent avec les classes).
CREATE OR REPLACE TABLE g_personnel_hors_classe AS
SELECT 'DIR_' || uai AS personnel_id, uai, 'DIRECTEUR' AS role FROM g_ecole
UNION ALL SELECT 'CE_' || uai, uai, 'CHEF_ETABLISSEMENT' FROM g_college
UNION ALL SELECT 'DASEN_' || departement, NULL, 'DASEN' FROM g_departement
UNION ALL SELECT DISTINCT 'IEN_' || circonscription, NULL, 'IEN' FROM g_ecole
UNION ALL SELECT 'SUP_' || academie || '_' || s, NULL, 'SUPPORT' FROM ref_academies, range(2) r(s);
