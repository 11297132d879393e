-- ATT_<type> : élèves du niveau ayant une attestation de ce type datée de l'année scolaire C
-- (date_obtention, quel que soit l'établissement) / élèves du niveau.
CREATE OR REPLACE TEMP TABLE ind_attestations_niveau AS
SELECT * FROM (VALUES ('ASSR1', '5E'), ('ASSR2', '3E'), ('AER', 'CM2'),
                      ('ASNS', '6E'), ('PSC1', '3E'), ('PIX', '3E')) AS v(type, niveau);

INSERT INTO ind_attendus
SELECT 'attestations', 'ATT_' || type, NULL, true, true FROM ind_attestations_niveau;

CREATE OR REPLACE TEMP VIEW ind_attestations_eleves AS
WITH obtenues AS (
    SELECT DISTINCT eleve_id, type FROM attestations
    WHERE annee_scolaire(date_obtention) = (SELECT c FROM ind_params)
)
SELECT t.type AS groupe, e.eleve_id, e.uai, e.niveau, e.seul, o.eleve_id IS NOT NULL AS compte
FROM ind_eleves e
JOIN ind_attestations_niveau t USING (niveau)
LEFT JOIN obtenues o ON o.eleve_id = e.eleve_id AND o.type = t.type;

INSERT INTO ind_bruts
SELECT 'ATT_' || groupe, NULL, niveau_perimetre, code_perimetre, niveau_scolaire, comptes, eleves
FROM ind_eleves_par_perimetre('ind_attestations_eleves');
