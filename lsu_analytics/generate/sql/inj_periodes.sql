-- Périodes (lot tiré sur la périodicité d'un établissement pour une année) : PER-03 (1), PER-04 (2) ; SEL-01.

CREATE OR REPLACE TEMP TABLE t_groupe AS
SELECT uai, millesime, periodicite, max(nb_periodes) AS nb,
       rndi('gpool', uai || '|' || millesime || '|' || periodicite, 4) AS gslot,
       max(CASE WHEN indice = 1 THEN date_debut END) AS debut_p1,
       max(date_fin) AS fin_derniere
FROM periodes GROUP BY ALL;

-- PER-03 : chevauchement (P2 commence le jour de la fin de P1), indice en trop, ou (années passées)
-- dernière période qui finit avant de commencer.
CREATE OR REPLACE TEMP TABLE t_per03 AS
SELECT *, CASE WHEN rn % 3 = 0 AND millesime < getvariable('c') THEN 2 WHEN rn % 3 = 2 THEN 1 ELSE 0 END AS variante
FROM (SELECT *, row_number() OVER (ORDER BY rnd('per03', uai || millesime || periodicite), uai, millesime, periodicite) AS rn
      FROM t_groupe WHERE gslot = 1)
WHERE rn <= 3 * getvariable('n_inj');

UPDATE periodes p SET date_debut = (SELECT p1.date_fin FROM periodes p1 WHERE p1.uai = p.uai AND p1.millesime = p.millesime
                                    AND p1.periodicite = p.periodicite AND p1.indice = 1)
FROM t_per03 t
WHERE t.variante = 0 AND p.uai = t.uai AND p.millesime = t.millesime AND p.periodicite = t.periodicite AND p.indice = 2;
INSERT INTO periodes
SELECT p.uai, p.millesime, p.periodicite, p.nb_periodes, p.nb_periodes + 1, p.date_fin + 1, p.date_fin + 30,
       p.date_parametrage, 8700000000000000 + t.rn
FROM periodes p JOIN t_per03 t ON p.uai = t.uai AND p.millesime = t.millesime AND p.periodicite = t.periodicite
WHERE t.variante = 1 AND p.indice = p.nb_periodes;
UPDATE periodes p SET date_debut = p.date_fin, date_fin = p.date_debut
FROM t_per03 t
WHERE t.variante = 2 AND p.uai = t.uai AND p.millesime = t.millesime AND p.periodicite = t.periodicite
  AND p.indice = p.nb_periodes;
INSERT INTO verite SELECT 'PER-03', uai, NULL, millesime, NULL, NULL, periodicite FROM t_per03;

-- PER-04 : paramétrage plus de 30 jours après le début de la période 1 ; quasi-violation : 30 jours pile.
CREATE OR REPLACE TEMP TABLE t_per04 AS
SELECT * FROM (SELECT *, row_number() OVER (ORDER BY rnd('per04', uai || millesime || periodicite), uai, millesime, periodicite) AS rn
               FROM t_groupe WHERE gslot = 2)
WHERE rn <= 2 * getvariable('n_inj');

UPDATE periodes p
SET date_parametrage = CASE WHEN t.rn % 2 = 0 THEN t.debut_p1 + INTERVAL 30 DAY
                            ELSE t.debut_p1 + jours(31 + rndi('p4j', t.uai || t.millesime, 30)) + heure('p4h', t.uai, t.millesime) END
FROM t_per04 t WHERE p.uai = t.uai AND p.millesime = t.millesime AND p.periodicite = t.periodicite;
INSERT INTO verite SELECT 'PER-04', uai, NULL, millesime, NULL, NULL, periodicite FROM t_per04 WHERE rn % 2 = 1;

-- SEL-01 : collèges n'ayant pas ouvert le service en ligne.
CREATE OR REPLACE TEMP TABLE t_sel01 AS
SELECT uai FROM etablissements WHERE degre = '2D'
ORDER BY rnd('sel01', uai), uai
LIMIT greatest(2, getvariable('n_colleges') // 10);
UPDATE etablissements SET service_en_ligne_ouvert = false WHERE uai IN (SELECT uai FROM t_sel01);
INSERT INTO verite SELECT 'SEL-01', uai, NULL, NULL, NULL, NULL, NULL FROM t_sel01;
