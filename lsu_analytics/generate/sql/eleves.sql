-- Élèves du bloc et leurs inscriptions (après parcours.sql et divisions.sql).

CREATE OR REPLACE TABLE eleves AS
SELECT g.eleve_id,
       -- INE : 10 chiffres (bijection de k modulo 10^10) + 1 lettre.
       lpad(CAST((g.k * 104729 + 7777 + getvariable('seed') % 1000000) % 10000000000 AS VARCHAR), 10, '0')
           || chr(65 + CAST(rndi('ine', g.k, 26) AS INTEGER)) AS ine,
       n.nom, p.prenom,
       make_date(getvariable('c') - 6 - g.lvl_c, 1, 1) + jours(rndi('naiss', g.k, 365)) AS date_naissance,
       g.k AS _ord
FROM g_eleve g
JOIN ref_noms n ON n.i = rndi('nom', g.k, (SELECT count(*) FROM ref_noms))
JOIN ref_prenoms p ON p.i = rndi('prenom', g.k, (SELECT count(*) FROM ref_prenoms));

CREATE OR REPLACE TABLE inscriptions AS
SELECT p.eleve_id, p.uai, p.classe_id, p.y AS millesime, ea.rentree::DATE AS date_entree,
       CASE WHEN p.y < getvariable('c') THEN ea.fin_annee::DATE END AS date_sortie,
       p.k * 10 + (p.y - getvariable('c') + 2) AS _ord
FROM g_parcours_div p JOIN g_etab_annee ea ON ea.uai = p.uai AND ea.y = p.y;
