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


-- VIS-01 (rules.md): a teacher of niveau_enseignant sees the periodic reports of niveau_visible.
CREATE OR REPLACE TEMP MACRO regle_visibilite() AS TABLE
    SELECT * FROM (VALUES
        ('CP', 'CP'),
        ('CE1', 'CP'), ('CE1', 'CE1'),
        ('CE2', 'CP'), ('CE2', 'CE1'), ('CE2', 'CE2'),
        ('CM1', 'CP'), ('CM1', 'CE1'), ('CM1', 'CE2'), ('CM1', 'CM1'),
        ('CM2', 'CM1'), ('CM2', 'CM2'),
        ('6E', 'CM1'), ('6E', 'CM2'), ('6E', '6E'),
        ('5E', 'CM1'), ('5E', 'CM2'), ('5E', '6E'), ('5E', '5E'),
        ('4E', '5E'), ('4E', '4E'),
        ('3E', '5E'), ('3E', '4E'), ('3E', '3E')
    ) AS t(niveau_enseignant, niveau_visible);
