-- Records longer than the reader's limit were read as an empty stand-in (same rank): rejected as such.
UPDATE {table} SET _erreur = 'LIGNE_TROP_LONGUE:' WHERE rowid IN ({rangs})
