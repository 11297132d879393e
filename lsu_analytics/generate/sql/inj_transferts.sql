-- TRF-02 (lot 16) : élèves partis de l'académie A en C-1, inscrits en C dans l'académie B, avec un livret
-- dans A (années C-2) et un transfert de A vers B. Quatre cas selon rn % 4 :
--   1 : transfert supprimé                                   -> anomalie ;
--   2 : transfert fait depuis une autre académie ('27')      -> anomalie (aucun transfert depuis A) ;
--   3 : transfert de A vers une autre académie ('27')        -> quasi-violation (le livret a quitté A) ;
--   0 : transfert supprimé mais l'élève est aussi inscrit en C dans A (deux semaines à la rentrée, avant B)
--       -> quasi-violation (A n'est pas quittée) ; cette inscription sans bilan ni attestation est un REC-01.
-- Les élèves du lot non retenus gardent leur transfert (quasi-violations). Le lot 3 (arrivés en C) est le
-- cas de TRF-01, où A est l'académie de la dernière année antérieure : jamais un TRF-02.
CREATE OR REPLACE TEMP TABLE t_trf02 AS
WITH cur AS (
    SELECT i.eleve_id, i.uai, i.classe_id, i.date_entree, e.academie, c.niveau
    FROM inscriptions i JOIN etablissements e ON e.uai = i.uai JOIN classes c ON c.classe_id = i.classe_id
    WHERE i.millesime = getvariable('c')
)
SELECT t.transfert_id, t.eleve_id, t.academie_origine, t.academie_accueil, cur.uai, cur.classe_id,
       cur.date_entree, cur.niveau,
       row_number() OVER (ORDER BY rnd('trf02', t.eleve_id), t.eleve_id) AS rn
FROM transferts t JOIN g_pool p USING (eleve_id)
JOIN cur ON cur.eleve_id = t.eleve_id AND cur.academie = t.academie_accueil
WHERE p.slot = 16
QUALIFY rn <= 4 * getvariable('n_inj');

-- Cas 0 : une classe de même niveau en C dans l'académie A (la première dans un ordre pseudo-aléatoire).
CREATE OR REPLACE TEMP TABLE t_trf02_retour AS
SELECT t.*, cl.classe_id AS classe_a, cl.uai AS uai_a
FROM t_trf02 t
JOIN classes cl ON cl.millesime = getvariable('c') AND cl.niveau = t.niveau
JOIN etablissements e ON e.uai = cl.uai AND e.academie = t.academie_origine
WHERE t.rn % 4 = 0  -- toute classe a des inscrits (divisions.sql)
QUALIFY row_number() OVER (PARTITION BY t.eleve_id ORDER BY rnd2('trf02c', t.eleve_id, cl.classe_id), cl.classe_id) = 1;

DELETE FROM transferts WHERE transfert_id IN (
    SELECT transfert_id FROM t_trf02 WHERE rn % 4 = 1
    UNION ALL SELECT transfert_id FROM t_trf02_retour);
UPDATE transferts t SET academie_origine = '27' FROM t_trf02 x WHERE t.transfert_id = x.transfert_id AND x.rn % 4 = 2;
UPDATE transferts t SET academie_accueil = '27' FROM t_trf02 x WHERE t.transfert_id = x.transfert_id AND x.rn % 4 = 3;

UPDATE inscriptions i SET date_entree = make_date(getvariable('c'), 9, 15)
FROM t_trf02_retour r WHERE i.eleve_id = r.eleve_id AND i.classe_id = r.classe_id;
INSERT INTO inscriptions
SELECT eleve_id, uai_a, classe_a, getvariable('c'), make_date(getvariable('c'), 9, 1), make_date(getvariable('c'), 9, 14),
       8210000000000000 + rn
FROM t_trf02_retour;

INSERT INTO verite
SELECT 'TRF-02', uai, academie_accueil, getvariable('c'), eleve_id, NULL, academie_origine
FROM t_trf02 WHERE rn % 4 IN (1, 2);
INSERT INTO verite SELECT 'REC-01', uai_a, NULL, getvariable('c'), eleve_id, NULL, NULL FROM t_trf02_retour;
