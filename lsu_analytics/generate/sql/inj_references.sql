-- REF-01 : références orphelines (lignes chargées, clé étrangère vers rien). Lot 12 pour les données d'élèves.

-- Auteur parti de l'annuaire.
CREATE OR REPLACE TEMP TABLE t_ref_modif AS
SELECT m.modification_id, row_number() OVER (ORDER BY rnd('refm', m.modification_id), m.modification_id) AS rn
FROM modifications m JOIN bilans_periodiques b ON b.bilan_id = m.objet_id JOIN g_pool p ON p.eleve_id = b.eleve_id
WHERE p.slot = 12 AND m.action IN ('CREATION', 'IMPORT')
QUALIFY rn <= getvariable('n_inj');
UPDATE modifications m SET auteur_id = 'ENS_PARTI_' || t.rn FROM t_ref_modif t WHERE m.modification_id = t.modification_id;
INSERT INTO verite SELECT 'REF-01', NULL, NULL, NULL, NULL, NULL, 'modifications|' || modification_id || '|auteur_id' FROM t_ref_modif;

-- Acquis d'un bilan absent de l'export.
INSERT INTO acquis
SELECT 'BP9' || lpad(CAST(num_inj(i) AS VARCHAR), 10, '0'), '020700', '3', NULL, 2, true, 8800000000000000 + i
FROM range(1, getvariable('n_inj') + 1) r(i);
INSERT INTO verite
SELECT 'REF-01', NULL, NULL, NULL, NULL, NULL, 'acquis|BP9' || lpad(CAST(num_inj(i) AS VARCHAR), 10, '0') || '|020700|bilan_id'
FROM range(1, getvariable('n_inj') + 1) r(i);

-- Consultation d'un directeur sur un élève absent de l'export.
CREATE OR REPLACE TEMP TABLE t_ref_cons AS
SELECT b.bilan_id, b.uai, b.date_creation, e.degre, row_number() OVER (ORDER BY rnd('refc', b.bilan_id), b.bilan_id) AS rn
FROM bilans_periodiques b JOIN g_pool p USING (eleve_id) JOIN etablissements e ON e.uai = b.uai
WHERE p.slot = 12
QUALIFY rn <= getvariable('n_inj');
INSERT INTO consultations
SELECT 'CR' || lpad(CAST(num_inj(rn) AS VARCHAR), 14, '0'), least(date_creation + INTERVAL 1 DAY, getvariable('x')),
       CASE WHEN degre = '1D' THEN 'DIR_' ELSE 'CE_' END || uai, 'DIRECTEUR', 'LSU', NULL,
       'EL9' || lpad(CAST(rn AS VARCHAR), 8, '0'), 'BILAN_PERIODIQUE', bilan_id, 8800000000100000 + rn
FROM t_ref_cons;
INSERT INTO verite SELECT 'REF-01', NULL, NULL, NULL, NULL, NULL, 'consultations|CR' || lpad(CAST(num_inj(rn) AS VARCHAR), 14, '0') || '|eleve_id'
FROM t_ref_cons;

-- Transfert vers un établissement absent (élèves hors lot TRF-01 : la règle ne regarde que les académies).
CREATE OR REPLACE TEMP TABLE t_ref_trf AS
SELECT t.transfert_id, row_number() OVER (ORDER BY rnd('reft', t.transfert_id), t.transfert_id) AS rn
FROM transferts t JOIN g_pool p USING (eleve_id) WHERE p.slot <> 3
QUALIFY rn <= getvariable('n_inj');
UPDATE transferts t SET uai_accueil = uai_of(9990000 + x.rn) FROM t_ref_trf x WHERE t.transfert_id = x.transfert_id;
INSERT INTO verite SELECT 'REF-01', NULL, NULL, NULL, NULL, NULL, 'transferts|' || transfert_id || '|uai_accueil' FROM t_ref_trf;

-- Autorisation signée par un DASEN absent de l'annuaire (le signataire n'entre pas dans HIS-02).
CREATE OR REPLACE TEMP TABLE t_ref_aut AS
SELECT autorisation_id, row_number() OVER (ORDER BY rnd('refa', autorisation_id), autorisation_id) AS rn
FROM autorisations WHERE autorisation_id LIKE 'AU%'
QUALIFY rn <= getvariable('n_inj');
UPDATE autorisations a SET signataire_id = 'DASEN_INCONNU_' || t.rn FROM t_ref_aut t WHERE a.autorisation_id = t.autorisation_id;
INSERT INTO verite SELECT 'REF-01', NULL, NULL, NULL, NULL, NULL, 'autorisations|' || autorisation_id || '|signataire_id' FROM t_ref_aut;
