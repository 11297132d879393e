INSERT INTO rejets (chargement_id, fichier, ligne, colonne, motif, detail, ligne_brute)
SELECT chargement_id, fichier, ligne, colonne, motif, detail, ligne_brute
FROM nouveaux_rejets
