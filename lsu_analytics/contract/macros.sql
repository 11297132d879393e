-- Functions the contract defines (export-contract.md), shared by the rules and the indicators.
-- annee_scolaire(d): the school year of a date, 1 September boundary (2025 = 2025-2026).
CREATE OR REPLACE TEMP MACRO annee_scolaire(d) AS
    year(d) - CASE WHEN month(d) < 9 THEN 1 ELSE 0 END;
-- cle_anomalie(...): the identity of an anomaly (history.md): its key columns, NULL equal to NULL, as the
-- md5 (32 hex characters) of their JSON list, which keeps NULL apart from the text 'null' and never merges
-- two columns. The history, the CSV and the Parquet all use this one definition.
CREATE OR REPLACE TEMP MACRO cle_anomalie(rule_id, uai, millesime, eleve_id, classe_id, objet_id) AS
    md5(CAST(to_json(list_value(CAST(rule_id AS VARCHAR), CAST(uai AS VARCHAR), CAST(millesime AS VARCHAR),
                                CAST(eleve_id AS VARCHAR), CAST(classe_id AS VARCHAR), CAST(objet_id AS VARCHAR)))
             AS VARCHAR));
-- academie_de(code, libelle): an academy after the word « académie » in a sentence, « de Grenoble (08) »,
-- « d'Amiens (20) » (name from the packaged nomenclature, variable `academies`; code kept for the support);
-- an unknown code alone. Same elision as nomenclatures.de_academie() in Python.
CREATE OR REPLACE TEMP MACRO academie_de(code, libelle) AS
    CASE WHEN libelle IS NULL THEN code
         WHEN substr(libelle, 1, 1) IN ('A', 'E', 'I', 'O', 'U', 'Y', 'É', 'È') THEN 'd''' || libelle || ' (' || code || ')'
         ELSE 'de ' || libelle || ' (' || code || ')' END;
-- niveau_libelle(n): a niveau as LSU writes it in a sentence (6E -> 6e; CP…CM2 unchanged).
CREATE OR REPLACE TEMP MACRO niveau_libelle(n) AS
    CASE WHEN n IN ('6E', '5E', '4E', '3E') THEN lower(n) ELSE n END;
-- autorite_libelle(a): who signed an authorisation, in words (never the raw code CHEF_ETABLISSEMENT).
CREATE OR REPLACE TEMP MACRO autorite_libelle(a) AS
    CASE a WHEN 'CHEF_ETABLISSEMENT' THEN 'le chef d''établissement' WHEN 'DASEN' THEN 'le DASEN'
           ELSE coalesce(a, 'une autorité non renseignée') END;
