-- REF-01 sur les classes (après inj_classes.sql, sur tout l'export).

-- Changement de paramétrage fait par un compte supprimé.
CREATE OR REPLACE TEMP TABLE t_ref_par AS
SELECT pc.classe_id, pc.date_changement,
       row_number() OVER (ORDER BY rnd('refp', pc.classe_id), pc.classe_id, pc.date_changement) AS rn
FROM parametrages_classe pc WHERE pc._ord < 8000000000000000
QUALIFY rn <= getvariable('n_inj');
UPDATE parametrages_classe pc SET auteur_id = 'DIR_INCONNU_' || t.rn
FROM t_ref_par t WHERE pc.classe_id = t.classe_id AND pc.date_changement = t.date_changement;
INSERT INTO verite SELECT 'REF-01', NULL, NULL, NULL, NULL, NULL,
       'parametrages_classe|' || classe_id || '|' || iso_ts(date_changement) || '|auteur_id' FROM t_ref_par;
