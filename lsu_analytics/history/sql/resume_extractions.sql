-- One row per extraction, oldest first: its figures and what changed since the extraction before it.
SELECT e.date_extraction, e.millesime_courant, e.nb_anomalies,
       count(s.cle) FILTER (WHERE s.statut = 'nouvelle') AS nouvelles,
       count(s.cle) FILTER (WHERE s.statut = 'reapparue') AS reapparues,
       count(s.cle) FILTER (WHERE s.statut = 'persistante') AS persistantes,
       count(s.cle) FILTER (WHERE s.statut = 'resolue') AS resolues,
       e.historise_le, e.manifeste_sha256
FROM extractions e
LEFT JOIN statuts_extractions s USING (date_extraction)
GROUP BY ALL
ORDER BY e.date_extraction
