SELECT eleve_id FROM eleves WHERE eleve_id = $eleve_id
