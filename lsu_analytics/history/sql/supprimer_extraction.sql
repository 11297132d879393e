-- Forget one extraction ($1) before writing it again: historising twice gives the result of once.
DELETE FROM anomalies_presence WHERE date_extraction = $1;
DELETE FROM indicateurs_historique WHERE date_extraction = $1;
DELETE FROM extractions WHERE date_extraction = $1
