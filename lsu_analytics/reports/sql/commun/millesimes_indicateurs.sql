SELECT DISTINCT millesime FROM indicateurs ORDER BY millesime
