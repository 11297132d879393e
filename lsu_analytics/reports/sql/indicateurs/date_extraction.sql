SELECT date_extraction FROM manifeste LIMIT 1
