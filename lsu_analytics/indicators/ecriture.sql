-- Écriture de la table `indicateurs` (remplace son contenu) depuis ind_lignes, secret primaire et secondaire
-- posés : une cellule masquée a numérateur, dénominateur et valeur NULL. Dénominateur 0 => valeur NULL,
-- non masquée.
-- Base créée avant la colonne motif_masque (indicators.md v2) : la colonne est ajoutée.
ALTER TABLE indicateurs ADD COLUMN IF NOT EXISTS motif_masque VARCHAR;
DELETE FROM indicateurs;

INSERT INTO indicateurs
SELECT (SELECT c FROM ind_params), niveau_perimetre, code_perimetre, niveau_scolaire, periode, indicateur,
       CASE WHEN NOT masque THEN numerateur END,
       CASE WHEN NOT masque THEN denominateur END,
       CASE WHEN masque THEN NULL
            WHEN ratio THEN numerateur / nullif(denominateur, 0)
            ELSE numerateur END,
       masque,
       motif_masque
FROM ind_lignes;
