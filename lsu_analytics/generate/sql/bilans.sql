-- Bilans périodiques, acquis, bilans de fin de cycle + socle, attestations.
-- Données propres vis-à-vis des règles : chaque élève de C a au moins le bilan de la période 1 (REC-01),
-- bilans saisis dans leur année (HIS-01), verrouillé <=> publié (VER-02), bilans SAISIE de C terminés depuis
-- plus de 15 jours tous verrouillés (VER-03) et complets (CMP-01).

CREATE OR REPLACE TABLE g_bilan AS
WITH b AS (
    SELECT p.k, p.eleve_id, p.classe_id, p.uai, p.y AS millesime, p.degre, p.lvl,
           cl.periodicite, pe.nb_periodes, pe.indice, pe.date_debut, pe.date_fin,
           cl.source_donnees, cl.type_positionnement,
           p.k * 100 + (p.y - getvariable('c') + 2) * 10 + pe.indice AS bord,
           pe.date_fin::TIMESTAMP < getvariable('x') AS terminee,
           pe.date_fin::TIMESTAMP < getvariable('x') - INTERVAL 15 DAY AS terminee_15j
    FROM g_parcours_div p
    JOIN classes cl ON cl.classe_id = p.classe_id
    JOIN periodes pe ON pe.uai = p.uai AND pe.millesime = p.y AND pe.periodicite = cl.periodicite
), e AS (
    SELECT *,
           CASE WHEN terminee THEN indice = 1 OR rnd('bex', bord) < 0.985
                ELSE millesime = getvariable('c') AND rnd('bex', bord) < 0.15 END AS existe,
           CASE WHEN terminee THEN date_fin - jours(3 + rndi('bcr', bord, 18)) + heure('bch', bord, 0)
                ELSE greatest(date_debut + jours(1), getvariable('x') - jours(1 + rndi('bcr', bord, 10)))::DATE
                     + heure('bch', bord, 0) END AS date_creation,
           date_fin + jours(1 + rndi('bvr', bord, 14)) + heure('bvh', bord, 0) AS verrou_prevu
    FROM b
), v AS (
    SELECT *,
           CASE WHEN NOT terminee THEN false
                WHEN verrou_prevu > getvariable('x') THEN false
                WHEN source_donnees = 'IMPORT' THEN rnd('bvx', bord) < CASE WHEN millesime < getvariable('c') THEN 0.9 ELSE 0.8 END
                WHEN millesime < getvariable('c') THEN rnd('bvx', bord) < 0.97
                WHEN terminee_15j THEN true
                ELSE rnd('bvx', bord) < 0.6 END AS verrouille
    FROM e WHERE existe
)
SELECT *,
       CASE WHEN verrouille THEN verrou_prevu END AS date_verrou,
       CASE WHEN verrouille AND rnd('bvi', bord) < 0.7
                 AND verrou_prevu + jours(1 + rndi('bvj', bord, 30)) <= getvariable('x')
            THEN verrou_prevu + jours(1 + rndi('bvj', bord, 30)) + to_seconds(rndi('bvs', bord, 3600)) END AS date_visa,
       verrouille AND rnd('brl', bord) < 0.03 AS reverrouille,
       verrouille OR rnd('bac', bord) < 0.8 AS a_acquis
FROM v;

CREATE OR REPLACE TABLE bilans_periodiques AS
SELECT 'BP' || lpad(CAST(bord AS VARCHAR), 11, '0') AS bilan_id, eleve_id, classe_id, uai, millesime,
       periodicite, indice, nb_periodes, date_creation,
       CASE WHEN source_donnees = 'IMPORT' THEN 'IMPORT' ELSE 'SAISIE' END AS mode_creation,
       date_verrou, date_verrou AS date_publication, date_visa,
       verrouille OR rnd('bsy', bord) < 0.6 AS synthese_renseignee,
       degre = '2D' AND (verrouille OR rnd('bvs', bord) < 0.7) AS vie_scolaire_renseignee,
       bord AS _ord
FROM g_bilan;

CREATE OR REPLACE TABLE acquis AS
SELECT 'BP' || lpad(CAST(b.bord AS VARCHAR), 11, '0') AS bilan_id, d.discipline_code,
       CASE WHEN NOT b.verrouille AND rnd2('avide', b.bord, d.d_idx) < 0.08 THEN NULL
            WHEN b.type_positionnement = 'NOTES' THEN NULL
            ELSE CAST(CASE WHEN rnd2('apos', b.bord, d.d_idx) < 0.1 THEN 1 WHEN rnd2('apos', b.bord, d.d_idx) < 0.35 THEN 2
                           WHEN rnd2('apos', b.bord, d.d_idx) < 0.75 THEN 3 ELSE 4 END AS VARCHAR) END AS positionnement,
       CASE WHEN NOT b.verrouille AND rnd2('avide', b.bord, d.d_idx) < 0.08 THEN NULL
            WHEN b.type_positionnement = 'NOTES' THEN CAST(round(6 + rnd2('amoy', b.bord, d.d_idx) * 14, 2) AS DECIMAL(6, 2)) END AS moyenne_eleve,
       CAST(CASE WHEN b.verrouille THEN 1 + rndi2('anep', b.bord, d.d_idx, 5) ELSE rndi2('anep', b.bord, d.d_idx, 6) END AS INTEGER) AS nb_elements_programme,
       rnd2('aapp', b.bord, d.d_idx) < CASE WHEN b.verrouille THEN 0.95 ELSE 0.5 END AS appreciation_renseignee,
       b.bord * 16 + d.d_idx AS _ord
FROM g_bilan b JOIN ref_disciplines d ON b.lvl BETWEEN d.lvl_min AND d.lvl_max
WHERE b.a_acquis;

-- Bilans de fin de cycle : CE2 (cycle 2), 6E (3), 3E (4). En C (mars), très peu sont commencés.
CREATE OR REPLACE TABLE g_bilan_cycle AS
WITH b AS (
    SELECT p.k, p.eleve_id, p.uai, p.y AS millesime, p.degre, p.lvl, cycle_of(p.lvl) AS cycle,
           p.k * 10 + (p.y - getvariable('c') + 2) AS cord
    FROM g_parcours p WHERE p.lvl IN (2, 5, 8)
), e AS (
    SELECT *,
           CASE WHEN millesime < getvariable('c')
                THEN make_date(millesime + 1, 5, 15) + jours(rndi('ccr', cord, 40)) + heure('cch', cord, 0)
                ELSE (getvariable('x') - jours(1 + rndi('ccr', cord, 20)))::DATE + heure('cch', cord, 0) END AS date_creation,
           rnd('cvx', cord) < CASE WHEN millesime < getvariable('c') THEN 0.95 ELSE 0.4 END AS verrouille
    FROM b WHERE rnd('cex', cord) < CASE WHEN millesime < getvariable('c') THEN 0.97 ELSE 0.12 END
)
-- En C (mars), quelques bilans de cycle déjà commencés, une partie verrouillés (jamais après X), pas encore visés.
SELECT *,
       CASE WHEN verrouille THEN least(date_creation + jours(1 + rndi('cvr', cord, 10)), getvariable('x') - INTERVAL 1 HOUR)
       END AS date_verrou,
       CASE WHEN verrouille AND millesime < getvariable('c') AND rnd('cvi', cord) < 0.6
            THEN date_creation + jours(12 + rndi('cvj', cord, 20)) END AS date_visa
FROM e;

CREATE OR REPLACE TABLE bilans_cycle AS
SELECT 'BC' || lpad(CAST(cord AS VARCHAR), 10, '0') AS bilan_cycle_id, eleve_id, uai, cycle, millesime,
       date_creation, date_verrou, date_visa, cord AS _ord
FROM g_bilan_cycle;

CREATE OR REPLACE TABLE bilans_cycle_socle AS
WITH d AS (SELECT row_number() OVER () - 1 AS d_idx, code FROM (SELECT unnest(
    ['CPD_FRA', 'CPD_ETR', 'CPD_SCI', 'CPD_ART', 'MET_APP', 'FRM_CIT', 'SYS_NAT', 'REP_MND']) AS code))
SELECT 'BC' || lpad(CAST(b.cord AS VARCHAR), 10, '0') AS bilan_cycle_id, d.code AS domaine_code,
       CAST(CASE WHEN rnd2('snv', b.cord, d.d_idx) < CASE WHEN b.verrouille THEN 0.03 ELSE 0.2 END THEN 0
                 WHEN rnd2('spo', b.cord, d.d_idx) < 0.08 THEN 1 WHEN rnd2('spo', b.cord, d.d_idx) < 0.3 THEN 2
                 WHEN rnd2('spo', b.cord, d.d_idx) < 0.72 THEN 3 ELSE 4 END AS INTEGER) AS positionnement,
       b.cord * 8 + d.d_idx AS _ord
FROM g_bilan_cycle b CROSS JOIN d;

-- Attestations : AER (CM2), ASNS (6E), ASSR1 (5E), ASSR2, PSC1, PIX (3E).
CREATE OR REPLACE TABLE attestations AS
WITH t AS (SELECT * FROM (VALUES (4, 'AER', 0), (5, 'ASNS', 1), (6, 'ASSR1', 2), (8, 'ASSR2', 3), (8, 'PSC1', 4), (8, 'PIX', 5)) v(lvl, type, t_idx)),
a AS (
    SELECT p.eleve_id, p.uai, t.type, p.y AS millesime,
           (p.k * 10 + (p.y - getvariable('c') + 2)) * 8 + t.t_idx AS aord,
           make_date(p.y, 10, 1) + jours(rndi2('adt', p.k * 10 + p.y, t.t_idx, 257)) AS date_obtention
    FROM g_parcours p JOIN t ON t.lvl = p.lvl
    WHERE rnd2('aex', p.k * 10 + p.y, t.t_idx) < 0.9
)
SELECT 'AT' || lpad(CAST(aord AS VARCHAR), 12, '0') AS attestation_id, eleve_id, uai, type, millesime,
       date_obtention::DATE AS date_obtention, aord AS _ord
FROM a WHERE date_obtention::TIMESTAMP <= getvariable('x');
