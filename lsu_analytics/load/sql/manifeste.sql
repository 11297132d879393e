INSERT INTO manifeste (contrat, millesime_courant, date_extraction, perimetre_niveau, perimetre_code,
                       encodage, format_date, separateur_decimal, chargement_id)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
