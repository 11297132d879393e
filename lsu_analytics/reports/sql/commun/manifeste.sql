SELECT millesime_courant, date_extraction, perimetre_niveau, perimetre_code FROM manifeste LIMIT 1
