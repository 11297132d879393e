-- Indicateurs dont le dénominateur (ou le compte) est, par définition, le même nombre qu'un autre à la même
-- cellule (même périmètre, niveau, période) : `quantite` nomme ce nombre. `motif` : LIKE sur l'indicateur
-- ('\' échappe '_') ; `niveaux_seulement` : le lien ne vaut pas en TOUS (ATT_ASSR2 en TOUS compte les
-- élèves de 3E, pas tous les élèves). SOCLE_<d>_1..4 partagent le dénominateur du domaine d (la quantité
-- est le nom du domaine, calculée dans secret_relations.sql). Un indicateur absent n'a pas d'effet.
CREATE OR REPLACE TEMP TABLE ind_sec_liens (motif VARCHAR, quantite VARCHAR, niveaux_seulement BOOLEAN);
INSERT INTO ind_sec_liens VALUES
    ('EFFECTIF',                  'eleves',            false),  -- élèves inscrits en C
    ('COMPTES\_FAMILLES\_ACTIFS', 'eleves',            false),  -- / élèves de C
    ('ATT\_%',                    'eleves',            true),   -- / élèves du niveau
    ('BFC\_SAISIS',               'eleves',            true),   -- / élèves de CE2, 6E, 3E
    ('BP\_VISES',                 'bp_publies',        false),  -- / bilans publiés
    ('BP\_CONSULTES\_FAMILLES',   'bp_publies',        false),  -- / bilans publiés
    ('TRANSFERTS\_MANQUANTS',     'trf01',             false),  -- lignes de TRF-01
    ('ANOMALIES\_TRF-01',         'trf01',             false);
INSERT INTO ind_sec_liens
SELECT 'SOCLE\_' || replace(d, '_', '\_') || '\_%', 'socle_' || d, false
FROM (SELECT unnest(getvariable('ind_domaines')) AS d);
