-- TRF-01 (lot 3) et REC-01 (lot 10).

-- TRF-01 : élèves arrivés d'une autre académie en C sans le bon transfert (supprimé, mauvaise académie
-- d'origine, ou sens inversé). Les autres élèves du lot gardent leur transfert (quasi-violations).
CREATE OR REPLACE TEMP TABLE t_trf01 AS
SELECT t.*, i.uai, row_number() OVER (ORDER BY rnd('trf01', t.eleve_id), t.eleve_id) AS rn
FROM transferts t JOIN g_pool p USING (eleve_id)
JOIN inscriptions i ON i.eleve_id = t.eleve_id AND i.millesime = getvariable('c')
WHERE p.slot = 3 AND t.academie_accueil = (SELECT academie FROM etablissements e WHERE e.uai = i.uai)
QUALIFY rn <= 3 * getvariable('n_inj');

DELETE FROM transferts WHERE transfert_id IN (SELECT transfert_id FROM t_trf01 WHERE rn % 3 = 1);
UPDATE transferts t SET academie_origine = '27' FROM t_trf01 x WHERE t.transfert_id = x.transfert_id AND x.rn % 3 = 2;
UPDATE transferts t SET academie_origine = x.academie_accueil, academie_accueil = x.academie_origine
FROM t_trf01 x WHERE t.transfert_id = x.transfert_id AND x.rn % 3 = 0;
INSERT INTO verite SELECT 'TRF-01', uai, academie_accueil, getvariable('c'), eleve_id, NULL, NULL FROM t_trf01;

-- REC-01 : élève arrivé il y a dix jours dans une autre école/un autre collège de la même académie,
-- sans encore de bilan ni d'attestation là-bas.
CREATE OR REPLACE TEMP TABLE t_rec01 AS
WITH c AS (
    SELECT i.eleve_id, i.uai AS uai_depart, i.classe_id AS classe_depart, cl.niveau, e.academie
    FROM inscriptions i JOIN g_pool p USING (eleve_id)
    JOIN classes cl ON cl.classe_id = i.classe_id JOIN etablissements e ON e.uai = i.uai
    WHERE p.slot = 10 AND i.millesime = getvariable('c')
), cc AS (
    SELECT cl.classe_id, cl.uai, cl.niveau, e.academie
    FROM classes cl JOIN etablissements e ON e.uai = cl.uai WHERE cl.millesime = getvariable('c')
), r AS (
    -- Candidats : une classe du même niveau existe dans un autre établissement de l'académie (la sienne est
    -- dans la liste, il en faut donc deux). Tirés avant de chercher la classe d'arrivée des seuls retenus.
    SELECT c.*, row_number() OVER (ORDER BY rnd('rec01', c.eleve_id), c.eleve_id) AS rn
    FROM c JOIN (SELECT academie, niveau FROM cc GROUP BY ALL HAVING count(DISTINCT uai) >= 2) n
        ON n.academie = c.academie AND n.niveau = c.niveau
    QUALIFY rn <= 2 * getvariable('n_inj')
)
SELECT r.eleve_id, r.uai_depart, r.classe_depart, r.niveau, r.academie, cc.classe_id, cc.uai, r.rn
FROM r JOIN cc ON cc.academie = r.academie AND cc.niveau = r.niveau AND cc.uai <> r.uai_depart
QUALIFY row_number() OVER (PARTITION BY r.eleve_id ORDER BY rnd2('recd', r.eleve_id, cc.classe_id), cc.classe_id) = 1;

UPDATE inscriptions i SET date_sortie = CAST(getvariable('x') AS DATE) - 11
FROM t_rec01 t WHERE i.eleve_id = t.eleve_id AND i.classe_id = t.classe_depart;
INSERT INTO inscriptions
SELECT eleve_id, uai, classe_id, getvariable('c'), CAST(getvariable('x') AS DATE) - 10, NULL, 8200000000000000 + rn
FROM t_rec01;
INSERT INTO verite SELECT 'REC-01', uai, NULL, getvariable('c'), eleve_id, NULL, NULL FROM t_rec01;
