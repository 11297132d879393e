read_csv(?, delim = ';', quote = '"', escape = '"', header = true, auto_detect = false,
         columns = {columns}, strict_mode = true, null_padding = false, allow_quoted_nulls = true)
