-- Export synthétique de volume pour mesurer le calcul des indicateurs (bench), pas pour tester les
-- définitions : getvariable('bench_eleves') élèves en C, chacun avec deux inscriptions antérieures,
-- 3 bilans périodiques par inscription, bilans de cycle de fin de cycle avec socle, attestations.
-- Réparti sur ~eleves/100 établissements (1 collège pour 2 écoles), 30 académies, 100 départements.
CREATE OR REPLACE TEMP MACRO bench_n() AS getvariable('bench_eleves')::BIGINT;
CREATE OR REPLACE TEMP MACRO bench_n_etab() AS greatest(getvariable('bench_eleves')::BIGINT // 100, 3);

INSERT INTO manifeste (contrat, millesime_courant, date_extraction, perimetre_niveau, perimetre_code)
VALUES (1, 2025, TIMESTAMP '2026-03-15 02:00:00', 'national', 'FR');

INSERT INTO etablissements
SELECT printf('%07dA', i), 'Établissement ' || i, CASE WHEN i % 3 = 0 THEN '2D' ELSE '1D' END, 'PU',
       printf('%02d', i % 30), printf('%03d', i % 100),
       CASE WHEN i % 3 <> 0 THEN 'C' || (i % 500) END, i % 7 <> 0
FROM range(bench_n_etab()) AS r(i);

CREATE OR REPLACE TEMP TABLE bench_niveaux AS
SELECT * FROM (VALUES ('1D', 0, 'CP'), ('1D', 1, 'CE1'), ('1D', 2, 'CE2'), ('1D', 3, 'CM1'), ('1D', 4, 'CM2'),
                      ('2D', 0, '6E'), ('2D', 1, '5E'), ('2D', 2, '4E'), ('2D', 3, '3E')) AS v(degre, k, niveau);

-- Élève e, année 2025 - a : établissement e % n_etab, niveau selon e et a (un cran de moins par année).
CREATE OR REPLACE TEMP TABLE bench_inscriptions AS
WITH base AS (
    SELECT e, a, e % bench_n_etab() AS etab, 2025 - a AS millesime,
           CASE WHEN (e % bench_n_etab()) % 3 = 0 THEN '2D' ELSE '1D' END AS degre
    FROM range(bench_n()) AS r(e) CROSS JOIN range(3) AS y(a)
)
SELECT printf('E%09d', b.e) AS eleve_id, printf('%07dA', b.etab) AS uai, b.millesime, n.niveau,
       printf('%07dA', b.etab) || '-' || n.niveau || '-' || b.millesime AS classe_id
FROM base b
JOIN bench_niveaux n ON n.degre = b.degre
                    AND n.k = ((b.e // bench_n_etab()) + 12 - b.a) % CASE b.degre WHEN '2D' THEN 4 ELSE 5 END;

INSERT INTO eleves SELECT DISTINCT eleve_id, 'INE' || eleve_id, 'Nom', 'Prénom', DATE '2014-01-01'
FROM bench_inscriptions;

INSERT INTO classes
SELECT DISTINCT classe_id, uai, millesime, niveau || '_1', niveau,
       CASE WHEN hash(classe_id) % 20 = 0 THEN NULL ELSE 'TRIMESTRE' END,
       CASE WHEN hash(classe_id) % 4 = 0 THEN 'IMPORT' ELSE 'SAISIE' END, 'ECHELLE_4'
FROM bench_inscriptions;

INSERT INTO inscriptions
SELECT eleve_id, uai, classe_id, millesime, make_date(millesime, 9, 1), NULL FROM bench_inscriptions;

INSERT INTO periodes
SELECT e.uai, 2025 - y.a, 'TRIMESTRE', 3, p.indice, make_date(2025 - y.a + (p.indice > 2)::INT, [9, 12, 3][p.indice], 1),
       make_date(2025 - y.a + (p.indice > 1)::INT, [11, 2, 6][p.indice], 28),
       make_timestamp(2025 - y.a, 9, 5, 8, 0, 0)
FROM etablissements e CROSS JOIN range(3) AS y(a) CROSS JOIN range(1, 4) AS p(indice)
WHERE hash(e.uai) % 50 <> 0;

INSERT INTO bilans_periodiques
WITH b AS (
    SELECT i.*, p.indice, hash(i.eleve_id, p.indice) AS h
    FROM bench_inscriptions i CROSS JOIN range(1, 4) AS p(indice)
)
SELECT printf('B%s-%d-%d', eleve_id, millesime, indice), eleve_id, classe_id, uai, millesime,
       'TRIMESTRE', indice, 3, make_timestamp(millesime, 11, 1, 8, 0, 0), 'SAISIE',
       CASE WHEN h % 3 <> 0 THEN make_timestamp(millesime, 12, 1, 8, 0, 0) END,
       CASE WHEN h % 3 <> 0 THEN make_timestamp(millesime, 12, 2, 8, 0, 0) END,
       CASE WHEN h % 5 = 0 THEN make_timestamp(millesime, 12, 3, 8, 0, 0) END, true, true
FROM b WHERE h % 10 <> 0;

INSERT INTO bilans_cycle
SELECT 'BC' || eleve_id || '-' || millesime, eleve_id, uai, CASE niveau WHEN 'CE2' THEN 2 WHEN '6E' THEN 3 ELSE 4 END,
       millesime, make_timestamp(millesime + 1, 5, 1, 8, 0, 0),
       CASE WHEN hash(eleve_id) % 4 <> 0 THEN make_timestamp(millesime + 1, 6, 1, 8, 0, 0) END, NULL
FROM bench_inscriptions WHERE niveau IN ('CE2', '6E', '3E') AND hash(eleve_id, millesime) % 8 <> 0;

INSERT INTO bilans_cycle_socle
SELECT b.bilan_cycle_id, d.domaine_code, hash(b.bilan_cycle_id, d.domaine_code) % 5
FROM bilans_cycle b, (SELECT unnest(getvariable('ind_domaines')) AS domaine_code) AS d;

INSERT INTO attestations
SELECT 'A' || i.eleve_id || t.type, i.eleve_id, i.uai, t.type, i.millesime, make_date(i.millesime + 1, 3, 1)
FROM bench_inscriptions i
JOIN (VALUES ('ASSR1', '5E'), ('ASSR2', '3E'), ('AER', 'CM2'), ('ASNS', '6E'), ('PSC1', '3E'), ('PIX', '3E'))
     AS t(type, niveau) USING (niveau)
WHERE hash(i.eleve_id, t.type) % 3 <> 0;

INSERT INTO anomalies (rule_id, severite, uai, millesime, eleve_id, classe_id, objet_id, detail)
SELECT ['TRF-01', 'REC-01', 'VER-03', 'CMP-01'][(1 + hash(eleve_id) % 4)::BIGINT], 'majeure', uai, millesime, eleve_id,
       NULL, NULL, 'synthétique'
FROM bench_inscriptions WHERE millesime = 2025 AND hash(eleve_id) % 40 = 0;

DROP TABLE bench_inscriptions;
DROP TABLE bench_niveaux;
