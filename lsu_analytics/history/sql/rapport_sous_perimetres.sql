-- The sub-perimeters of ($niveau, $code) (from the report's database, as the indicators report lists them)
-- with their rate of periodic reports written (BP_SAISIS summed over the periods, masked if any part is) at the
-- latest extraction $l and the one before it $p, and the change. Least change first (a fall before a
-- standstill: the places that are not moving); a masked side gives no change, listed last.
WITH enfants AS (
    SELECT * FROM sous_perimetres($niveau, $code)
), taux AS (
    SELECT e.code_enfant, e.libelle, i.date_extraction,
           bool_or(i.masque) AS masque,
           sum(i.numerateur) AS numerateur, sum(i.denominateur) AS denominateur
    FROM enfants e
    JOIN indicateurs_historique i
      ON i.niveau_perimetre = e.niveau_enfant AND i.code_perimetre = e.code_enfant
     AND i.millesime = $millesime AND i.niveau_scolaire = 'TOUS' AND i.indicateur = 'BP_SAISIS'
     AND i.periode IS NOT NULL AND i.date_extraction IN ($l, $p)
    WHERE e.code_enfant IS NOT NULL
    GROUP BY ALL
), valeurs AS (
    SELECT code_enfant, libelle, date_extraction, masque,
           CASE WHEN NOT masque AND denominateur > 0 THEN numerateur / denominateur END AS valeur
    FROM taux
)
SELECT coalesce(l.code_enfant, p.code_enfant) AS code, coalesce(l.libelle, p.libelle) AS libelle,
       coalesce(p.masque, false) AS masque_avant, p.valeur AS valeur_avant,
       coalesce(l.masque, false) AS masque_apres, l.valeur AS valeur_apres,
       l.valeur - p.valeur AS variation
FROM (SELECT * FROM valeurs WHERE date_extraction = $l) l
FULL JOIN (SELECT * FROM valeurs WHERE date_extraction = $p) p USING (code_enfant)
ORDER BY variation ASC NULLS LAST, code
