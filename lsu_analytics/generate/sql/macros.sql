-- Pseudo-aléa déterministe : une valeur dans [0, 1) par (graine, étiquette, clé).
-- Aucune dépendance à l'ordre des lignes ni au nombre de threads.
CREATE OR REPLACE TEMP MACRO rnd(tag, k) AS
    hash(hash(getvariable('seed'), tag, k))::DOUBLE / 18446744073709551616.0;
CREATE OR REPLACE TEMP MACRO rnd2(tag, k1, k2) AS
    hash(hash(getvariable('seed'), tag, k1, k2))::DOUBLE / 18446744073709551616.0;
-- Entier dans 0..n-1.
CREATE OR REPLACE TEMP MACRO rndi(tag, k, n) AS floor(rnd(tag, k) * n)::BIGINT;
CREATE OR REPLACE TEMP MACRO rndi2(tag, k1, k2, n) AS floor(rnd2(tag, k1, k2) * n)::BIGINT;
-- Une heure ouvrée (08:00..18:59:59) en intervalle.
CREATE OR REPLACE TEMP MACRO heure(tag, k1, k2) AS to_seconds(8 * 3600 + rndi2(tag, k1, k2, 11 * 3600));
CREATE OR REPLACE TEMP MACRO jours(n) AS to_days(CAST(n AS INTEGER));

CREATE OR REPLACE TEMP MACRO niveau_of(l) AS
    (['CP', 'CE1', 'CE2', 'CM1', 'CM2', '6E', '5E', '4E', '3E'])[l + 1];
CREATE OR REPLACE TEMP MACRO cycle_of(l) AS CASE WHEN l <= 2 THEN 2 WHEN l <= 5 THEN 3 ELSE 4 END;
-- Lettre de contrôle d'un UAI (alphabet à 23 lettres du répertoire national).
CREATE OR REPLACE TEMP MACRO uai_of(num) AS
    lpad(CAST(num AS VARCHAR), 7, '0') || substr('ABCDEFGHJKLMNPRSTUVWXYZ', CAST(num % 23 AS INTEGER) + 1, 1);
-- Fin de l'année scolaire y (dernier instant du 31 août suivant).
CREATE OR REPLACE TEMP MACRO fin_annee(y) AS make_timestamp(CAST(y AS BIGINT) + 1, 8, 31, 23, 59, 59);
CREATE OR REPLACE TEMP MACRO annee_scolaire(d) AS
    CASE WHEN month(d) >= 9 THEN year(d) ELSE year(d) - 1 END;
-- Valeurs des lignes ajoutées, en ISO (reformatées à l'écriture).
CREATE OR REPLACE TEMP MACRO iso_ts(t) AS strftime(t, '%Y-%m-%dT%H:%M:%S');
CREATE OR REPLACE TEMP MACRO iso_d(d) AS strftime(d, '%Y-%m-%d');
-- Numéro des lignes injectées dans un bloc d'élèves : rang de l'injection compté depuis le premier élève du
-- bloc, unique dans tout l'export (un bloc injecte moins de lignes par règle qu'il n'a d'élèves).
CREATE OR REPLACE TEMP MACRO num_inj(rn) AS getvariable('k_debut') + rn;
