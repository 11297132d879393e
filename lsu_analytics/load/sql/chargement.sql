INSERT INTO chargements (chargement_id, debut, fin, duree_s, version_outil, source, manifeste,
                         lignes_manifeste, lignes_chargees, lignes_rejetees, manifeste_sha256)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
