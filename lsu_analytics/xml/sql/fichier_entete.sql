-- The head of the school (id, libellé) who signs the reports of its import file, else a placeholder.
SELECT coalesce(min(personnel_id), 'RESP_' || getvariable('xml_uai')) AS id,
       coalesce(left(arg_min(trim(coalesce(prenom, '') || ' ' || coalesce(nom, '')), personnel_id), 100),
                'Direction') AS libelle
FROM personnels
WHERE uai = getvariable('xml_uai') AND role IN ('DIRECTEUR', 'CHEF_ETABLISSEMENT')
