SELECT eleve_id, ine, nom, prenom, date_naissance FROM eleves WHERE eleve_id = $eleve_id
