-- Calendrier et périodes des établissements, une fois pour tout l'export (après effectifs.sql).

CREATE OR REPLACE TABLE g_etab_annee AS
WITH ea AS (SELECT DISTINCT uai, y, degre FROM g_effectif)
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
