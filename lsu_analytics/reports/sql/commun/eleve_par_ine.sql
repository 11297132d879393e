SELECT eleve_id FROM eleves WHERE upper(ine) = upper($ine) ORDER BY eleve_id
