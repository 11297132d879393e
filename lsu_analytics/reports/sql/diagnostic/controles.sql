SELECT count(*) > 0 FROM controles
