-- academie = académie de l'établissement de la colonne uai (TRF-01 la fixe lui-même : académie d'accueil).
UPDATE verite v SET academie = e.academie
FROM etablissements e
WHERE v.academie IS NULL AND e.uai = v.uai;
