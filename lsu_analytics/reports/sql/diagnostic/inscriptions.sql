-- Every enrolment of the pupil, most recent year first.
SELECT i.millesime, i.uai, e.nom AS etablissement, e.academie, e.departement, e.degre,
       c.code_division, c.niveau, c.periodicite, i.date_entree, i.date_sortie, i.classe_id
FROM inscriptions i
LEFT JOIN etablissements e ON e.uai = i.uai
LEFT JOIN classes c ON c.classe_id = i.classe_id
WHERE i.eleve_id = $eleve_id
ORDER BY i.millesime DESC, i.date_entree DESC, i.uai
