-- EFFECTIF : élèves distincts inscrits en C. Un élève inscrit dans plusieurs classes ou
-- établissements compte dans chacun de leurs périmètres, une seule fois par périmètre.
INSERT INTO ind_attendus VALUES ('effectif', 'EFFECTIF', NULL, false, true);

CREATE OR REPLACE TEMP VIEW ind_effectif_eleves AS
SELECT NULL AS groupe, eleve_id, uai, niveau, seul, true AS compte FROM ind_eleves;

INSERT INTO ind_bruts
SELECT 'EFFECTIF', NULL, niveau_perimetre, code_perimetre, niveau_scolaire, eleves, NULL
FROM ind_eleves_par_perimetre('ind_effectif_eleves');
