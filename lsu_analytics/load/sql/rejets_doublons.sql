UNION ALL
SELECT ord, 'CLE_PRIMAIRE_EN_DOUBLE', {colonne}, premier
FROM doublons
