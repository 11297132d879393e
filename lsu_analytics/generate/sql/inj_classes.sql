-- Classes (un lot par règle, tiré sur classe_id) : PAR-01 (1), PAR-02 (2), EP-01 (3), EP-02 (4), PER-02 (0, 5..7).
-- Calculé sur l'état final des bilans (après les injections par élève), résumé par classe bloc après bloc
-- (stats_classes.sql).

CREATE OR REPLACE TEMP TABLE t_classe AS
SELECT c.*, e.degre, rndi('cpool', c.classe_id, 8) AS cslot,
       s.premier_bilan, s.premier_verrou,
       (SELECT p.date_fin FROM periodes p WHERE p.uai = c.uai AND p.millesime = c.millesime
            AND p.periodicite = c.periodicite AND p.indice = 1) AS fin_p1,
       (SELECT p.date_debut FROM periodes p WHERE p.uai = c.uai AND p.millesime = c.millesime
            AND p.periodicite = c.periodicite AND p.indice = 1) AS debut_p1,
       coalesce(s.non_verrouille_echu, false) AS non_verrouille_echu
FROM classes c JOIN etablissements e ON e.uai = c.uai LEFT JOIN g_stat_classe s ON s.classe_id = c.classe_id
WHERE NOT EXISTS (SELECT 1 FROM parametrages_classe pc WHERE pc.classe_id = c.classe_id)
  AND NOT EXISTS (SELECT 1 FROM recuperations_ep r WHERE r.classe_id = c.classe_id);

-- PAR-01 / PAR-02 : changement après le premier bilan de la classe ; quasi-violation : pile à sa création.
CREATE OR REPLACE TEMP TABLE t_par AS
SELECT *, CASE cslot WHEN 1 THEN 'TYPE_POSITIONNEMENT' ELSE 'SOURCE_DONNEES' END AS champ,
       row_number() OVER (PARTITION BY cslot ORDER BY rnd('par', classe_id), classe_id) AS rn
FROM t_classe WHERE cslot IN (1, 2) AND premier_bilan IS NOT NULL
QUALIFY rn <= 3 * getvariable('n_inj');

CREATE OR REPLACE TEMP TABLE t_par_ligne AS
SELECT *, CASE WHEN rn % 3 = 0 THEN premier_bilan
               ELSE least(premier_bilan + jours(1 + rndi('parj', classe_id, 10)) + to_seconds(rndi('pars', classe_id, 36000)),
                          getvariable('x') - INTERVAL 1 HOUR, fin_annee(millesime)) END AS date_changement
FROM t_par;

INSERT INTO parametrages_classe
SELECT classe_id, date_changement, champ,
       CASE WHEN champ = 'SOURCE_DONNEES' THEN CASE WHEN source_donnees = 'SAISIE' THEN 'IMPORT' ELSE 'SAISIE' END
            ELSE CASE WHEN type_positionnement = 'NOTES' THEN 'ECHELLE_4' ELSE 'NOTES' END END,
       CASE WHEN champ = 'SOURCE_DONNEES' THEN source_donnees ELSE type_positionnement END,
       CASE WHEN degre = '1D' THEN 'DIR_' ELSE 'CE_' END || uai,
       8500000000000000 + cslot * 100000 + rn
FROM t_par_ligne;
INSERT INTO verite
SELECT CASE champ WHEN 'TYPE_POSITIONNEMENT' THEN 'PAR-01' ELSE 'PAR-02' END, uai, NULL, millesime, NULL, classe_id,
       classe_id || '|' || strftime(date_changement, '%Y-%m-%dT%H:%M:%S')
FROM t_par_ligne WHERE date_changement > premier_bilan;

-- EP-01 : récupération après le premier verrouillage (donc aussi après la fin de la période 1 : EP-02).
-- EP-02 : récupération par période (en septembre), ou après la fin de la période 1 mais avant tout verrouillage ;
-- quasi-violation : récupération pile à la date de fin de la période 1 (00:00:00).
CREATE OR REPLACE TEMP TABLE t_ep AS
SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY cslot ORDER BY rnd('ep', classe_id), classe_id) AS rn
    FROM t_classe
    WHERE (cslot = 3 AND premier_verrou IS NOT NULL
           AND premier_verrou + INTERVAL 3 DAY < least(getvariable('x'), fin_annee(millesime)))
       OR (cslot = 4 AND fin_p1 IS NOT NULL AND fin_p1 + INTERVAL 1 DAY < getvariable('x')
           AND (premier_verrou IS NULL OR premier_verrou > fin_p1 + INTERVAL 1 DAY))
) WHERE rn <= CASE WHEN cslot = 3 THEN 2 ELSE 3 END * getvariable('n_inj');

CREATE OR REPLACE TEMP TABLE t_ep_ligne AS
SELECT *,
       CASE WHEN cslot = 3 THEN premier_verrou + to_seconds(3600 + rndi('epv', classe_id, 86400))
            WHEN rn % 3 = 1 THEN debut_p1 + jours(2 + rndi('epd', classe_id, 18)) + heure('eph', classe_id, 0)
            WHEN rn % 3 = 2 THEN fin_p1 + INTERVAL 12 HOUR
            ELSE fin_p1::TIMESTAMP END AS date_recuperation,
       CASE WHEN cslot = 4 AND rn % 3 = 1 THEN 'PERIODE' ELSE 'ANNEE' END AS perimetre
FROM t_ep;

INSERT INTO recuperations_ep
SELECT classe_id, millesime, date_recuperation, millesime - 1, perimetre, CAST(5 + rndi('epn', classe_id, 40) AS INTEGER),
       8600000000000000 + cslot * 100000 + rn
FROM t_ep_ligne;
INSERT INTO verite
SELECT 'EP-01', uai, NULL, millesime, NULL, classe_id, classe_id || '|' || strftime(date_recuperation, '%Y-%m-%dT%H:%M:%S')
FROM t_ep_ligne WHERE date_recuperation > premier_verrou
UNION ALL
SELECT 'EP-02', uai, NULL, millesime, NULL, classe_id, classe_id || '|' || strftime(date_recuperation, '%Y-%m-%dT%H:%M:%S')
FROM t_ep_ligne WHERE perimetre = 'PERIODE' OR date_recuperation > fin_p1;

-- PER-02 : classe de C avec élèves, sans périodicité ou avec une périodicité que l'établissement n'a pas définie.
-- Classes en import, ou sans bilan non verrouillé d'une période finie depuis plus de 15 jours : VER-03 ne les
-- concerne pas, que la période se lise sur le bilan ou sur la classe.
CREATE OR REPLACE TEMP TABLE t_per02 AS
SELECT c.*, row_number() OVER (ORDER BY rnd('per02', c.classe_id), c.classe_id) AS rn,
       (SELECT min(x.p) FROM (SELECT unnest(['SEMESTRE', 'TRIMESTRE', 'QUADRIMESTRE']) AS p) x
        WHERE NOT EXISTS (SELECT 1 FROM periodes pe WHERE pe.uai = c.uai AND pe.millesime = c.millesime
                          AND pe.periodicite = x.p)) AS periodicite_absente
FROM t_classe c
WHERE c.cslot IN (0, 5, 6, 7) AND c.millesime = getvariable('c')
  AND (c.source_donnees = 'IMPORT' OR NOT c.non_verrouille_echu)  -- toute classe a des inscrits (divisions.sql)
QUALIFY rn <= 2 * getvariable('n_inj');

UPDATE classes c SET periodicite = CASE WHEN t.rn % 2 = 1 THEN NULL ELSE t.periodicite_absente END
FROM t_per02 t WHERE c.classe_id = t.classe_id;
INSERT INTO verite SELECT 'PER-02', uai, NULL, getvariable('c'), NULL, classe_id, NULL FROM t_per02;
