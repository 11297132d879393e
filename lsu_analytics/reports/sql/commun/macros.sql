-- Helpers shared by the report queries (temporary: the database is opened read-only).
CREATE OR REPLACE TEMP MACRO rang_severite(s) AS
    CASE s WHEN 'critique' THEN 1 WHEN 'majeure' THEN 2 WHEN 'mineure' THEN 3 WHEN 'info' THEN 4 END;

-- Is a place (academie, departement, circonscription, uai) inside the perimeter (niveau, code)?
CREATE OR REPLACE TEMP MACRO dans_perimetre(niveau, code, p_academie, p_departement, p_circonscription, p_uai) AS
    CASE niveau
        WHEN 'national' THEN true
        WHEN 'academie' THEN coalesce(p_academie = code, false)
        WHEN 'departement' THEN coalesce(p_departement = code, false)
        WHEN 'circonscription' THEN coalesce(p_circonscription = code, false)
        WHEN 'etablissement' THEN coalesce(p_uai = code, false)
        ELSE false
    END;


-- The perimeters one level down inside (niveau, code): academies of the country, departments of an academy,
-- establishments of a department or district; none below an establishment. Shared by the indicators report
-- and the history's Évolution section, which must list the same sub-perimeters with the same labels.
CREATE OR REPLACE TEMP MACRO sous_perimetres(niveau, code) AS TABLE
    SELECT DISTINCT
        CASE niveau WHEN 'national' THEN 'academie' WHEN 'academie' THEN 'departement'
                    ELSE 'etablissement' END AS niveau_enfant,
        CASE niveau WHEN 'national' THEN academie WHEN 'academie' THEN departement ELSE uai END AS code_enfant,
        CASE niveau WHEN 'national' THEN 'Académie ' || academie
                    WHEN 'academie' THEN 'Département ' || departement
                    ELSE coalesce(nom, '?') || ' (' || uai || ')' END AS libelle
    FROM etablissements
    WHERE niveau <> 'etablissement'
      AND dans_perimetre(niveau, code, academie, departement, circonscription, uai);

-- VIS-01 (rules.md): a teacher of niveau_enseignant sees the periodic reports of niveau_visible.
-- The table is declared once in lsu_analytics.contract and bound by db.connect as `visibilite`.
CREATE OR REPLACE TEMP MACRO regle_visibilite() AS TABLE
    SELECT unnest(getvariable('visibilite'), recursive := true);
