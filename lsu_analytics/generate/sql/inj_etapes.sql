-- Extractions successives (generate --extractions K) : à l'extraction `etape` (0..K-1), une partie des élèves
-- des lots d'injection (1 à 12, 16) n'a pas (ou plus) sa violation : ils passent au lot 0, jamais modifié.
-- Le candidat suivant de la règle prend alors la place libérée. Profil d'un élève (tiré sur sa clé) :
--   corrigée à partir de l'extraction f (1..K-1) ; apparue à partir de a (1..K-1) ;
--   absente à la seule extraction g (1..K-2) puis revenue (réapparue) ; sinon présente partout.
-- Avec une seule extraction (K = 1) rien ne change : l'export est celui de `generate`.
UPDATE g_pool SET slot = 0
WHERE getvariable('nb_etapes') > 1 AND (slot BETWEEN 1 AND 12 OR slot = 16)
  AND CASE WHEN rnd('hprof', k) < 0.12
                THEN getvariable('etape') >= 1 + rndi('hcor', k, getvariable('nb_etapes') - 1)
           WHEN rnd('hprof', k) < 0.24
                THEN getvariable('etape') < 1 + rndi('happ', k, getvariable('nb_etapes') - 1)
           WHEN rnd('hprof', k) < 0.32 AND getvariable('nb_etapes') >= 3
                THEN getvariable('etape') = 1 + rndi('hrev', k, getvariable('nb_etapes') - 2)
           ELSE false END;
